/**
 * Row-major float64 matrices for the explanation methods, and the small data helpers they share:
 * row sampling, sorted columns and quantiles.
 */
import { DataError, UsageError } from '../errors';
import { Rng } from '../metrics/rng';

/** A row-major nRows × nCols float64 matrix (NaN = missing). */
export interface Matrix {
  data: Float64Array;
  nRows: number;
  nCols: number;
}

/** A matrix whose rows carry weights summing to 1 (e.g. a k-means background summary). */
export interface WeightedMatrix extends Matrix {
  weights: Float64Array;
}

/** Wraps row-major data as a matrix, checking the length. */
export function matrix(data: Float64Array, nRows: number, nCols: number): Matrix {
  if (data.length !== nRows * nCols) throw new DataError(`Matrix data has ${data.length} values; expected ${nRows} × ${nCols} = ${nRows * nCols}.`);
  return { data, nRows, nCols };
}

/** A matrix from an array of equal-length rows. */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const nCols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * nCols);
  rows.forEach((r, i) => {
    if (r.length !== nCols) throw new DataError(`Row ${i + 1} has ${r.length} values; expected ${nCols}.`);
    data.set(r, i * nCols);
  });
  return { data, nRows: rows.length, nCols };
}

/** The rows with the given indices, as a new matrix. */
export function selectRows(m: Matrix, indices: readonly number[]): Matrix {
  const data = new Float64Array(indices.length * m.nCols);
  indices.forEach((r, i) => data.set(m.data.subarray(r * m.nCols, (r + 1) * m.nCols), i * m.nCols));
  return { data, nRows: indices.length, nCols: m.nCols };
}

/** Row `i` as a plain array. */
export function rowOf(m: Matrix, i: number): number[] {
  return Array.from(m.data.subarray(i * m.nCols, (i + 1) * m.nCols));
}

/** Uniform weights for every row: the plain background distribution. */
export function uniformWeights(m: Matrix): WeightedMatrix {
  return { ...m, weights: new Float64Array(m.nRows).fill(1 / Math.max(1, m.nRows)) };
}

/** Normalised weights of a (possibly weighted) background matrix. */
export function backgroundWeights(m: Matrix | WeightedMatrix): Float64Array {
  if (m.nRows === 0) throw new UsageError('The background data has no rows.');
  if (!('weights' in m)) return uniformWeights(m).weights;
  let s = 0;
  for (const w of m.weights) s += w;
  if (!(s > 0)) throw new UsageError('The background weights must be non-negative and not all zero.');
  return Float64Array.from(m.weights, (w) => w / s);
}

/** `n` distinct row indices drawn without replacement (all rows, in order, if n ≥ nRows). */
export function sampleIndices(nRows: number, n: number, rng: Rng): number[] {
  if (n >= nRows) return Array.from({ length: nRows }, (_, i) => i);
  const idx = Array.from({ length: nRows }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + rng.nextInt(nRows - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, n).sort((a, b) => a - b);
}

/** `n` rows of `X` sampled without replacement with a seeded RNG (all rows if n ≥ nRows). */
export function sampleRows(X: Matrix, n: number, seed: number): Matrix {
  return selectRows(X, sampleIndices(X.nRows, n, new Rng(seed)));
}

/** Column `j`'s non-missing values, sorted ascending. */
export function sortedColumn(m: Matrix, j: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < m.nRows; i++) {
    const v = m.data[i * m.nCols + j];
    if (!Number.isNaN(v)) out.push(v);
  }
  return Float64Array.from(out).sort();
}

/** Quantile `q` ∈ [0, 1] of sorted values, interpolating linearly (numpy's default). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Distinct values of ascending `values` (exact duplicates removed). */
export function uniqueSorted(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) out.push(values[i]);
  return out;
}

/** Formats a number for a rule or label: 4 significant digits, no trailing zeros. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4)) return v.toPrecision(4).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}
