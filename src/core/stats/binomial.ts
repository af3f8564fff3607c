/**
 * Exact binomial probabilities by Loader's saddle-point method ("Fast and Accurate Computation of
 * Binomial Probabilities", 2000): the probability mass is written as exp of terms that are each
 * computed without cancellation, so it stays accurate for n in the millions.
 */

const LN_SQRT_2PI = 0.9189385332046728;
const LN_2PI = 1.8378770664093453;

/** ln(n!) for small n, exactly from the product. */
function lnFactorialSmall(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return Math.log(f);
}

/** stirlerr(n) = ln(n!) − [(n + ½) ln n − n + ln √(2π)], the error of Stirling's formula. */
export function stirlingError(n: number): number {
  if (n <= 15) return lnFactorialSmall(n) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const nn = n * n;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** bd0(x, m) = x ln(x/m) + m − x, by a series when x is close to m (where the direct form cancels). */
export function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n || !Number.isInteger(k)) return 0;
  const q = 1 - p;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.exp(n * Math.log(p));
  const lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p) - deviance(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, ½): the mass at k times the sum of ratios pmf(i)/pmf(k), which
 * come from pmf(i−1)/pmf(i) = i/(n−i+1) and shrink fast below the mode.
 */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  // Above the mean the ratios would grow: use the symmetry P(X ≤ k) = 1 − P(X ≤ n − k − 1).
  if (k > n / 2) return 1 - binomialHalfCdf(n - k - 1, n);
  let ratio = 1;
  let sum = 1;
  for (let i = k; i > 0; i--) {
    ratio *= i / (n - i + 1);
    sum += ratio;
    if (ratio < sum * 1e-18) break;
  }
  return Math.min(1, binomialPmf(k, n, 0.5) * sum);
}
