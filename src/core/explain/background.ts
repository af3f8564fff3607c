/**
 * Background data summaries for KernelSHAP: its cost grows linearly with the background size,
 * so a large dataset is summarised by k weighted centroids (or a row sample).
 */
import { UsageError } from '../errors';
import { Rng } from '../metrics/rng';
import { sortedColumn, uniqueSorted, type Matrix, type WeightedMatrix } from './matrix';

export { sampleRows } from './matrix';

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, m: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) {
    const d = a[ai + j] - b[bi + j];
    s += d * d;
  }
  return s;
}

/** Nearest value of ascending `values` to v (binary search). */
function nearest(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= v) lo = mid;
    else hi = mid;
  }
  return Math.abs(values[lo] - v) <= Math.abs(values[hi] - v) ? values[lo] : values[hi];
}

/**
 * Weighted k-means summary of `X`: k centroids (k-means++ start, Lloyd iterations) weighted by
 * the share of rows in each cluster. Each centroid coordinate is then moved to the nearest value
 * that feature takes in the data, so integer-coded or one-hot features stay valid inputs.
 * Missing values are replaced by the column mean for the clustering. Same seed → same summary.
 */
export function kmeansSummary(X: Matrix, k: number, seed: number, maxIter = 100): WeightedMatrix {
  const { nRows: n, nCols: m } = X;
  if (n === 0) throw new UsageError('Cannot summarise an empty dataset.');
  k = Math.max(1, Math.min(Math.floor(k), n));
  const rng = new Rng(seed);
  const data = Float64Array.from(X.data);
  const colValues = Array.from({ length: m }, (_, j) => uniqueSorted(sortedColumn(X, j)));
  for (let j = 0; j < m; j++) {
    const vals = sortedColumn(X, j);
    const mean = vals.length ? vals.reduce((s, v) => s + v, 0) / vals.length : 0;
    for (let i = 0; i < n; i++) if (Number.isNaN(data[i * m + j])) data[i * m + j] = mean;
  }
  // k-means++ seeding: each next centre with probability ∝ squared distance to the nearest one.
  const centres = new Float64Array(k * m);
  const d2 = new Float64Array(n).fill(Infinity);
  let pick = rng.nextInt(n);
  for (let c = 0; c < k; c++) {
    centres.set(data.subarray(pick * m, (pick + 1) * m), c * m);
    let total = 0;
    for (let i = 0; i < n; i++) {
      d2[i] = Math.min(d2[i], sqDist(data, i * m, centres, c * m, m));
      total += d2[i];
    }
    if (c + 1 === k) break;
    let u = rng.nextFloat() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= d2[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
  }
  const assign = new Int32Array(n).fill(-1);
  const counts = new Float64Array(k);
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = sqDist(data, i * m, centres, c * m, m);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assign[i] !== best) {
        assign[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    const sums = new Float64Array(k * m);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assign[i];
      counts[c]++;
      for (let j = 0; j < m; j++) sums[c * m + j] += data[i * m + j];
    }
    // An empty cluster keeps its old centre.
    for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < m; j++) centres[c * m + j] = sums[c * m + j] / counts[c];
  }
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[assign[i]]++;
  for (let c = 0; c < k; c++) for (let j = 0; j < m; j++) if (colValues[j].length) centres[c * m + j] = nearest(colValues[j], centres[c * m + j]);
  // Drop clusters that ended empty: they carry no weight but would cost model calls.
  const keep = Array.from({ length: k }, (_, c) => c).filter((c) => counts[c] > 0);
  const out = new Float64Array(keep.length * m);
  keep.forEach((c, i) => out.set(centres.subarray(c * m, (c + 1) * m), i * m));
  return { data: out, nRows: keep.length, nCols: m, weights: Float64Array.from(keep, (c) => counts[c] / n) };
}
