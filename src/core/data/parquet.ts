/**
 * Parquet reader on hyparquet. Reads one row group at a time so a cancel lands between row
 * groups (and between file reads), and only decoded column chunks of one group are alive.
 */

import { open, type FileHandle } from 'node:fs/promises';
// A static import: esbuild bundles this ESM-only package into the CJS output, and tsx
// compiles it for tests; a dynamic import() would stay a runtime ESM load in the bundle.
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type ColumnData, type FileMetaData } from 'hyparquet';
import { DataError, throwIfAborted } from '../errors';
import { ColumnBuilder } from './builder';
import type { ReadOptions, Table } from './table';

/**
 * Reads a Parquet file into a {@link Table}. Booleans, integers (BigInt included) and floats
 * become numeric columns; strings, dates and nested values become string columns; nulls are
 * missing.
 * @throws DataError when the file is not valid Parquet or has no rows;
 *   CancelledError when `opts.signal` fires.
 */
export async function readParquet(path: string, opts: ReadOptions = {}): Promise<Table> {
  throwIfAborted(opts.signal);
  const handle = await open(path, 'r');
  try {
    const file = await fileBuffer(handle, opts.signal);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (err) {
      throwIfAborted(opts.signal);
      throw new DataError(`${path} is not a readable Parquet file: ${(err as Error).message}`);
    }
    const names = parquetSchema(metadata).children.map((c) => c.element.name);
    const total = Number(metadata.num_rows);
    const limit = opts.maxRows && opts.maxRows > 0 ? Math.min(opts.maxRows, total) : total;
    // The row count is known up front, so numeric buffers never need to grow.
    const builders = names.map((name) => new ColumnBuilder(name, false, limit));

    let groupStart = 0;
    for (const group of metadata.row_groups) {
      if (groupStart >= limit) break;
      const groupEnd = Math.min(groupStart + Number(group.num_rows), limit);
      await readGroup(path, file, metadata, groupStart, groupEnd, builders, opts.signal);
      groupStart += Number(group.num_rows);
      opts.onProgress?.(total > 0 ? Math.min(1, groupEnd / total) : 1);
    }
    if (limit === 0) throw new DataError(`${path} has no data rows.`);
    return { columns: builders.map((b) => b.finish()), nRows: limit };
  } finally {
    await handle.close();
  }
}

async function readGroup(
  path: string, file: AsyncBuffer, metadata: FileMetaData, rowStart: number, rowEnd: number,
  builders: ColumnBuilder[], signal: AbortSignal | undefined,
): Promise<void> {
  const chunks = new Map<string, ColumnData[]>();
  try {
    await parquetRead({
      file, metadata, rowStart, rowEnd,
      onChunk: (chunk) => {
        const list = chunks.get(chunk.columnName);
        if (list) list.push(chunk);
        else chunks.set(chunk.columnName, [chunk]);
      },
    });
  } catch (err) {
    throwIfAborted(signal);
    throw new DataError(`${path}: cannot decode Parquet rows ${rowStart}-${rowEnd}: ${(err as Error).message}`);
  }
  for (const b of builders) {
    // Chunks may arrive in any order and may extend past the requested rows: clip them.
    const list = (chunks.get(b.name) ?? []).sort((a, c) => a.rowStart - c.rowStart);
    for (const chunk of list) {
      const from = Math.max(rowStart, chunk.rowStart);
      const to = Math.min(rowEnd, chunk.rowEnd);
      const data = chunk.columnData;
      for (let r = from; r < to; r++) b.pushValue(data[r - chunk.rowStart]);
    }
    if (b.length !== rowEnd) {
      throw new DataError(`${path}: column '${b.name}' has ${b.length} values where ${rowEnd} were expected.`);
    }
  }
}

/** File access for hyparquet through one open handle; each read first checks for a cancel. */
async function fileBuffer(handle: FileHandle, signal: AbortSignal | undefined): Promise<AsyncBuffer> {
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      throwIfAborted(signal);
      const buf = new Uint8Array(Math.max(0, end - start));
      let done = 0;
      while (done < buf.length) {
        const { bytesRead } = await handle.read(buf, done, buf.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buf.buffer;
    },
  };
}
