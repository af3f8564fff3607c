// Shared bits of the serve tests: fixture paths, a JSON fetch, the example's rows.
import * as path from 'node:path';
import { readTable } from '../../../../src/core/data/readTable';

export const ROOT = path.join(__dirname, '..', '..', '..', '..');
export const BREAST = path.join(ROOT, 'examples', 'breast-cancer', 'model.onnx');
export const MULTI = path.join(ROOT, 'test', 'fixtures', 'models', 'multi_input.onnx');
export const BATCH1 = path.join(ROOT, 'test', 'fixtures', 'models', 'batch1.onnx');

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  headers: Headers;
}

/** fetch + JSON (or text) body. */
export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const r = await fetch(url, init);
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // metrics and other text bodies stay strings
  }
  return { status: r.status, body, headers: r.headers };
}

/** POST a JSON body (or a raw string) to `url`. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** The breast-cancer test rows: feature names and row-major Float32 values. */
export async function breastRows(): Promise<{ features: string[]; rows: number[][] }> {
  const table = await readTable(path.join(ROOT, 'examples', 'breast-cancer', 'test.csv'));
  const features = table.columns.map((c) => c.name).filter((n) => n !== 'target');
  const cols = features.map((f) => table.columns.find((c) => c.name === f)!.values as Float64Array);
  const rows = Array.from({ length: table.nRows }, (_, i) => cols.map((c) => Math.fround(c[i])));
  return { features, rows };
}
