/** The dataset section of an evaluation: what was read and how it is balanced. */
import type { Column, Table } from '../data/table';
import type { DatasetSummary } from './types';

/** Counts rows per class, in class order, optionally weighted by nothing (plain row counts). */
export function classBalance(yTrue: Int32Array, classes: readonly string[]): Record<string, number> {
  const counts = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i]]++;
  return Object.fromEntries(classes.map((c, i) => [c, counts[i]]));
}

/** Mean, standard deviation (population), min and max of a numeric label. */
export function labelStats(y: Float64Array): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < y.length; i++) {
    sum += y[i];
    if (y[i] < min) min = y[i];
    if (y[i] > max) max = y[i];
  }
  const mean = sum / y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / y.length), min, max };
}

function missingIn(column: Column): number {
  let n = 0;
  if (column.kind === 'number') {
    for (let i = 0; i < column.values.length; i++) if (Number.isNaN(column.values[i])) n++;
  } else {
    for (const v of column.values) if (v === null) n++;
  }
  return n;
}

/** Summarises a table for the report: size, roles of columns and missing cells. */
export function summarizeDataset(
  path: string,
  table: Table,
  roles: { label: string; features: string[]; weight?: string },
): DatasetSummary {
  const missing: Record<string, number> = {};
  for (const c of table.columns) {
    const n = missingIn(c);
    if (n > 0) missing[c.name] = n;
  }
  return {
    path,
    n_rows: table.nRows,
    n_columns: table.columns.length,
    label: roles.label,
    features: roles.features,
    ...(roles.weight ? { weight: roles.weight } : {}),
    missing,
  };
}
