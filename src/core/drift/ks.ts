/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, with scipy 1.10's `method='auto'` choice:
 * the exact null distribution when both samples have at most 10 000 values, else the
 * asymptotic one, kstwo.sf(D, round(n1·n2/(n1+n2))). Matches scipy.stats.ks_2samp.
 */
import { kolmogorovSf } from './kolmogorov';

/** Samples up to this size get the exact p-value (scipy's MAX_AUTO_N). */
export const KS_EXACT_MAX_N = 10000;

/** Result of {@link ks2samp}. */
export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Largest |F1(x) − F2(x)| over the pooled sample, from two sorted arrays. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    // Step past every copy of the next value in both samples (right-continuous CDFs).
    const x = Math.min(a[i], b[j]);
    while (i < n1 && a[i] <= x) i++;
    while (j < n2 && b[j] <= x) j++;
    d = Math.max(d, Math.abs(i / n1 - j / n2));
  }
  return d;
}

/** numpy's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * P(max over the lattice path of |i·n − j·m| ≥ bound): the share of the C(m+n, n) interleavings of
 * two samples whose empirical CDFs part by at least D. A forward pass carries the probability of
 * each lattice point reached without leaving the band, steps taken with their hypergeometric
 * probabilities so nothing overflows; mass stepping out of the band is absorbed and summed, which
 * keeps tiny p-values accurate (no 1 − (1 − p) cancellation).
 */
function exactOutside(m: number, n: number, bound: number): number {
  let prev = new Float64Array(n + 1);
  let cur = new Float64Array(n + 1);
  const inside = (i: number, j: number): boolean => Math.abs(i * n - j * m) < bound;
  let exited = 0;
  // Row 0: only steps of sample 2, until the first point outside the band.
  prev[0] = 1;
  let prevLo = 0;
  let prevHi = 0;
  for (let j = 1; j <= n; j++) {
    const mass = prev[j - 1] * ((n - j + 1) / (m + n - j + 1));
    if (!inside(0, j)) {
      exited += mass;
      prevHi = j;
      break;
    }
    prev[j] = mass;
    prevHi = j;
  }
  // Range of `cur` written two rows back, cleared before reuse.
  let oldLo = 0;
  let oldHi = n;
  for (let i = 1; i <= m; i++) {
    cur.fill(0, oldLo, oldHi + 1);
    // Points reachable from inside: the previous row's range, plus one step right of this row's band.
    const lo = prevLo;
    const hi = Math.min(n, Math.ceil((i * n + bound) / m) + 1);
    const left1 = m - i + 1; // sample-1 values left before the step into row i
    let gap = i * n - lo * m; // i·n − j·m, kept exact in integers as j moves
    for (let j = lo; j <= hi; j++, gap -= m) {
      const rest2 = n - j;
      // From (i−1, j): a step of sample 1, with probability (m−i+1)/((m−i+1)+(n−j)).
      let mass = j <= prevHi ? (prev[j] * left1) / (left1 + rest2) : 0;
      // From (i, j−1): a step of sample 2, with probability (n−j+1)/((m−i)+(n−j+1)).
      if (j > lo) mass += (cur[j - 1] * (rest2 + 1)) / (left1 + rest2);
      if (gap < bound && gap > -bound) cur[j] = mass;
      else {
        exited += mass;
        cur[j] = 0;
      }
    }
    // Next row starts at the first point of this row still holding mass.
    let first = lo;
    while (first < hi && cur[first] === 0) first++;
    [oldLo, oldHi, prevLo, prevHi] = [prevLo, prevHi, first, hi];
    [prev, cur] = [cur, prev];
  }
  return Math.min(1, exited);
}

/**
 * Equal sizes: P(D ≥ h/n) = 2 Σ_{k≥1} (−1)^{k−1} C(2n, n−kh)/C(2n, n), evaluated from the deepest
 * term outwards as 2·A₁(1 − A₂(1 − A₃(…))) with A_k = C(2n, n−kh)/C(2n, n−(k−1)h), which avoids
 * the cancellation of the alternating sum. O(n) instead of the lattice pass's O(n²·D).
 */
function exactOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 1; k--) {
    let a = 1;
    const base = (k - 1) * h;
    for (let i = 0; i < h; i++) a *= (n - base - i) / (n + base + i + 1);
    p = a * (1 - p);
  }
  return Math.min(1, Math.max(0, 2 * p));
}

/**
 * Two-sided two-sample KS test. Inputs must be free of NaN; they are sorted here (copies).
 * In exact mode the statistic is snapped to the lattice, h/lcm(n1, n2), as scipy does.
 */
export function ks2samp(x: ArrayLike<number>, y: ArrayLike<number>): KsResult {
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks2samp needs two non-empty samples');
  let d = ksStatistic(a, b);
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: 'exact' };
    return { statistic: d, pValue: n1 === n2 ? exactOutsideSquare(n1, h) : exactOutside(n1, n2, h * g), method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: kolmogorovSf(roundHalfEven(en), d), method: 'asymp' };
}
