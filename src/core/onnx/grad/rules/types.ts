/** The shape of a gradient rule: from the output gradients of one node to its input gradients. */
import type { onnx } from 'onnx-proto';
import type { Emitter } from '../emit';
import type { Attrs, ConstantValues } from '../nodeInfo';

/** What a rule sees of its forward node and the graph being built. */
export interface RuleContext {
  readonly node: onnx.INodeProto;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly attrs: Attrs;
  readonly em: Emitter;
  readonly consts: ConstantValues;
  readonly opset: number;
  /** Static shape of a tensor (from the shapes the caller inferred). */
  shape(name: string): number[];
  /** True when input `i` needs a gradient (it depends on a tensor we differentiate for). */
  wants(i: number): boolean;
  /** Throws the "not supported" error for this node, with a reason. */
  unsupported(why: string): never;
}

/**
 * Gradient rule: `gy[k]` is d(loss)/d(output k) (undefined when that output does not reach the
 * loss); returns d(loss)/d(input i) for each input it was asked for (undefined elsewhere).
 */
export type GradRule = (ctx: RuleContext, gy: (string | undefined)[]) => (string | undefined)[];
