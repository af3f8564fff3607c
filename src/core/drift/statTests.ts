/**
 * The per-column drift tests. Each takes the reference and current samples without missing
 * values and returns a statistic and, where the test has one, a p-value. Constructions (each
 * checked against scipy in test/fixtures/drift/make_fixtures.py):
 * - chi2: scipy.stats.chisquare(f_obs = current counts, f_exp = reference shares × current size)
 *   over the union of categories (Evidently's construction); df = categories − 1.
 * - z: two-proportion z-test with pooled variance, z = (p_ref − p_cur)/√(P(1−P)(1/n_ref + 1/n_cur)),
 *   p = 2·norm.sf(|z|); the "success" is the category that sorts last.
 * - wasserstein: scipy.stats.wasserstein_distance(ref, cur) / np.std(ref) (Evidently's normed form).
 * - jensenshannon: scipy.spatial.distance.jensenshannon(p_ref, p_cur) (natural log).
 * - psi: Σ (c − r)·ln(c/r) over bin shares with empty bins set to {@link EMPTY_BIN_SHARE}.
 * - kl: scipy.stats.entropy(r, c) = KL(reference ‖ current) over the same shares (renormalized).
 */
import { normalSf } from '../stats/normal';
import { chi2Sf } from './special';

/** Share given to an empty bin in PSI and KL so logarithms stay finite (Evidently uses 1e-4 too). */
export const EMPTY_BIN_SHARE = 1e-4;

/** A test's output. */
export interface TestOutcome {
  statistic: number;
  pValue?: number;
}

/** Chi-square goodness of fit of current counts to the reference's shares. */
export function chiSquare(refCounts: readonly number[], curCounts: readonly number[]): TestOutcome {
  const nRef = refCounts.reduce((a, b) => a + b, 0);
  const nCur = curCounts.reduce((a, b) => a + b, 0);
  const k = refCounts.length;
  // One category only: nothing can have moved.
  if (k < 2) return { statistic: 0, pValue: 1 };
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const expected = (refCounts[i] / nRef) * nCur;
    const diff = curCounts[i] - expected;
    // A category the reference never had: expected 0, statistic ∞, p 0 (as scipy returns).
    stat += expected === 0 ? (curCounts[i] > 0 ? Infinity : 0) : (diff * diff) / expected;
  }
  return { statistic: stat, pValue: chi2Sf(stat, k - 1) };
}

/** Two-proportion z-test; `refSuccess`/`curSuccess` count the success category. */
export function proportionZ(refSuccess: number, nRef: number, curSuccess: number, nCur: number): TestOutcome {
  const p1 = refSuccess / nRef;
  const p2 = curSuccess / nCur;
  const pooled = (p1 * nRef + p2 * nCur) / (nRef + nCur);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nRef + 1 / nCur));
  // Both samples all one category: no variance, no evidence of drift.
  if (!(se > 0)) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / se;
  return { statistic: z, pValue: 2 * normalSf(Math.abs(z)) };
}

/**
 * Wasserstein-1 distance between two samples: the area between their empirical CDFs, summed
 * over the gaps of the pooled sample. Both samples are sorted once and then walked together like
 * a merge, so the pooled order costs linear time instead of a second sort of the concatenation.
 */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const u = Float64Array.from(a).sort();
  const v = Float64Array.from(b).sort();
  // Sorting puts NaN last; the merge below cannot pass it, and the distance is undefined anyway.
  if ((u.length > 0 && Number.isNaN(u[u.length - 1])) || (v.length > 0 && Number.isNaN(v[v.length - 1]))) return Number.NaN;
  const nu = u.length;
  const nv = v.length;
  // The smallest value not yet passed in either sample (call only while one remains).
  const head = (i: number, j: number): number => (j >= nv || (i < nu && u[i] <= v[j]) ? u[i] : v[j]);
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < nu || j < nv) {
    const x = head(i, j);
    // i and j become the counts of values <= x: the CDFs are flat until the next pooled value.
    while (i < nu && u[i] <= x) i++;
    while (j < nv && v[j] <= x) j++;
    if (i === nu && j === nv) break;
    sum += Math.abs(i / nu - j / nv) * (head(i, j) - x);
  }
  return sum;
}

/** Population standard deviation (np.std, ddof 0). */
export function std(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return Math.sqrt(ss / values.length);
}

/** Wasserstein-1 divided by the reference's standard deviation (raw distance when that is 0). */
export function normedWasserstein(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const w = wasserstein1(reference, current);
  const s = std(reference);
  return s > 0 ? w / s : w;
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}

function relEntr(x: number, y: number): number {
  if (x === 0) return 0;
  return y > 0 ? x * Math.log(x / y) : Infinity;
}

/** Jensen–Shannon distance (square root of the divergence, natural log) between two count vectors. */
export function jensenShannon(refCounts: readonly number[], curCounts: readonly number[]): number {
  const p = shares(refCounts);
  const q = shares(curCounts);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    left += relEntr(p[i], m);
    right += relEntr(q[i], m);
  }
  return Math.sqrt((left + right) / 2);
}

function filledShares(counts: readonly number[]): number[] {
  return shares(counts).map((s) => (s === 0 ? EMPTY_BIN_SHARE : s));
}

/** Population stability index over shared bins. */
export function psi(refCounts: readonly number[], curCounts: readonly number[]): number {
  const r = filledShares(refCounts);
  const c = filledShares(curCounts);
  let sum = 0;
  for (let i = 0; i < r.length; i++) sum += (c[i] - r[i]) * Math.log(c[i] / r[i]);
  return sum;
}

/** KL(reference ‖ current) over shared bins, shares renormalized after filling empty bins. */
export function klDivergence(refCounts: readonly number[], curCounts: readonly number[]): number {
  const r = shares(filledShares(refCounts));
  const c = shares(filledShares(curCounts));
  let sum = 0;
  for (let i = 0; i < r.length; i++) sum += relEntr(r[i], c[i]);
  return sum;
}
