/** Keeping only a cohort's rows of a column, a prediction or a weight vector (copies, order kept). */
import type { Column } from '../data/table';
import type { Prediction } from '../model/interpretOutput';

/** The rows of a numeric array. */
export function subsetArray(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/** The rows of a table column. */
export function subsetColumn(column: Column, rows: Int32Array): Column {
  if (column.kind === 'number') return { name: column.name, kind: 'number', values: subsetArray(column.values, rows) };
  return { name: column.name, kind: 'string', values: Array.from(rows, (i) => column.values[i]) };
}

/** The rows of a model's prediction (probabilities, labels or values). */
export function subsetPrediction(p: Prediction, rows: Int32Array): Prediction {
  const out: Prediction = { ...p, nRows: rows.length };
  if (p.proba) {
    const k = p.nClasses ?? p.proba.length / Math.max(1, p.nRows);
    const proba = new Float64Array(rows.length * k);
    for (let r = 0; r < rows.length; r++) proba.set(p.proba.subarray(rows[r] * k, rows[r] * k + k), r * k);
    out.proba = proba;
  }
  if (p.labels) out.labels = Array.from(rows, (i) => p.labels![i]);
  if (p.values) out.values = subsetArray(p.values, rows);
  return out;
}
