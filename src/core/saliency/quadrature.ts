/**
 * Path-integral quadrature for Integrated Gradients: the points α in [0, 1] and their weights.
 * Riemann left/right/middle, trapezoid, and Gauss–Legendre (exact for polynomials of degree
 * 2n − 1, so far fewer steps reach the same accuracy on smooth models).
 */
import { UsageError } from '../errors';

export const QUADRATURE_RULES = ['riemann-left', 'riemann-right', 'riemann-middle', 'trapezoid', 'gauss-legendre'] as const;
export type QuadratureRule = (typeof QUADRATURE_RULES)[number];

/** Nodes α_k and weights w_k with Σ w_k g(α_k) ≈ ∫₀¹ g. */
export function quadrature(rule: QuadratureRule, steps: number): { alphas: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(steps) || steps < 1) throw new UsageError(`--steps must be a positive integer; got ${steps}.`);
  const n = steps;
  switch (rule) {
    case 'riemann-left':
      return { alphas: Float64Array.from({ length: n }, (_, k) => k / n), weights: new Float64Array(n).fill(1 / n) };
    case 'riemann-right':
      return { alphas: Float64Array.from({ length: n }, (_, k) => (k + 1) / n), weights: new Float64Array(n).fill(1 / n) };
    case 'riemann-middle':
      return { alphas: Float64Array.from({ length: n }, (_, k) => (k + 0.5) / n), weights: new Float64Array(n).fill(1 / n) };
    case 'trapezoid': {
      // n intervals need n + 1 points; one step means both endpoints at weight ½.
      const alphas = Float64Array.from({ length: n + 1 }, (_, k) => k / n);
      const weights = new Float64Array(n + 1).fill(1 / n);
      weights[0] = weights[n] = 1 / (2 * n);
      return { alphas, weights };
    }
    case 'gauss-legendre':
      return gaussLegendre(n);
  }
}

/** Gauss–Legendre nodes on [0, 1]: roots of P_n by Newton from Chebyshev guesses. */
export function gaussLegendre(n: number): { alphas: Float64Array; weights: Float64Array } {
  const alphas = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      // Three-term recurrence for P_n(x) and its derivative.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      const pn = n === 1 ? x : p1;
      const pm = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pm)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    alphas[n - 1 - i] = (x + 1) / 2;
    weights[n - 1 - i] = 1 / ((1 - x * x) * dp * dp);
  }
  return { alphas, weights };
}
