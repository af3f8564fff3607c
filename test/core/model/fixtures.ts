/** Shared helpers for the model tests: fixture paths and tables built from fixture JSON and example CSVs. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Column, Table } from '../../../src/core/data/table';

export const MODELS = path.join(__dirname, '../../fixtures/models');
export const EXAMPLES = path.join(__dirname, '../../../examples');

/** Path of a fixture model. */
export const modelPath = (name: string): string => path.join(MODELS, `${name}.onnx`);

/** A fixture's JSON (inputs and expected outputs). */
export function expected<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(MODELS, `${name}.json`), 'utf8')) as T;
}

/** A numeric table from row-major `x` and column names. */
export function tableFromRows(names: string[], x: number[][]): Table {
  const columns: Column[] = names.map((name, j) => ({ name, kind: 'number', values: Float64Array.from(x, (r) => r[j]) }));
  return { columns, nRows: x.length };
}

/** A table from a simple CSV (no quoting): numeric columns where every cell parses, else strings. */
export function readSimpleCsv(file: string): Table {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  const columns: Column[] = names.map((name, j) => {
    const raw = cells.map((r) => r[j]);
    return raw.every((s) => s !== '' && !Number.isNaN(Number(s)))
      ? { name, kind: 'number', values: Float64Array.from(raw, Number) }
      : { name, kind: 'string', values: raw };
  });
  return { columns, nRows: cells.length };
}

/** Repeats a table's rows until it has at least `n` rows. */
export function repeatRows(t: Table, n: number): Table {
  const columns = t.columns.map((c): Column => {
    if (c.kind === 'number') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = c.values[i % t.nRows];
      return { name: c.name, kind: 'number', values: v };
    }
    return { name: c.name, kind: 'string', values: Array.from({ length: n }, (_, i) => c.values[i % t.nRows]) };
  });
  return { columns, nRows: n };
}

/** Largest absolute difference between two equal-length number lists. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
