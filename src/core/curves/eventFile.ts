/**
 * TensorBoard event files: TFRecord framing — uint64 length, masked CRC32C of those 8 bytes,
 * the data, masked CRC32C of the data — around serialized `Event` protobufs. Read in chunks
 * from a byte offset, so a growing file is tailed by parsing only what was appended.
 */
import { open } from 'node:fs/promises';
import { DataError, throwIfAborted } from '../errors';
import { maskedCrc32c } from './crc32c';
import { EventDecoder, ProtoError } from './eventProto';
import { TagBuilders } from './seriesBuilder';
import type { RunTags } from './types';

const HEADER = 12; // uint64 length + uint32 masked CRC of the length
const FOOTER = 4; // uint32 masked CRC of the data
const CHUNK = 4 * 1024 * 1024;
/** Larger records are surely a misread length, not an event worth 1 GiB. */
const MAX_RECORD = 1 << 30;

/** What one {@link EventFileTail.read} found. */
export interface TailUpdate {
  /** Scalars appended since the previous read (empty when nothing new is complete). */
  tags: RunTags;
  /** Number of complete records parsed in this read. */
  records: number;
  /** Records skipped because their data failed the CRC check or did not decode. */
  warnings: string[];
}

/**
 * Incremental reader of one event file. Each {@link read} parses the complete records written
 * since the previous call, starting at the remembered byte offset; a partly written record at
 * the end is left for the next call. Keeps no data itself: callers merge the updates.
 */
export class EventFileTail {
  /** Byte offset of the first record not yet parsed. */
  offset = 0;

  constructor(readonly path: string) {}

  /**
   * Parses new complete records.
   * @throws DataError when a record's length fails its CRC (the framing cannot be trusted after
   *   it) or the file cannot be read; CancelledError when `signal` fires.
   */
  async read(signal?: AbortSignal): Promise<TailUpdate> {
    const builders = new TagBuilders();
    const decoder = new EventDecoder();
    const sink = (tag: string, value: number, step: number, wallTime: number) => builders.push(tag, step, value, wallTime);
    const warnings: string[] = [];
    let records = 0;
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (e) {
      throw new DataError(`cannot read ${this.path}: ${(e as Error).message}`);
    }
    try {
      const { size } = await handle.stat();
      let buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(HEADER, size - this.offset)));
      while (this.offset + HEADER <= size) {
        throwIfAborted(signal);
        const want = Math.min(buf.length, size - this.offset);
        const { bytesRead } = await handle.read(buf, 0, want, this.offset);
        const view = new DataView(buf.buffer, buf.byteOffset, bytesRead);
        let pos = 0;
        while (pos + HEADER <= bytesRead) {
          const len = readLength(view, buf, pos, this.path, this.offset + pos);
          const total = HEADER + len + FOOTER;
          if (pos + total > bytesRead) break;
          const dataStart = pos + HEADER;
          const dataEnd = dataStart + len;
          if (maskedCrc32c(buf, dataStart, dataEnd) !== view.getUint32(dataEnd, true)) {
            warnings.push(`${this.path}: skipped a corrupt record at byte ${this.offset + pos} (data checksum mismatch).`);
          } else {
            try {
              decoder.decode(buf, view, dataStart, dataEnd, sink);
            } catch (e) {
              if (!(e instanceof ProtoError)) throw e;
              warnings.push(`${this.path}: skipped an undecodable event at byte ${this.offset + pos} (${e.message}).`);
            }
          }
          records++;
          pos += total;
        }
        if (pos === 0) {
          // One record larger than the buffer: grow it, unless the record is still being written.
          const len = readLength(view, buf, 0, this.path, this.offset);
          if (this.offset + HEADER + len + FOOTER > size) break;
          buf = Buffer.allocUnsafe(HEADER + len + FOOTER);
          continue;
        }
        this.offset += pos;
      }
    } finally {
      await handle.close();
    }
    return { tags: builders.toTags(), records, warnings };
  }
}

/** The record length at `pos`, checked against its masked CRC. */
function readLength(view: DataView, buf: Uint8Array, pos: number, path: string, fileOffset: number): number {
  const lo = view.getUint32(pos, true);
  const hi = view.getUint32(pos + 4, true);
  if (maskedCrc32c(buf, pos, pos + 8) !== view.getUint32(pos + 8, true)) {
    throw new DataError(`${path}: corrupt record header at byte ${fileOffset} (length checksum mismatch); the file cannot be read past this point.`);
  }
  const len = hi * 4294967296 + lo;
  if (len > MAX_RECORD) throw new DataError(`${path}: record at byte ${fileOffset} claims ${len} bytes; the file is not a TensorBoard event file.`);
  return len;
}

/** Reads every scalar of one event file. Corrupt records are skipped and reported in `warnings`. */
export async function readEventFile(path: string, signal?: AbortSignal): Promise<{ tags: RunTags; warnings: string[] }> {
  const { tags, warnings } = await new EventFileTail(path).read(signal);
  return { tags, warnings };
}

/** True for TensorBoard event file names (`events.out.tfevents.*`). */
export function isEventFileName(name: string): boolean {
  return name.startsWith('events.out.tfevents.');
}
