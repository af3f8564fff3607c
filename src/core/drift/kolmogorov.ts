/**
 * The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n
 * (scipy.stats.kstwo), which the two-sample test's asymptotic mode evaluates at
 * n = round(n1·n2/(n1+n2)). The method per region follows scipy 1.10 (Simard & L'Ecuyer 2011):
 * Ruben–Gambino closed forms at the ends, the Durbin matrix (exact) for small n·x², Pelz–Good's
 * series for large n, and 2·Smirnov's one-sided tail where that is exact to double precision.
 */
import { logFactorial } from './special';

/** P(D_n⁺ ≥ x), the one-sided tail (scipy.special.smirnov), by the Birnbaum–Tingey sum. */
export function smirnovSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  // x Σ_{j=0}^{⌊n(1−x)⌋} C(n,j) (1 − x − j/n)^{n−j} (x + j/n)^{j−1}; every term is positive.
  const last = Math.floor(n * (1 - x));
  let sum = 0;
  const lnN = logFactorial(n);
  for (let j = 0; j <= last; j++) {
    const a = 1 - x - j / n;
    if (a <= 0 && n - j > 0) continue;
    const lnTerm = lnN - logFactorial(j) - logFactorial(n - j) + (n - j) * Math.log(a) + (j - 1) * Math.log(x + j / n);
    sum += Math.exp(lnTerm);
  }
  return Math.min(1, x * sum);
}

/** A square matrix with a binary exponent kept aside, so powers neither overflow nor underflow. */
interface Scaled {
  m: Float64Array;
  exp: number;
}

function multiply(a: Scaled, b: Scaled, size: number): Scaled {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const aik = a.m[i * size + k];
      if (aik === 0) continue;
      for (let j = 0; j < size; j++) out[i * size + j] += aik * b.m[k * size + j];
    }
  }
  let max = 0;
  for (const v of out) max = Math.max(max, Math.abs(v));
  let exp = a.exp + b.exp;
  if (max > 0) {
    const shift = Math.floor(Math.log2(max));
    const scale = 2 ** -shift;
    for (let i = 0; i < out.length; i++) out[i] *= scale;
    exp += shift;
  }
  return { m: out, exp };
}

/** P(D_n < d) exactly, by the Durbin matrix (Marsaglia, Tsang & Wang 2003). */
export function durbinCdf(n: number, d: number): number {
  const k = Math.floor(n * d) + 1;
  const h = k - n * d;
  const size = 2 * k - 1;
  const H = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) if (i - j + 1 >= 0) H[i * size + j] = 1;
  }
  for (let i = 0; i < size; i++) {
    H[i * size] -= h ** (i + 1);
    H[(size - 1) * size + i] -= h ** (size - i);
  }
  if (2 * h - 1 > 0) H[(size - 1) * size] += (2 * h - 1) ** size;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const f = i - j + 1;
      if (f > 0) H[i * size + j] /= Math.exp(logFactorial(f));
    }
  }
  // H^n by repeated squaring.
  let result: Scaled | undefined;
  let base: Scaled = { m: H, exp: 0 };
  for (let p = n; p > 0; p >>= 1) {
    if (p & 1) result = result ? multiply(result, base, size) : base;
    if (p > 1) base = multiply(base, base, size);
  }
  const entry = result!.m[(k - 1) * size + (k - 1)];
  if (entry <= 0) return 0;
  // n!/n^n · entry · 2^exp, in logs.
  const ln = logFactorial(n) - n * Math.log(n) + Math.log(entry) + result!.exp * Math.LN2;
  return Math.min(1, Math.exp(ln));
}

/** P(D_n ≤ x) by Pelz & Good's (1976) four-term series in 1/√n. */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI * Math.PI;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const lnq = -pi2 / 8 / z2;
  if (lnq < Math.log(Number.MIN_VALUE) + 10) return 0;
  const q = Math.exp(lnq);
  const kMax = Math.ceil((16 * z) / Math.PI);
  // Sums over odd m = 2k−1 of polynomial(m²)·q^(m²): K0..K3 of the series.
  const k0 = [0, 0, 0, 0];
  for (let k = 1; k <= kMax; k++) {
    const m2 = (2 * k - 1) ** 2;
    const w = q ** m2;
    k0[0] += w;
    k0[1] += w * (pi2 * m2 / 4 - z2);
    k0[2] += w * (6 * z6 + 2 * z4 + ((2 * z4 - 5 * z2) * pi2 * m2) / 4 + (pi4 * (1 - 2 * z2) * m2 * m2) / 16);
    k0[3] += w * (-30 * z6 - 90 * z6 * z2 + (pi2 * (135 * z4 - 96 * z6) * m2) / 4 + (pi4 * (212 * z4 - 60 * z2) * m2 * m2) / 16 + (pi6 * (5 - 30 * z2) * m2 * m2 * m2) / 64);
  }
  const root2pi = Math.sqrt(2 * Math.PI);
  const denominators = [z, 6 * z4, 72 * z6 * z, 6480 * z6 * z4];
  const K = k0.map((s, i) => (s * root2pi) / denominators[i]);
  // Extra terms over all integers k of K2 and K3.
  const q2 = Math.exp(-pi2 / 2 / z2);
  let extra2 = 0;
  let extra3 = 0;
  for (let k = 1; k <= kMax; k++) {
    const k2 = k * k;
    const w = q2 ** k2;
    extra2 += k2 * w;
    extra3 += (3 * z2 - pi2 * k2) * k2 * w;
  }
  K[2] += (extra2 * pi2 * root2pi) / (-36 * z2 * z);
  K[3] += (extra3 * pi2 * root2pi) / (216 * z6);
  return K[0] + K[1] / Math.sqrt(n) + K[2] / n + K[3] / (n * Math.sqrt(n));
}

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** P(D_n ≥ x) (scipy.stats.kstwo.sf(x, n)) for a whole n ≥ 1. */
export function kolmogorovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // Ruben–Gambino: P(D_n ≤ x) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) < x ≤ 1/n.
    return clip(1 - Math.exp(logFactorial(n) - n * Math.log(n) + n * Math.log(2 * t - 1)));
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) return clip(nx2 <= 4 ? 1 - durbinCdf(n, x) : 2 * smirnovSf(n, x));
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
