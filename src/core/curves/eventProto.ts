/**
 * Hand decoding of the few protobuf fields a scalar reader needs from TensorFlow's `Event`:
 * wall_time (1, double), step (2, int64), summary (5) → Summary.value (1) → tag (1),
 * simple_value (2, float) or tensor (8, a TensorProto holding one number). Everything else is
 * skipped by wire type, so images, histograms and graphs cost only a jump.
 */

import { scalarFromTensor } from './tensorProto';

/** One decoded event: its clock, its step and the scalar values it carries. */
export interface ScalarEvent {
  wallTime: number;
  step: number;
  tags: string[];
  values: number[];
}

/** Thrown for bytes that are not a well-formed protobuf message. */
export class ProtoError extends Error {}

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
const TWO_64 = 18446744073709551616;

/** A cursor over protobuf bytes. Numbers above 2^53 lose precision; steps never get there. */
class Reader {
  constructor(readonly buf: Uint8Array, readonly view: DataView, public pos: number, readonly end: number) {}

  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result >= TWO_63 ? result - TWO_64 : result;
      scale *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  }

  /** Skips a field of the given wire type. */
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos += this.varint();
    else if (wire === 5) this.pos += 4;
    else throw new ProtoError(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new ProtoError('field runs past the end of its message');
  }

  /** The [start, end) of a length-delimited field. */
  span(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    this.pos += len;
    if (this.pos > this.end) throw new ProtoError('field runs past the end of its message');
    return [start, this.pos];
  }
}

const utf8 = new TextDecoder();

/**
 * Decodes the scalars of one serialized `Event` in `buf[start, end)`. An event without
 * scalar summaries (file_version, graph, images, ...) comes back with empty `tags`.
 * Pass `view` (a DataView over all of `buf`) to save creating one per event.
 * @throws ProtoError for malformed bytes.
 */
export function decodeScalarEvent(buf: Uint8Array, start: number, end: number, view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)): ScalarEvent {
  const r = new Reader(buf, view, start, end);
  const ev: ScalarEvent = { wallTime: NaN, step: 0, tags: [], values: [] };
  while (r.pos < end) {
    const key = r.varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field === 1 && wire === 1) {
      ev.wallTime = view.getFloat64(r.pos, true);
      r.pos += 8;
    } else if (field === 2 && wire === 0) ev.step = r.varint();
    else if (field === 5 && wire === 2) {
      const [s, e] = r.span();
      decodeSummary(new Reader(buf, view, s, e), ev);
    } else r.skip(wire);
  }
  if (r.pos > end) throw new ProtoError('event runs past its record');
  return ev;
}

function decodeSummary(r: Reader, ev: ScalarEvent): void {
  while (r.pos < r.end) {
    const key = r.varint();
    if (key === ((1 << 3) | 2)) {
      const [s, e] = r.span();
      decodeValue(new Reader(r.buf, r.view, s, e), ev);
    } else r.skip(key & 7);
  }
}

function decodeValue(r: Reader, ev: ScalarEvent): void {
  let tag: string | undefined;
  let value: number | undefined;
  while (r.pos < r.end) {
    const key = r.varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field === 1 && wire === 2) {
      const [s, e] = r.span();
      tag = utf8.decode(r.buf.subarray(s, e));
    } else if (field === 2 && wire === 5) {
      value = r.view.getFloat32(r.pos, true);
      r.pos += 4;
    } else if (field === 8 && wire === 2) {
      const [s, e] = r.span();
      value = scalarFromTensor(new Reader(r.buf, r.view, s, e));
    } else r.skip(wire);
  }
  if (tag !== undefined && value !== undefined) {
    ev.tags.push(tag);
    ev.values.push(value);
  }
}
