/**
 * Bootstrap percentile intervals by re-weighting rather than copying rows: each resample is a
 * vector of multinomial counts (how often each row was drawn), multiplied into the sample
 * weights. Metrics that honour weights like sklearn then see exactly the resampled data set.
 */
import { UsageError, throwIfAborted } from '../errors';
import { Rng } from './rng';

/** Options for {@link bootstrapCi}. */
export interface BootstrapOptions {
  confidence?: number;
  /** Base sample weights, multiplied by the resample counts. */
  weights?: Float64Array;
  signal?: AbortSignal;
  /** Called after each resample with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Percentile of sorted values with linear interpolation between order statistics (numpy's
 * default method).
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Bootstrap confidence intervals for every metric the statistic returns.
 *
 * @param nRows rows in the data set
 * @param B number of resamples
 * @param seed seeds the xoshiro128** generator: same seed, same intervals
 * @param statistic metrics for one weighting of the rows
 * @param confidence two-sided level (0.95 gives the 2.5th and 97.5th percentiles)
 * @returns metric -> [low, high]; resamples where a metric is undefined (NaN) are skipped, and
 *   a metric undefined in every resample is left out.
 */
export function bootstrapCi(
  nRows: number,
  B: number,
  seed: number,
  statistic: (weights: Float64Array) => Record<string, number>,
  confidence: number | BootstrapOptions = 0.95,
): Record<string, [number, number]> {
  const opts: BootstrapOptions = typeof confidence === 'number' ? { confidence } : confidence;
  const level = opts.confidence ?? 0.95;
  if (!(level > 0 && level < 1)) throw new UsageError(`bootstrap confidence must be between 0 and 1, got ${level}.`);
  if (!(B >= 1) || !Number.isInteger(B)) throw new UsageError(`bootstrap resamples must be a positive integer, got ${B}.`);
  const rng = new Rng(seed);
  const counts = new Float64Array(nRows);
  const weights = new Float64Array(nRows);
  const draws = new Map<string, Float64Array>();
  for (let b = 0; b < B; b++) {
    throwIfAborted(opts.signal);
    counts.fill(0);
    for (let i = 0; i < nRows; i++) counts[rng.nextInt(nRows)]++;
    const base = opts.weights;
    for (let i = 0; i < nRows; i++) weights[i] = base ? counts[i] * base[i] : counts[i];
    const stats = statistic(weights);
    for (const [name, v] of Object.entries(stats)) {
      let arr = draws.get(name);
      if (!arr) {
        arr = new Float64Array(B).fill(NaN);
        draws.set(name, arr);
      }
      arr[b] = v;
    }
    opts.onProgress?.(b + 1, B);
  }
  const alpha = (1 - level) / 2;
  const out: Record<string, [number, number]> = {};
  for (const [name, arr] of draws) {
    const finite = arr.filter((v) => Number.isFinite(v)).sort();
    if (finite.length === 0) continue;
    out[name] = [percentile(finite, alpha), percentile(finite, 1 - alpha)];
  }
  return out;
}
