/**
 * One entry point for tabular data files: picks the reader from the file extension and turns
 * file-system problems into {@link DataError}s a user can act on.
 */

import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DataError, throwIfAborted } from '../errors';
import { readDelimited } from './csv';
import { readJsonLines } from './jsonl';
import { readParquet } from './parquet';
import type { ReadOptions, Table } from './table';

type Reader = (path: string, opts: ReadOptions) => Promise<Table>;

const READERS: Readonly<Record<string, Reader>> = {
  '.csv': readDelimited,
  '.tsv': readDelimited,
  '.tab': readDelimited,
  '.txt': readDelimited,
  '.jsonl': readJsonLines,
  '.ndjson': readJsonLines,
  '.parquet': readParquet,
  '.pq': readParquet,
};

/** File extensions {@link readTable} understands, lower case with the dot. */
export const SUPPORTED_DATA_EXTENSIONS: readonly string[] = Object.keys(READERS);

/** True when {@link readTable} has a reader for this path's extension. */
export function isSupportedDataFile(path: string): boolean {
  return Object.hasOwn(READERS, extname(path).toLowerCase());
}

/**
 * Reads a CSV/TSV, JSON Lines or Parquet file into a {@link Table}, choosing the reader by
 * extension (case-insensitive).
 * @throws DataError for a missing file, a directory, an unknown extension or bad content;
 *   CancelledError when `opts.signal` fires.
 */
export async function readTable(path: string, opts: ReadOptions = {}): Promise<Table> {
  throwIfAborted(opts.signal);
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new DataError(`file not found: ${path}`);
    throw new DataError(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (!isFile) throw new DataError(`${path} is a directory, not a data file; pick a ${SUPPORTED_DATA_EXTENSIONS.join('/')} file.`);
  const ext = extname(path).toLowerCase();
  const reader = Object.hasOwn(READERS, ext) ? READERS[ext] : undefined;
  if (!reader) {
    const what = ext ? `'${ext}' files` : 'files without an extension';
    throw new DataError(`cannot read ${path}: ${what} are not supported; use one of ${SUPPORTED_DATA_EXTENSIONS.join(', ')}.`);
  }
  return reader(path, opts);
}
