/**
 * The paired bootstrap for comparing two models on the same rows: each resample re-weights the
 * rows once and both metrics are computed on it, so the interval of metric(A) − metric(B) keeps
 * the correlation between the models (much narrower, and honest, compared with two separate intervals).
 */
import { bootstrapCi, type BootstrapOptions } from '../metrics/bootstrap';

/** A metric of one model for a weighting of the rows (base weights × resample counts). */
export type WeightedStatistic = (weights: Float64Array) => number;

/** Result of {@link pairedBootstrapDiff}. */
export interface PairedDiff {
  /** metric(A), metric(B) and their difference on the data as given (weights of one, or the base weights). */
  a: number;
  b: number;
  difference: number;
  /** Percentile interval of the difference over the resamples. */
  ci: [number, number];
  confidence: number;
  /** Resamples drawn, and those where both metrics were defined. */
  resamples: number;
  valid: number;
  /** Share of valid resamples where A was not better (difference ≤ 0); a one-sided bootstrap p-value for "A > B". */
  share_not_better: number;
}

/**
 * Interval of metric(A) − metric(B) by the paired percentile bootstrap, with the same resamples
 * (same generator and seed) as {@link bootstrapCi}.
 * @param n rows
 * @param B resamples
 * @param seed seeds the resampling: same seed, same interval
 */
export function pairedBootstrapDiff(n: number, B: number, seed: number, statA: WeightedStatistic, statB: WeightedStatistic, options: BootstrapOptions = {}): PairedDiff {
  const diffs: number[] = [];
  const ci = bootstrapCi(n, B, seed, (w) => {
    const d = statA(w) - statB(w);
    if (Number.isFinite(d)) diffs.push(d);
    return { difference: d };
  }, options);
  const base = options.weights ?? new Float64Array(n).fill(1);
  const a = statA(base);
  const b = statB(base);
  const notBetter = diffs.filter((d) => d <= 0).length;
  return {
    a, b, difference: a - b,
    ci: ci.difference ?? [NaN, NaN],
    confidence: options.confidence ?? 0.95,
    resamples: B,
    valid: diffs.length,
    share_not_better: diffs.length > 0 ? notBetter / diffs.length : NaN,
  };
}
