/**
 * Appends backward nodes to a graph: fresh names, constant initializers, attribute builders and
 * opset-aware forms of the ops whose signature changed between opsets (ReduceSum, Slice, Squeeze).
 */
import { onnx } from 'onnx-proto';
import { NameAllocator } from '../../deploy/optimize/graph';
import { float32Tensor } from '../../deploy/optimize/tensors';

const A = onnx.AttributeProto.AttributeType;

/** Attribute builders (typed so a float attribute never goes out as an int). */
export const attr = {
  i: (name: string, v: number): onnx.IAttributeProto => ({ name, type: A.INT, i: v }),
  f: (name: string, v: number): onnx.IAttributeProto => ({ name, type: A.FLOAT, f: v }),
  ints: (name: string, v: readonly number[]): onnx.IAttributeProto => ({ name, type: A.INTS, ints: [...v] }),
  s: (name: string, v: string): onnx.IAttributeProto => ({ name, type: A.STRING, s: new TextEncoder().encode(v) }),
};

/** Writes new nodes and initializers into a graph; every name it makes is unused in the graph. */
export class Emitter {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private readonly names: NameAllocator;
  private readonly constCache = new Map<string, string>();

  constructor(graph: onnx.IGraphProto, readonly opset: number) {
    this.names = new NameAllocator(graph);
  }

  fresh(base: string): string {
    return this.names.fresh(base);
  }

  /** Adds one node and returns its outputs' names. */
  op(opType: string, inputs: readonly string[], attributes: onnx.IAttributeProto[] = [], nOut = 1): string[] {
    const outputs = Array.from({ length: nOut }, () => this.fresh(`grad/${opType}`));
    this.nodes.push({ opType, input: [...inputs], output: outputs, attribute: attributes, name: this.fresh(`grad/${opType}_node`) });
    return outputs;
  }

  /** Single-output shorthand for {@link op}. */
  op1(opType: string, inputs: readonly string[], attributes: onnx.IAttributeProto[] = []): string {
    return this.op(opType, inputs, attributes)[0];
  }

  /**
   * `g` where the boolean `mask` holds, else 0, as g · float(mask): onnxruntime runs Where element
   * by element on one thread, while Cast and Mul are vectorised and threaded (ReLU6 gradients of
   * MobileNetV2 took 40 % of its backward pass as Where). Unlike Where (and PyTorch), a NaN or
   * infinite g stays NaN where the mask is off, and a negative g gives −0 there: an upstream
   * gradient that is already non-finite is not hidden.
   */
  mask(g: string, mask: string): string {
    return this.op1('Mul', [g, this.op1('Cast', [mask], [attr.i('to', onnx.TensorProto.DataType.FLOAT)])]);
  }

  /** An int64 initializer (shared when the same values are asked for twice). */
  i64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `i64:${dims.join('x')}:${values.join(',')}`;
    const hit = this.constCache.get(key);
    if (hit) return hit;
    const name = this.fresh('grad/const_i64');
    this.initializers.push(onnx.TensorProto.create({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] }));
    this.constCache.set(key, name);
    return name;
  }

  /** A float32 initializer (a scalar when `dims` is []). */
  f32(values: readonly number[] | Float32Array, dims: readonly number[] = []): string {
    const arr = values instanceof Float32Array ? values : Float32Array.from(values);
    const key = arr.length <= 4 ? `f32:${dims.join('x')}:${Array.from(arr).join(',')}` : '';
    const hit = key ? this.constCache.get(key) : undefined;
    if (hit) return hit;
    const name = this.fresh('grad/const_f32');
    this.initializers.push(float32Tensor(name, dims, arr));
    if (key) this.constCache.set(key, name);
    return name;
  }

  /** Zeros of a static shape. */
  zeros(dims: readonly number[]): string {
    return this.op1('ConstantOfShape', [this.i64(dims)], [{ name: 'value', type: A.TENSOR, t: float32Tensor('', [1], new Float32Array(1)) }]);
  }

  reshape(x: string, dims: readonly number[]): string {
    // A 0 in the target shape means "copy that dim" unless allowzero (opset 14) is set.
    const zero = dims.includes(0);
    if (zero && this.opset < 14) return this.op1('Expand', [this.op1('Reshape', [x, this.i64([-1])]), this.i64(dims)]);
    return this.op1('Reshape', [x, this.i64(dims)], zero ? [attr.i('allowzero', 1)] : []);
  }

  /** Sum over `axes` (ReduceSum takes axes as an attribute before opset 13, as an input since). */
  reduceSum(x: string, axes: readonly number[], keepdims: boolean): string {
    const keep = attr.i('keepdims', keepdims ? 1 : 0);
    if (this.opset >= 13) return this.op1('ReduceSum', [x, this.i64(axes)], [keep]);
    return this.op1('ReduceSum', [x], [attr.ints('axes', axes), keep]);
  }

  /** Slice with static starts/ends on `axes`, step 1. */
  slice(x: string, starts: readonly number[], ends: readonly number[], axes: readonly number[]): string {
    return this.op1('Slice', [x, this.i64(starts), this.i64(ends), this.i64(axes)]);
  }

  /** Zero padding by static `pads` ([begin..., end...] for every axis). */
  pad(x: string, pads: readonly number[]): string {
    return this.op1('Pad', [x, this.i64(pads)]);
  }

  /**
   * Sums a gradient of broadcast shape `from` back to an operand's shape `to` (numpy rules):
   * leading extra axes and axes where the operand has 1 are summed away.
   */
  unbroadcast(g: string, from: readonly number[], to: readonly number[]): string {
    const lead = from.length - to.length;
    const axes: number[] = [];
    for (let i = 0; i < from.length; i++) if (i < lead || (to[i - lead] === 1 && from[i] !== 1)) axes.push(i);
    if (axes.length === 0) return sameDims(from, to) ? g : this.reshape(g, to);
    const summed = this.reduceSum(g, axes, true);
    return this.reshape(summed, to);
  }
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
