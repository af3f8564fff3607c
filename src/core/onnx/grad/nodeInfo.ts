/**
 * What a gradient rule needs to know about its forward node: attributes with their defaults,
 * values of constant inputs (initializers and Constant nodes), and tensor shapes.
 */
import { onnx } from 'onnx-proto';
import { toNumber, type Int64 } from '../protoTypes';
import { readFloat32 } from '../../deploy/optimize/tensors';
import { ModelError } from '../../errors';

/** Reads attributes of one node. */
export class Attrs {
  private readonly map = new Map<string, onnx.IAttributeProto>();
  constructor(node: onnx.INodeProto) {
    for (const a of node.attribute ?? []) if (a.name) this.map.set(a.name, a);
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
  int(name: string, dflt: number): number {
    const a = this.map.get(name);
    return a ? toNumber(a.i as Int64) : dflt;
  }
  float(name: string, dflt: number): number {
    const a = this.map.get(name);
    return a ? (a.f ?? 0) : dflt;
  }
  ints(name: string): number[] | undefined {
    const a = this.map.get(name);
    return a ? (a.ints ?? []).map((v) => toNumber(v as Int64)) : undefined;
  }
  str(name: string, dflt: string): string {
    const a = this.map.get(name);
    return a?.s ? new TextDecoder().decode(a.s) : dflt;
  }
}

/** Values of tensors known before the model runs: initializers and Constant node outputs. */
export class ConstantValues {
  private readonly tensors = new Map<string, onnx.ITensorProto>();
  constructor(graph: onnx.IGraphProto) {
    for (const t of graph.initializer ?? []) if (t.name) this.tensors.set(t.name, t);
    for (const n of graph.node ?? []) {
      if (n.opType !== 'Constant' || !n.output?.[0]) continue;
      const value = (n.attribute ?? []).find((a) => a.name === 'value')?.t;
      if (value) this.tensors.set(n.output[0], value);
    }
  }

  /** True when `name` is fixed (an initializer or a Constant output), so it needs no gradient. */
  isConstant(name: string): boolean {
    return this.tensors.has(name);
  }

  /** Dims of a constant tensor; undefined when `name` is not a constant. */
  dims(name: string): number[] | undefined {
    const t = this.tensors.get(name);
    return t ? (t.dims ?? []).map((d) => toNumber(d as Int64)) : undefined;
  }

  /** Values of a float32 constant; undefined when not a float32 constant with inline data. */
  floats(name: string): Float32Array | undefined {
    const t = this.tensors.get(name);
    if (!t || t.dataType !== onnx.TensorProto.DataType.FLOAT) return undefined;
    try {
      return readFloat32(t);
    } catch {
      return undefined;
    }
  }

  /** Integer values of a constant tensor (e.g. Slice starts, Reshape shape); undefined if unknown. */
  ints(name: string | undefined): number[] | undefined {
    if (!name) return undefined;
    const t = this.tensors.get(name);
    if (!t) return undefined;
    const type = t.dataType;
    if (type === onnx.TensorProto.DataType.FLOAT) return Array.from(readFloat32(t));
    if (t.int64Data && t.int64Data.length > 0) return t.int64Data.map((v) => toNumber(v as Int64));
    if (t.int32Data && t.int32Data.length > 0) return [...t.int32Data];
    const raw = t.rawData;
    if (!raw || raw.length === 0) return [];
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out: number[] = [];
    if (type === onnx.TensorProto.DataType.INT64) for (let i = 0; i < raw.length; i += 8) out.push(Number(view.getBigInt64(i, true)));
    else if (type === onnx.TensorProto.DataType.INT32) for (let i = 0; i < raw.length; i += 4) out.push(view.getInt32(i, true));
    else if (type === onnx.TensorProto.DataType.BOOL || type === onnx.TensorProto.DataType.UINT8) for (let i = 0; i < raw.length; i++) out.push(raw[i]);
    else return undefined;
    return out;
  }

  /** Like {@link ints} but throws a clear error when the value is not a constant. */
  requireInts(name: string, what: string, node: onnx.INodeProto): number[] {
    const v = this.ints(name);
    if (!v) throw new ModelError(`The gradient of ${node.opType} node '${node.name ?? ''}' needs its ${what} ('${name}') to be a constant initializer.`);
    return v;
  }
}

/** Normalizes a possibly negative axis against a rank. */
export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
