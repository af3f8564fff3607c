/**
 * Reading a `posthoc serve --log` request log as a table. Each line is one request:
 * `{"status": 200, "inputs": [{"name", "shape", "datatype", "data"}], "outputs": [...]}` with
 * `data` flat and row-major (KServe v2). The first axis of every input is the batch; an input of
 * shape [B] or [B, 1] becomes one column named after the input, [B, F] becomes F columns
 * (f0…f{F−1} for a single input, NAME_0… otherwise), unless `features` names them all in order.
 * Lines with a non-2xx status, or whose data is absent or truncated (the server's default
 * `--log-data truncate`), are skipped and counted.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DataError, throwIfAborted } from '../errors';
import type { Column, Table } from '../data/table';

/** A serving log read as a table, with the lines that could not be used counted. */
export interface ServingLogTable {
  table: Table;
  skippedLines: number;
  /** Why lines were skipped, most common first. */
  skipReasons: string[];
}

interface LoggedTensor {
  name?: unknown;
  shape?: unknown;
  datatype?: unknown;
  data?: unknown;
  truncated?: unknown;
}

/** True when a parsed JSON line looks like a serving-log request line. */
export function isServingLogLine(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const inputs = (value as { inputs?: unknown }).inputs;
  return Array.isArray(inputs) && inputs.length > 0 && inputs.every((t) => typeof t === 'object' && t !== null && 'shape' in t && 'name' in t);
}

/** Reads the first non-empty line of a file and tells whether it is a serving-log line. */
export async function looksLikeServingLog(path: string): Promise<boolean> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      try {
        return isServingLogLine(JSON.parse(line));
      } catch {
        return false;
      }
    }
    return false;
  } finally {
    lines.close();
  }
}

function flat(data: unknown): unknown[] {
  return Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [];
}

/** Column names of one request's inputs, before any renaming by `features`. */
function inputColumns(inputs: { name: string; width: number }[]): string[] {
  const names: string[] = [];
  for (const t of inputs) {
    if (t.width === 1) names.push(t.name);
    else for (let j = 0; j < t.width; j++) names.push(inputs.length === 1 ? `f${j}` : `${t.name}_${j}`);
  }
  return names;
}

/**
 * Reads a serving log into a table.
 * @throws DataError for unreadable lines, inconsistent inputs, or a log with no usable data.
 */
export async function readServingLog(path: string, opts: { features?: readonly string[]; maxRows?: number; signal?: AbortSignal } = {}): Promise<ServingLogTable> {
  let names: string[] | undefined;
  let cells: (number | string | null)[][] = [];
  const reasons = new Map<string, number>();
  const skip = (why: string) => reasons.set(why, (reasons.get(why) ?? 0) + 1);
  let lineNo = 0;
  let rows = 0;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    if (lineNo % 1000 === 0) throwIfAborted(opts.signal);
    let obj: { status?: unknown; inputs?: LoggedTensor[] };
    try {
      obj = JSON.parse(line) as typeof obj;
    } catch {
      throw new DataError(`${path}, line ${lineNo}: not valid JSON; a serving log has one JSON object per line.`);
    }
    if (typeof obj.status === 'number' && (obj.status < 200 || obj.status >= 300)) { skip('failed requests'); continue; }
    if (!isServingLogLine(obj)) throw new DataError(`${path}, line ${lineNo}: no "inputs" list of {name, shape, datatype, data} tensors.`);
    const tensors = obj.inputs!;
    if (tensors.some((t) => t.truncated === true)) { skip('truncated data (start the server with --log-data full)'); continue; }
    if (tensors.some((t) => t.data === undefined)) { skip('no data logged (start the server with --log-data full)'); continue; }
    const parsed = tensors.map((t) => {
      const shape = Array.isArray(t.shape) ? (t.shape as number[]) : [];
      const width = shape.slice(1).reduce((a, b) => a * b, 1);
      return { name: String(t.name), batch: shape[0] ?? 1, width, data: flat(t.data) };
    });
    const batch = parsed[0].batch;
    for (const t of parsed) {
      if (t.batch !== batch || t.data.length !== t.batch * t.width) {
        throw new DataError(`${path}, line ${lineNo}: input '${t.name}' has ${t.data.length} values for shape [${batch}, ${t.width}]; the log line is inconsistent.`);
      }
    }
    const lineNames = inputColumns(parsed);
    if (!names) {
      names = lineNames;
      if (opts.features) {
        if (opts.features.length !== names.length) {
          throw new DataError(`--features names ${opts.features.length} columns but the log's inputs hold ${names.length} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); give one name per value of a row.`);
        }
        names = [...opts.features];
      }
      cells = names.map(() => []);
    } else if (lineNames.length !== cells.length) {
      throw new DataError(`${path}, line ${lineNo}: ${lineNames.length} values per row, earlier lines had ${cells.length}; one log should hold one model's requests.`);
    }
    for (let r = 0; r < batch; r++) {
      let c = 0;
      for (const t of parsed) {
        for (let j = 0; j < t.width; j++) {
          const v = t.data[r * t.width + j];
          cells[c++].push(typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? Number(v) : null);
        }
      }
      rows++;
      if (opts.maxRows && rows >= opts.maxRows) break;
    }
    if (opts.maxRows && rows >= opts.maxRows) break;
  }
  lines.close();
  const skippedLines = [...reasons.values()].reduce((a, b) => a + b, 0);
  const skipReasons = [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${n} line${n === 1 ? '' : 's'}: ${why}`);
  if (!names || rows === 0) {
    throw new DataError(`${path} has no usable requests${skippedLines ? ` (${skipReasons.join('; ')})` : ''}; log with \`posthoc serve --log FILE --log-data full\`.`);
  }
  const columns: Column[] = names.map((name, j) => {
    const values = cells[j];
    if (values.every((v) => typeof v !== 'string')) return { name, kind: 'number', values: Float64Array.from(values, (v) => (v === null ? NaN : (v as number))) };
    return { name, kind: 'string', values: values.map((v) => (v === null ? null : String(v))) };
  });
  return { table: { columns, nRows: rows }, skippedLines, skipReasons };
}
