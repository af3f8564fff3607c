/**
 * Hand decoding of the few protobuf fields a scalar reader needs from TensorFlow's `Event`:
 * wall_time (1, double), step (2, int64), summary (5) → Summary.value (1) → tag (1),
 * simple_value (2, float) or tensor (8, a TensorProto holding one number). Everything else is
 * skipped by wire type, so images, histograms and graphs cost only a jump. One cursor is reused
 * for every event and tag strings are cached by their bytes: a million events allocate little.
 */
import { ProtoCursor, ProtoError } from './protoCursor';
import { scalarFromTensor } from './tensorProto';

export { ProtoError } from './protoCursor';

/** One decoded event: its clock, its step and the scalar values it carries. */
export interface ScalarEvent {
  wallTime: number;
  step: number;
  tags: string[];
  values: number[];
}

/** Receives each scalar of an event: (tag, value), after the event's step and time are known. */
export type ScalarSink = (tag: string, value: number, step: number, wallTime: number) => void;

/** Recently seen tags by their UTF-8 bytes; logs have few tags, so a short list is enough. */
class TagCache {
  private readonly bytes: Uint8Array[] = [];
  private readonly strings: string[] = [];
  private readonly decoder = new TextDecoder();

  get(buf: Uint8Array, start: number, end: number): string {
    const len = end - start;
    outer: for (let k = 0; k < this.bytes.length; k++) {
      const b = this.bytes[k];
      if (b.length !== len) continue;
      for (let i = 0; i < len; i++) if (b[i] !== buf[start + i]) continue outer;
      return this.strings[k];
    }
    const s = this.decoder.decode(buf.subarray(start, end));
    if (this.bytes.length >= 64) {
      this.bytes.pop();
      this.strings.pop();
    }
    this.bytes.unshift(buf.slice(start, end));
    this.strings.unshift(s);
    return s;
  }
}

/** Decodes events one after another with one cursor and one tag cache. */
export class EventDecoder {
  private readonly cur = new ProtoCursor();
  private readonly tagCache = new TagCache();
  // Scalars of the event being decoded, reported once step and wall time are known (fields
  // may come in any order).
  private readonly tags: string[] = [];
  private readonly values: number[] = [];
  private count = 0;

  /**
   * Decodes the event in `buf[start, end)` and reports each scalar to `sink`.
   * @throws ProtoError for malformed bytes.
   */
  decode(buf: Uint8Array, view: DataView, start: number, end: number, sink: ScalarSink): void {
    const r = this.cur;
    r.reset(buf, view, start);
    this.count = 0;
    let wallTime = NaN;
    let step = 0;
    while (r.pos < end) {
      const key = r.varint(end);
      if (key === 0x09) {
        wallTime = view.getFloat64(r.pos, true);
        r.pos += 8;
      } else if (key === 0x10) step = r.varint(end);
      else if (key === 0x2a) {
        const e = r.spanEnd(end);
        this.summary(e);
        r.pos = e;
      } else r.skip(key & 7, end);
    }
    if (r.pos > end) throw new ProtoError('event runs past its record');
    for (let k = 0; k < this.count; k++) sink(this.tags[k], this.values[k], step, wallTime);
  }

  private summary(end: number): void {
    const r = this.cur;
    while (r.pos < end) {
      const key = r.varint(end);
      if (key === 0x0a) {
        const e = r.spanEnd(end);
        this.value(e);
        r.pos = e;
      } else r.skip(key & 7, end);
    }
  }

  private value(end: number): void {
    const r = this.cur;
    let tag: string | undefined;
    let value: number | undefined;
    while (r.pos < end) {
      const key = r.varint(end);
      if (key === 0x0a) {
        const e = r.spanEnd(end);
        tag = this.tagCache.get(r.buf, r.pos, e);
        r.pos = e;
      } else if (key === 0x15) {
        value = r.view.getFloat32(r.pos, true);
        r.pos += 4;
      } else if (key === 0x42) {
        const e = r.spanEnd(end);
        value = scalarFromTensor(r, e);
        r.pos = e;
      } else r.skip(key & 7, end);
    }
    if (tag !== undefined && value !== undefined) {
      this.tags[this.count] = tag;
      this.values[this.count++] = value;
    }
  }
}

/**
 * Decodes the scalars of one serialized `Event` in `buf[start, end)`. An event without scalar
 * summaries (file_version, graph, images, ...) comes back with empty `tags`.
 * @throws ProtoError for malformed bytes.
 */
export function decodeScalarEvent(buf: Uint8Array, start: number, end: number): ScalarEvent {
  const ev: ScalarEvent = { wallTime: NaN, step: 0, tags: [], values: [] };
  new EventDecoder().decode(buf, new DataView(buf.buffer, buf.byteOffset, buf.byteLength), start, end, (tag, value, step, wallTime) => {
    ev.tags.push(tag);
    ev.values.push(value);
    ev.step = step;
    ev.wallTime = wallTime;
  });
  return ev;
}
