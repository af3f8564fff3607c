/**
 * The dense float64 linear algebra the surrogate methods need: Householder QR least squares
 * (KernelSHAP's weighted regression, solved once for many right-hand sides) and a Cholesky
 * solve (LIME's weighted ridge). Sizes are small (≤ a few hundred unknowns).
 */
import { UsageError } from '../errors';

/** Applies the Householder reflection stored in v[vOff + k..m) to arr[off + k..m). */
function reflect(arr: Float64Array, vOff: number, off: number, k: number, m: number, v: Float64Array = arr): void {
  let s = 0;
  for (let i = k; i < m; i++) s += v[vOff + i] * arr[off + i];
  s = -s / v[vOff + k];
  for (let i = k; i < m; i++) arr[off + i] += s * v[vOff + i];
}

/**
 * Weighted least squares min Σ_k w_k (y_k − A_k·β)² for several right-hand sides at once.
 * `a` is m × n row-major, `w` has m non-negative weights, `y` is m × nRhs row-major. Returns
 * β as n × nRhs row-major. Uses Householder QR on √w·A, which avoids squaring the condition
 * number as the normal equations would.
 */
export function weightedLeastSquares(a: Float64Array, m: number, n: number, w: Float64Array, y: Float64Array, nRhs: number): Float64Array {
  if (m < n) throw new UsageError(`A least-squares fit needs at least ${n} samples; got ${m}. Increase the sample budget.`);
  // Column-major copies scaled by √w, so each Householder step walks contiguous memory.
  const q = new Float64Array(m * n);
  const b = new Float64Array(m * nRhs);
  for (let i = 0; i < m; i++) {
    const s = Math.sqrt(w[i]);
    for (let j = 0; j < n; j++) q[j * m + i] = s * a[i * n + j];
    for (let r = 0; r < nRhs; r++) b[r * m + i] = s * y[i * nRhs + r];
  }
  const rdiag = new Float64Array(n);
  let maxDiag = 0;
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    // Column norm, scaled by its largest entry so squares cannot overflow or underflow.
    let scale = 0;
    for (let i = k; i < m; i++) scale = Math.max(scale, Math.abs(q[ck + i]));
    let norm = 0;
    if (scale > 0) {
      for (let i = k; i < m; i++) norm += (q[ck + i] / scale) ** 2;
      norm = scale * Math.sqrt(norm);
    }
    if (norm === 0) {
      rdiag[k] = 0;
      continue;
    }
    if (q[ck + k] < 0) norm = -norm;
    for (let i = k; i < m; i++) q[ck + i] /= norm;
    q[ck + k] += 1;
    // Apply the reflection I − v vᵀ / v_k to the remaining columns and to every right-hand side.
    for (let j = k + 1; j < n; j++) reflect(q, ck, j * m, k, m);
    for (let r = 0; r < nRhs; r++) reflect(b, ck, r * m, k, m, q);
    rdiag[k] = -norm;
    maxDiag = Math.max(maxDiag, Math.abs(norm));
  }
  for (let k = 0; k < n; k++) {
    if (Math.abs(rdiag[k]) <= 1e-12 * maxDiag || maxDiag === 0) {
      throw new UsageError('The sampled coalitions do not determine every attribution (rank-deficient system). Increase the sample budget.');
    }
  }
  // Back substitution R β = Qᵀ b.
  const beta = new Float64Array(n * nRhs);
  for (let r = 0; r < nRhs; r++) {
    for (let k = n - 1; k >= 0; k--) {
      let s = b[r * m + k];
      for (let j = k + 1; j < n; j++) s -= q[j * m + k] * beta[j * nRhs + r];
      beta[k * nRhs + r] = s / rdiag[k];
    }
  }
  return beta;
}

/** Solves the symmetric positive definite system S x = rhs in place of a copy (n × n, row-major). */
export function choleskySolve(s: Float64Array, n: number, rhs: Float64Array): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let v = s[i * n + j];
      for (let k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(v > 0)) throw new UsageError('The regression system is not positive definite; add regularisation.');
        l[i * n + i] = Math.sqrt(v);
      } else {
        l[i * n + j] = v / l[j * n + j];
      }
    }
  }
  const x = Float64Array.from(rhs);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i] -= l[i * n + k] * x[k];
    x[i] /= l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i] -= l[k * n + i] * x[k];
    x[i] /= l[i * n + i];
  }
  return x;
}

/** Result of {@link weightedRidge}. */
export interface RidgeFit {
  coef: Float64Array;
  intercept: number;
  /** Weighted R² of the fit on its own samples. */
  score: number;
}

/**
 * Weighted ridge regression with an unpenalised intercept (as scikit-learn's `Ridge` with
 * `sample_weight`): centre X and y by their weighted means, solve (XᵀWX + αI)β = XᵀWy.
 * `x` is n × p row-major; `cols` restricts the fit to some columns (default all).
 */
export function weightedRidge(x: Float64Array, n: number, p: number, y: Float64Array, w: Float64Array, alpha: number, cols?: readonly number[]): RidgeFit {
  const use = cols ?? Array.from({ length: p }, (_, j) => j);
  const k = use.length;
  let sw = 0;
  let ym = 0;
  const xm = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sw += w[i];
    ym += w[i] * y[i];
    for (let a = 0; a < k; a++) xm[a] += w[i] * x[i * p + use[a]];
  }
  ym /= sw;
  for (let a = 0; a < k; a++) xm[a] /= sw;
  const gram = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  const xc = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) xc[a] = x[i * p + use[a]] - xm[a];
    const yc = y[i] - ym;
    for (let a = 0; a < k; a++) {
      const wa = w[i] * xc[a];
      rhs[a] += wa * yc;
      for (let b = 0; b <= a; b++) gram[a * k + b] += wa * xc[b];
    }
  }
  for (let a = 0; a < k; a++) {
    gram[a * k + a] += alpha;
    for (let b = 0; b < a; b++) gram[b * k + a] = gram[a * k + b];
  }
  const beta = k > 0 ? choleskySolve(gram, k, rhs) : new Float64Array(0);
  const coef = new Float64Array(p);
  let intercept = ym;
  for (let a = 0; a < k; a++) {
    coef[use[a]] = beta[a];
    intercept -= beta[a] * xm[a];
  }
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    let pred = intercept;
    for (let a = 0; a < k; a++) pred += beta[a] * x[i * p + use[a]];
    sse += w[i] * (y[i] - pred) ** 2;
    sst += w[i] * (y[i] - ym) ** 2;
  }
  return { coef, intercept, score: sst > 0 ? 1 - sse / sst : 1 };
}
