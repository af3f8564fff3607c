/**
 * A reusable cursor over protobuf wire-format bytes: varints, field skipping, nested spans.
 * Every read takes the end of the enclosing message, so one cursor serves nested messages.
 */

/** Thrown for bytes that are not a well-formed protobuf message. */
export class ProtoError extends Error {}

const TWO_63 = 9223372036854775808;
const TWO_64 = 18446744073709551616;

/** Position plus the bytes it walks; `reset` points it at a new buffer without allocating. */
export class ProtoCursor {
  buf: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  pos = 0;

  /** Points the cursor at `buf` (and a DataView over all of it) at `pos`. */
  reset(buf: Uint8Array, view: DataView, pos: number): void {
    this.buf = buf;
    this.view = view;
    this.pos = pos;
  }

  /** A varint as a number; int64 values beyond ±2^53 lose precision (steps never get there). */
  varint(end: number): number {
    const buf = this.buf;
    if (this.pos >= end) throw new ProtoError('truncated varint');
    let b = buf[this.pos++];
    if (b < 0x80) return b;
    let result = b & 0x7f;
    let scale = 128;
    for (let i = 1; i < 10; i++) {
      if (this.pos >= end) throw new ProtoError('truncated varint');
      b = buf[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result >= TWO_63 ? result - TWO_64 : result;
      scale *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  }

  /** Skips a field of wire type `wire`. */
  skip(wire: number, end: number): void {
    if (wire === 0) this.varint(end);
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) {
      const len = this.varint(end); // read before `pos +=`, which would use the old position
      this.pos += len;
    } else if (wire === 5) this.pos += 4;
    else throw new ProtoError(`unsupported wire type ${wire}`);
    if (this.pos > end) throw new ProtoError('field runs past the end of its message');
  }

  /** Reads a length prefix; returns the end of the field, leaving `pos` at its start. */
  spanEnd(end: number): number {
    const len = this.varint(end);
    const e = this.pos + len;
    if (e > end) throw new ProtoError('field runs past the end of its message');
    return e;
  }
}
