/**
 * Turning two samples into two distributions over the same bins, for the tests that compare
 * frequencies (chi-square on numbers, Jensen–Shannon, PSI, KL). The constructions mirror numpy
 * so a Python script can reproduce every count:
 * - equal-width bins: np.histogram(x, bins=k, range=(lo, hi)) over the pooled range;
 * - quantile bins: edges np.quantile(reference, [0.1, …, 0.9]) (linear interpolation), made
 *   unique; bin = np.searchsorted(edges, x, side='right'), so the outer bins are open-ended.
 */

/** numpy's linear interpolation between a and b (its _lerp, which is exact at t = 1). */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** np.quantile(sorted, q) with the default 'linear' method; `sorted` must be ascending. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const index = (n - 1) * q;
  const lo = Math.floor(index);
  const hi = Math.min(lo + 1, n - 1);
  return lerp(sorted[lo], sorted[hi], index - lo);
}

/** Inner edges of `bins` quantile bins of the reference: unique quantiles at 1/bins … (bins−1)/bins. */
export function quantileEdges(reference: ArrayLike<number>, bins: number): number[] {
  const sorted = Float64Array.from(reference).sort();
  const step = 1 / bins; // np.linspace(0, 1, bins + 1) is i·step
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const e = quantileSorted(sorted, i * step);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** Counts per bin for np.searchsorted(edges, x, side='right'): edges.length + 1 bins. */
export function countByEdges(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

/** Equal-width edges over [lo, hi] like np.histogram_bin_edges (range widened by ±0.5 when lo = hi). */
export function equalWidthEdges(lo: number, hi: number, bins: number): number[] {
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const step = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * step);
  edges[bins] = hi;
  return edges;
}

/** np.histogram counts for the given equal-width edges (last bin closed; values outside dropped). */
export function histogramCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const lo = edges[0];
  const hi = edges[bins];
  const counts = new Array<number>(bins).fill(0);
  const norm = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x >= lo && x <= hi)) continue;
    let k = Math.floor((x - lo) * norm);
    if (k === bins) k--;
    // The computed index can be one off near an edge; numpy corrects it against the edges too.
    if (x < edges[k]) k--;
    else if (k + 1 < bins && x >= edges[k + 1]) k++;
    counts[k]++;
  }
  return counts;
}

/** Minimum and maximum of two samples together. */
export function pooledRange(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of [a, b]) {
    for (let i = 0; i < s.length; i++) {
      if (s[i] < lo) lo = s[i];
      if (s[i] > hi) hi = s[i];
    }
  }
  return [lo, hi];
}

/** Counts of each category over a shared key list (keys missing from `values` count 0). */
export function countByKeys(values: readonly string[], keys: readonly string[]): number[] {
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = new Array<number>(keys.length).fill(0);
  for (const v of values) {
    const i = index.get(v);
    if (i !== undefined) counts[i]++;
  }
  return counts;
}
