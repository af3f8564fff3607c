/**
 * Streaming reader for delimited text (CSV, TSV): header row, quoted fields, embedded
 * newlines, BOM and CRLF are handled by csv-parse; typing and column building happen here.
 */

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse, type Parser } from 'csv-parse';
import { CancelledError, DataError, throwIfAborted } from '../errors';
import { ColumnBuilder } from './builder';
import type { ReadOptions, Table } from './table';

/** Options for {@link readDelimited}. */
export interface DelimitedOptions extends ReadOptions {
  /** Field separator; by default a tab for .tsv/.tab files, else sniffed from the header. */
  readonly delimiter?: string;
}

/**
 * Reads a delimited text file into a {@link Table}. A column is numeric when every
 * non-missing cell is a number ("inf" counts as Infinity), otherwise a string column.
 * @throws DataError for ragged rows, bad headers or a file without data rows;
 *   CancelledError when `opts.signal` fires.
 */
export async function readDelimited(path: string, opts: DelimitedOptions = {}): Promise<Table> {
  throwIfAborted(opts.signal);
  const delimiter = opts.delimiter ?? (await guessDelimiter(path));
  const first = await parseOnce(path, delimiter, opts, new Set());
  // A column that turned to text after numeric cells lost their original spelling ("007"
  // became "7"): read once more with those columns as text from the start. Rare in practice.
  const lossy = first.builders.filter((b) => b.lossy).map((b) => b.name);
  const result = lossy.length === 0 ? first : await parseOnce(path, delimiter, opts, new Set(lossy));
  return { columns: result.builders.map((b) => b.finish()), nRows: result.nRows };
}

/** Tab for .tsv/.tab; otherwise comma, or semicolon when the header has `;` but no `,`. */
async function guessDelimiter(path: string): Promise<string> {
  const ext = extname(path).toLowerCase();
  if (ext === '.tsv' || ext === '.tab') return '\t';
  const header = await readFirstLine(path);
  if (!header.includes(',') && header.includes(';')) return ';';
  if (ext === '.txt' && !header.includes(',') && header.includes('\t')) return '\t';
  return ',';
}

async function readFirstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } finally {
    await handle.close();
  }
}

interface ParseResult {
  builders: ColumnBuilder[];
  nRows: number;
}

function parseOnce(path: string, delimiter: string, opts: DelimitedOptions, forceString: Set<string>): Promise<ParseResult> {
  const maxRows = opts.maxRows && opts.maxRows > 0 ? opts.maxRows : Infinity;
  return stat(path).then((st) => new Promise<ParseResult>((resolve, reject) => {
    const file = createReadStream(path, { highWaterMark: 256 * 1024 });
    const parser: Parser = parse({
      delimiter,
      bom: true,
      relax_quotes: true,
      skip_empty_lines: true,
    });
    let header: string[] | undefined;
    let builders: ColumnBuilder[] = [];
    let nRows = 0;
    let settled = false;
    let lastReport = 0;

    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      file.destroy();
      parser.destroy();
      if (err) reject(err);
      else if (!header) reject(new DataError(`${path} has no data rows: the file is empty.`));
      else if (nRows === 0) reject(new DataError(`${path} has no data rows (only a header).`));
      else {
        opts.onProgress?.(1);
        resolve({ builders, nRows });
      }
    };
    const onAbort = (): void => finish(new CancelledError());
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    if (opts.onProgress && st.size > 0) {
      const onProgress = opts.onProgress;
      file.on('data', () => {
        const now = Date.now();
        if (now - lastReport < 100) return;
        lastReport = now;
        onProgress(Math.min(1, file.bytesRead / st.size));
      });
    }

    parser.on('data', (record: string[]) => {
      if (settled) return;
      if (!header) {
        try {
          header = checkHeader(path, record);
        } catch (err) {
          finish(err);
          return;
        }
        builders = header.map((name) => new ColumnBuilder(name, forceString.has(name)));
        return;
      }
      for (let j = 0; j < builders.length; j++) builders[j].pushText(record[j]);
      if (++nRows >= maxRows) finish();
    });
    parser.on('end', () => finish());
    parser.on('error', (err) => finish(toDataError(path, err, header)));
    file.on('error', (err) => finish(new DataError(`cannot read ${path}: ${err.message}`)));
    file.pipe(parser);
  }));
}

/** Validates header names: no empty and no duplicate names, since columns are found by name. */
function checkHeader(path: string, names: string[]): string[] {
  const trimmed = names.map((n) => n.trim());
  const empty = trimmed.findIndex((n) => n === '');
  if (empty >= 0) {
    // pandas' to_csv() without index=False writes exactly this: an unnamed index column first.
    const hint = empty === 0 ? ' (a pandas index column looks like this: save with index=False)' : '';
    throw new DataError(`${path}: header column ${empty + 1} has an empty name; give every column a name${hint}.`);
  }
  const seen = new Set<string>();
  for (const name of trimmed) {
    if (seen.has(name)) throw new DataError(`${path}: the header names column '${name}' twice; column names must be unique.`);
    seen.add(name);
  }
  return trimmed;
}

interface CsvErrorLike {
  code?: string;
  lines?: number;
  record?: unknown[];
  message: string;
}

function toDataError(path: string, err: CsvErrorLike, header: string[] | undefined): Error {
  if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && err.record) {
    const expected = header?.length ?? '?';
    return new DataError(
      `${path}: line ${err.lines} has ${err.record.length} fields, expected ${expected} like the header. ` +
      'Check for an unquoted delimiter in a value or a missing field.',
    );
  }
  return new DataError(`${path}: cannot parse as delimited text: ${err.message}`);
}
