/**
 * Percentiles of latency samples. The method is numpy's default (`np.percentile(x, q)`,
 * method='linear', Hyndman & Fan type 7): sort the n samples, take the fractional rank
 * h = (n − 1)·q/100 and interpolate linearly between the samples at ⌊h⌋ and ⌈h⌉. It is what
 * most people compare against, and unlike nearest-rank it moves smoothly with q.
 */

/** The q-th percentile (0 ≤ q ≤ 100) of already sorted values; NaN for an empty array. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile q must be between 0 and 100; got ${q}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const frac = h - lo;
  // Written as a + f·(b − a), numpy's form, so equal neighbours give exactly that value.
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

/** The q-th percentile of unsorted values (copied and sorted; the input is left as it is). */
export function percentile(values: ArrayLike<number>, q: number): number {
  return percentileSorted(sortedCopy(values), q);
}

/** A sorted Float64Array copy of `values` (numeric order, not string order). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
  out.sort();
  return out;
}

/** Summary statistics of a latency sample, in the sample's own unit. */
export interface SampleStats {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
}

/** count, mean, population standard deviation, min, max and p50/p90/p99 of `values`. */
export function sampleStats(values: ArrayLike<number>): SampleStats {
  const s = sortedCopy(values);
  const n = s.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i] - mean) ** 2;
  return {
    count: n,
    mean,
    std: n > 0 ? Math.sqrt(ss / n) : NaN,
    min: n > 0 ? s[0] : NaN,
    max: n > 0 ? s[n - 1] : NaN,
    p50: percentileSorted(s, 50),
    p90: percentileSorted(s, 90),
    p99: percentileSorted(s, 99),
  };
}
