/**
 * Reading and writing ONNX TensorProto payloads: float32 values out of `raw_data` or
 * `float_data`, int8 and float16 tensors back in as little-endian `raw_data`.
 */
import { onnx } from 'onnx-proto';
import { ModelError } from '../../errors';
import { toNumber, type Int64 } from '../../onnx/protoTypes';

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
export const INT8 = onnx.TensorProto.DataType.INT8;

/** Dimensions of a tensor as plain numbers. */
export function tensorDims(t: onnx.ITensorProto): number[] {
  return (t.dims ?? []).map((d) => toNumber(d as Int64));
}

/** Element count of a tensor from its dims (1 for a scalar). */
export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** True when the tensor's payload lives in the model file (not in external data). */
export function isInline(t: onnx.ITensorProto): boolean {
  return (t.externalData ?? []).length === 0 && t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL;
}

/** The float32 values of a FLOAT tensor, copied out of raw_data (little-endian) or float_data. */
export function readFloat32(t: onnx.ITensorProto): Float32Array {
  if (t.dataType !== FLOAT) throw new ModelError(`tensor '${t.name}' is not float32`);
  if (!isInline(t)) throw new ModelError(`tensor '${t.name}' keeps its data in an external file; load models with inline weights.`);
  const n = elementCount(tensorDims(t));
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    if (raw.length !== n * 4) throw new ModelError(`tensor '${t.name}' has ${raw.length} bytes of raw data for ${n} floats.`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  const list = t.floatData ?? [];
  if (list.length !== n) throw new ModelError(`tensor '${t.name}' has ${list.length} values for ${n} elements.`);
  return Float32Array.from(list);
}

/** A new initializer holding int8 values. */
export function int8Tensor(name: string, dims: readonly number[], values: Int8Array): onnx.TensorProto {
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: INT8, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
}

/** A new float32 initializer. */
export function float32Tensor(name: string, dims: readonly number[], values: Float32Array): onnx.TensorProto {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: FLOAT, rawData: bytes });
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * IEEE 754 binary16 bits of a float32, rounded to nearest, ties to even (as numpy and the ONNX
 * Cast spec do). Overflow gives ±Infinity, NaN stays NaN, tiny values become subnormals or ±0.
 */
export function toFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: shift the mantissa (with its implicit 1) right, rounding ties to even.
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let h = mant >>> shift;
    if (rest > half || (rest === half && (h & 1))) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to Infinity).
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1))) h++;
  return sign | h;
}

/** The number a binary16 bit pattern stands for. */
export function fromFloat16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** A float32 tensor converted to a float16 tensor of the same name and shape. */
export function toFloat16Tensor(t: onnx.ITensorProto): onnx.TensorProto {
  const values = readFloat32(t);
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(i * 2, toFloat16Bits(values[i]), true);
  return onnx.TensorProto.create({ name: t.name, dims: t.dims, dataType: FLOAT16, rawData: bytes, docString: t.docString });
}
