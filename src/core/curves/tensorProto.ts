/**
 * The single number inside a scalar `TensorProto` (what `tf.summary.scalar` writes in TF 2):
 * dtype (1), tensor_shape (2), tensor_content (4) or a typed repeated field — float_val (5),
 * double_val (6), int_val (7), int64_val (10), bool_val (11), half_val (13). Tensors with more
 * than one element, or of a non-numeric dtype, are not scalars and yield undefined.
 */
import type { ProtoCursor } from './protoCursor';

// TensorFlow DataType enum values.
const DT_FLOAT = 1, DT_DOUBLE = 2, DT_INT32 = 3, DT_UINT8 = 4, DT_INT16 = 5, DT_INT8 = 6, DT_INT64 = 9, DT_BOOL = 10, DT_BFLOAT16 = 14, DT_HALF = 19;
const DTYPE_SIZE: Record<number, number> = { [DT_FLOAT]: 4, [DT_DOUBLE]: 8, [DT_INT32]: 4, [DT_UINT8]: 1, [DT_INT16]: 2, [DT_INT8]: 1, [DT_INT64]: 8, [DT_BOOL]: 1, [DT_BFLOAT16]: 2, [DT_HALF]: 2 };

/** IEEE half precision bits → number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const bf16 = new DataView(new ArrayBuffer(4));
function bfloat16ToNumber(bits: number): number {
  bf16.setUint32(0, (bits & 0xffff) << 16);
  return bf16.getFloat32(0);
}

/** Reads one element of `dtype` from raw little-endian tensor_content bytes. */
function fromContent(view: DataView, at: number, len: number, dtype: number): number | undefined {
  if (DTYPE_SIZE[dtype] !== len) return undefined;
  switch (dtype) {
    case DT_FLOAT: return view.getFloat32(at, true);
    case DT_DOUBLE: return view.getFloat64(at, true);
    case DT_INT32: return view.getInt32(at, true);
    case DT_UINT8: case DT_BOOL: return view.getUint8(at);
    case DT_INT16: return view.getInt16(at, true);
    case DT_INT8: return view.getInt8(at);
    case DT_INT64: return Number(view.getBigInt64(at, true));
    case DT_BFLOAT16: return bfloat16ToNumber(view.getUint16(at, true));
    case DT_HALF: return halfToNumber(view.getUint16(at, true));
  }
  return undefined;
}

/** Element count of the TensorShapeProto in [pos, end): the product of dim (2) sizes (1). */
function shapeSize(r: ProtoCursor, end: number): number {
  let count = 1;
  while (r.pos < end) {
    const key = r.varint(end);
    if (key === 0x12) {
      const e = r.spanEnd(end);
      let size = 1;
      while (r.pos < e) {
        const k = r.varint(e);
        if (k === 0x08) size = r.varint(e);
        else r.skip(k & 7, e);
      }
      count *= size;
    } else r.skip(key & 7, end);
  }
  return count;
}

/** Reads packed or unpacked repeated numbers of a typed field into `out`. */
function readRepeated(r: ProtoCursor, field: number, wire: number, end: number, out: number[]): void {
  const one = (limit: number): number => {
    if (field === 5) {
      r.pos += 4;
      return r.view.getFloat32(r.pos - 4, true);
    }
    if (field === 6) {
      r.pos += 8;
      return r.view.getFloat64(r.pos - 8, true);
    }
    const v = r.varint(limit);
    // int_val holds int32 as a sign-extended varint; half_val holds raw 16 bits.
    return field === 7 ? v | 0 : v;
  };
  if (wire === 2) {
    const e = r.spanEnd(end);
    while (r.pos < e) out.push(one(e));
    r.pos = e;
  } else out.push(one(end));
}

/** The scalar in the TensorProto at [r.pos, end), or undefined when it is not one number. */
export function scalarFromTensor(r: ProtoCursor, end: number): number | undefined {
  let dtype = 0;
  let elements = 1;
  let contentStart = -1;
  let contentEnd = -1;
  const found: number[] = [];
  let typedField = 0;
  while (r.pos < end) {
    const key = r.varint(end);
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === 0) dtype = r.varint(end);
    else if (field === 2 && wire === 2) {
      const e = r.spanEnd(end);
      elements = shapeSize(r, e);
      r.pos = e;
    } else if (field === 4 && wire === 2) {
      contentEnd = r.spanEnd(end);
      contentStart = r.pos;
      r.pos = contentEnd;
    } else if (field === 5 || field === 6 || field === 7 || field === 10 || field === 11 || field === 13) {
      typedField = field;
      readRepeated(r, field, wire, end, found);
    } else r.skip(wire, end);
  }
  if (r.pos > end || elements !== 1) return undefined;
  if (contentEnd > contentStart) return fromContent(r.view, contentStart, contentEnd - contentStart, dtype);
  if (found.length !== 1) return undefined;
  if (typedField === 13) return dtype === DT_BFLOAT16 ? bfloat16ToNumber(found[0]) : halfToNumber(found[0]);
  return found[0];
}
