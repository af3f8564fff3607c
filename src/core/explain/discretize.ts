/**
 * Quartile discretisation shared by LIME and Anchors: each feature's values split at its
 * 25th/50th/75th percentiles (duplicates merged) into bins (−∞, e0], (e0, e1], …, (e_last, ∞),
 * with readable conditions such as "age <= 40" and "40 < age <= 52".
 */
import { formatValue, quantileSorted, sortedColumn, uniqueSorted, type Matrix } from './matrix';

/** Bin index of missing values. */
export const MISSING_BIN = -1;

/** Per-feature bin edges and the data's rows grouped by bin. */
export interface Discretizer {
  /** edges[j]: ascending inner edges of feature j (0–3 of them). */
  edges: number[][];
  /** bins[i * M + j]: bin of data row i, feature j. */
  bins: Int16Array;
  /** rowsInBin[j][b]: data rows whose feature j falls in bin b. */
  rowsInBin: number[][][];
}

/** Bin of value v given ascending edges: the number of edges strictly below v. */
export function binOf(edges: readonly number[], v: number): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let b = 0;
  while (b < edges.length && v > edges[b]) b++;
  return b;
}

/** Quartile edges of every feature of `data`, and each row's bins. */
export function quartileDiscretizer(data: Matrix, quantiles: readonly number[] = [0.25, 0.5, 0.75]): Discretizer {
  const { nRows: n, nCols: m } = data;
  const edges: number[][] = [];
  for (let j = 0; j < m; j++) {
    const sorted = sortedColumn(data, j);
    const qs = uniqueSorted(quantiles.map((q) => quantileSorted(sorted, q)).filter((v) => !Number.isNaN(v)));
    // An edge at the maximum would leave the top bin empty.
    edges.push(qs.filter((e) => sorted.length > 0 && e < sorted[sorted.length - 1]));
  }
  const bins = new Int16Array(n * m);
  const rowsInBin = edges.map((e) => Array.from({ length: e.length + 1 }, () => [] as number[]));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const b = binOf(edges[j], data.data[i * m + j]);
      bins[i * m + j] = b;
      if (b !== MISSING_BIN) rowsInBin[j][b].push(i);
    }
  }
  return { edges, bins, rowsInBin };
}

/** Condition of an interval of bins lo..hi (inclusive) of a feature, e.g. "13.1 < radius <= 15.8". */
export function rangeCondition(name: string, edges: readonly number[], lo: number, hi: number): string {
  if (lo === MISSING_BIN) return `${name} is missing`;
  const hasLo = lo > 0;
  const hasHi = hi < edges.length;
  if (hasLo && hasHi) return `${formatValue(edges[lo - 1])} < ${name} <= ${formatValue(edges[hi])}`;
  if (hasLo) return `${name} > ${formatValue(edges[lo - 1])}`;
  if (hasHi) return `${name} <= ${formatValue(edges[hi])}`;
  return `${name} is any value`;
}

/** Condition of one bin. */
export function binCondition(name: string, edges: readonly number[], bin: number): string {
  return rangeCondition(name, edges, bin, bin);
}
