/**
 * The single number inside a scalar `TensorProto` (what `tf.summary.scalar` writes in TF 2):
 * dtype (1), tensor_shape (2), tensor_content (4) or a typed repeated field — float_val (5),
 * double_val (6), int_val (7), int64_val (10), half_val (13), bool_val (11). Tensors with more
 * than one element, or of a non-numeric dtype, are not scalars and yield undefined.
 */

/** The protobuf cursor this module reads with (see eventProto.ts). */
export interface ProtoCursor {
  readonly buf: Uint8Array;
  readonly view: DataView;
  pos: number;
  readonly end: number;
  varint(): number;
  skip(wire: number): void;
  span(): [number, number];
}

// TensorFlow DataType enum values.
const DT_FLOAT = 1, DT_DOUBLE = 2, DT_INT32 = 3, DT_UINT8 = 4, DT_INT16 = 5, DT_INT8 = 6, DT_INT64 = 9, DT_BOOL = 10, DT_BFLOAT16 = 14, DT_HALF = 19;

/** IEEE half precision bits → number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function bfloat16ToNumber(bits: number): number {
  const v = new DataView(new ArrayBuffer(4));
  v.setUint32(0, (bits & 0xffff) << 16);
  return v.getFloat32(0);
}

/** Reads one element of `dtype` from raw little-endian tensor_content bytes. */
function fromContent(view: DataView, at: number, len: number, dtype: number): number | undefined {
  const size: Record<number, number> = { [DT_FLOAT]: 4, [DT_DOUBLE]: 8, [DT_INT32]: 4, [DT_UINT8]: 1, [DT_INT16]: 2, [DT_INT8]: 1, [DT_INT64]: 8, [DT_BOOL]: 1, [DT_BFLOAT16]: 2, [DT_HALF]: 2 };
  if (size[dtype] !== len) return undefined;
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

/** Element count of a TensorShapeProto (dim = field 2, each with size = field 1). */
function shapeSize(r: ProtoCursor, start: number, end: number): number {
  const save = r.pos;
  r.pos = start;
  let count = 1;
  const outerEnd = end;
  while (r.pos < outerEnd) {
    const key = r.varint();
    if (key === ((2 << 3) | 2)) {
      const [s, e] = r.span();
      let size = 1;
      const after = r.pos;
      r.pos = s;
      while (r.pos < e) {
        const k = r.varint();
        if (k === ((1 << 3) | 0)) size = r.varint();
        else r.skip(k & 7);
      }
      r.pos = after;
      count *= size;
    } else r.skip(key & 7);
  }
  r.pos = save;
  return count;
}

/** The scalar in a TensorProto, or undefined when it is not a single number. */
export function scalarFromTensor(r: ProtoCursor): number | undefined {
  let dtype = 0;
  let elements = 1;
  let content: [number, number] | undefined;
  const found: number[] = [];
  let fieldDtype = 0;
  while (r.pos < r.end) {
    const key = r.varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field === 1 && wire === 0) dtype = r.varint();
    else if (field === 2 && wire === 2) {
      const [s, e] = r.span();
      elements = shapeSize(r, s, e);
    } else if (field === 4 && wire === 2) content = r.span();
    else if (field === 5 || field === 6 || field === 7 || field === 10 || field === 11 || field === 13) {
      fieldDtype = field;
      readRepeated(r, field, wire, found);
    } else r.skip(wire);
  }
  if (elements !== 1) return undefined;
  if (content && content[1] > content[0]) return fromContent(r.view, content[0], content[1] - content[0], dtype);
  if (found.length !== 1) return undefined;
  if (fieldDtype === 13) return dtype === DT_BFLOAT16 ? bfloat16ToNumber(found[0]) : halfToNumber(found[0]);
  return found[0];
}

/** Reads packed or unpacked repeated numbers of a typed field into `out`. */
function readRepeated(r: ProtoCursor, field: number, wire: number, out: number[]): void {
  const one = (): number => {
    if (field === 5) {
      const v = r.view.getFloat32(r.pos, true);
      r.pos += 4;
      return v;
    }
    if (field === 6) {
      const v = r.view.getFloat64(r.pos, true);
      r.pos += 8;
      return v;
    }
    const v = r.varint();
    // int_val holds int32 as a sign-extended varint; half_val holds raw 16 bits.
    return field === 7 ? v | 0 : v;
  };
  if (wire === 2) {
    const [s, e] = r.span();
    const after = r.pos;
    r.pos = s;
    while (r.pos < e) out.push(one());
    r.pos = after;
  } else out.push(one());
}
