/**
 * The statistics of the slice finder: is a slice's error rate higher than the rest's?
 * One-sided tests (a slice is "worse", never "different"), an effect size, and the
 * Benjamini–Hochberg step-up adjustment across every slice tested.
 */

import { normalSf } from '../stats/normal';

export { normalSf };

/** Two groups' sizes and error counts: the slice and the rest of the data. */
export interface TwoProportions {
  n1: number;
  e1: number;
  n2: number;
  e2: number;
}

/** Pooled two-proportion z statistic and one-sided p-value for rate1 > rate2. */
export function zTestGreater(t: TwoProportions): { z: number; p: number } {
  const p1 = t.e1 / t.n1;
  const p2 = t.e2 / t.n2;
  const pooled = (t.e1 + t.e2) / (t.n1 + t.n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / t.n1 + 1 / t.n2));
  if (!(se > 0)) return { z: 0, p: 1 };
  const z = (p1 - p2) / se;
  return { z, p: normalSf(z) };
}

/**
 * Fisher's exact test, one-sided (scipy's fisher_exact(alternative='greater')): the
 * hypergeometric probability of e1 or more errors in the slice given the margins.
 * The pmf is built by its ratio recurrence from the mode, so no log-gamma is needed.
 */
export function fisherGreater(t: TwoProportions): number {
  const N = t.n1 + t.n2;
  const K = t.e1 + t.e2;
  const n = t.n1;
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (t.e1 <= lo) return 1;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((n + 1) * (K + 1)) / (N + 2))));
  const w = new Float64Array(hi - lo + 1);
  w[mode - lo] = 1;
  // ratio pmf(x+1)/pmf(x) = (K−x)(n−x) / ((x+1)(N−K−n+x+1))
  for (let x = mode; x < hi; x++) w[x + 1 - lo] = (w[x - lo] * (K - x) * (n - x)) / ((x + 1) * (N - K - n + x + 1));
  for (let x = mode; x > lo; x--) w[x - 1 - lo] = (w[x - lo] * x * (N - K - n + x)) / ((K - x + 1) * (n - x + 1));
  let total = 0;
  let tail = 0;
  // Sum small terms first for accuracy.
  for (let x = hi; x >= lo; x--) {
    total += w[x - lo];
    if (x >= t.e1) tail += w[x - lo];
  }
  return Math.min(1, tail / total);
}

/** Largest hypergeometric support Fisher's test is computed over; bigger tables use the z-test. */
const MAX_FISHER_SUPPORT = 1_000_000;

/**
 * One-sided p-value for "the slice errs more often than the rest": Fisher's exact test when an
 * expected cell count is below 5 (the usual rule for the normal approximation), else the z-test.
 */
export function sliceTest(t: TwoProportions): { p: number; test: 'fisher' | 'z' } {
  const N = t.n1 + t.n2;
  const K = t.e1 + t.e2;
  const expected = [(t.n1 * K) / N, (t.n1 * (N - K)) / N, (t.n2 * K) / N, (t.n2 * (N - K)) / N];
  const support = Math.min(t.n1, K) - Math.max(0, t.n1 - (N - K));
  if (expected.some((e) => e < 5) && support <= MAX_FISHER_SUPPORT) return { p: fisherGreater(t), test: 'fisher' };
  return { p: zTestGreater(t).p, test: 'z' };
}

/** Cohen's h between two proportions: 2·asin√p1 − 2·asin√p2. */
export function cohenH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values): sort ascending, q₍ᵢ₎ = min over j ≥ i of
 * m·p₍ⱼ₎/j, capped at 1; returned in the input order. Rejecting q ≤ α keeps the expected
 * false discovery rate at or below α for independent or positively dependent tests.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, (m * p[i]) / (r + 1));
    q[i] = running;
  }
  return q;
}

/** The q-th quantile with linear interpolation between order statistics (numpy's default). */
export function quantileLinear(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
