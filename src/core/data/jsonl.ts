/**
 * Streaming reader for JSON Lines (.jsonl, .ndjson): one JSON object per line. Columns are
 * the union of keys in first-seen order; a key absent from a row is a missing cell.
 */

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CancelledError, DataError, throwIfAborted } from '../errors';
import { ColumnBuilder } from './builder';
import type { ReadOptions, Table } from './table';

/**
 * Reads a JSON Lines file into a {@link Table}. Numbers and booleans (as 0/1) make numeric
 * columns; a column holding any string (or object) becomes a string column; null is missing.
 * @throws DataError naming the line of invalid JSON or a line that is not an object;
 *   CancelledError when `opts.signal` fires.
 */
export async function readJsonLines(path: string, opts: ReadOptions = {}): Promise<Table> {
  throwIfAborted(opts.signal);
  const { size } = await stat(path);
  const maxRows = opts.maxRows && opts.maxRows > 0 ? opts.maxRows : Infinity;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  // Closing the line reader ends the loop below, so a cancel lands even while waiting on I/O
  // (destroying the stream alone would leave the iterator pending forever).
  const onAbort = (): void => {
    lines.close();
    stream.destroy();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const builders = new Map<string, ColumnBuilder>();
  let nRows = 0;
  let lineNo = 0;
  let lastReport = 0;
  try {
    for await (let line of lines) {
      lineNo++;
      if (opts.signal?.aborted) break;
      if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      if (line.trim() === '') continue;
      addRow(builders, parseLine(path, line, lineNo), nRows);
      if (++nRows >= maxRows) break;
      if (opts.onProgress && (nRows & 1023) === 0 && size > 0) {
        const now = Date.now();
        if (now - lastReport >= 100) {
          lastReport = now;
          opts.onProgress(Math.min(1, stream.bytesRead / size));
        }
      }
    }
  } catch (err) {
    if (opts.signal?.aborted) throw new CancelledError();
    if (err instanceof DataError) throw err;
    throw new DataError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    lines.close();
    stream.destroy();
  }
  throwIfAborted(opts.signal);
  if (nRows === 0) throw new DataError(`${path} has no data rows: expected one JSON object per line.`);
  opts.onProgress?.(1);
  return { columns: [...builders.values()].map((b) => b.finish()), nRows };
}

function parseLine(path: string, line: string, lineNo: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new DataError(`${path}: line ${lineNo} is not valid JSON (${(err as Error).message}).`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataError(`${path}: line ${lineNo} is not a JSON object; JSON Lines data needs one {"column": value, ...} object per line.`);
  }
  return value as Record<string, unknown>;
}

/** Appends row `rowIndex`; a new key gets a column back-filled with missing cells. */
function addRow(builders: Map<string, ColumnBuilder>, row: Record<string, unknown>, rowIndex: number): void {
  for (const key in row) {
    let b = builders.get(key);
    if (!b) {
      b = new ColumnBuilder(key);
      for (let i = 0; i < rowIndex; i++) b.pushMissing();
      builders.set(key, b);
    }
    b.pushValue(row[key]);
  }
  for (const b of builders.values()) if (b.length <= rowIndex) b.pushMissing();
}
