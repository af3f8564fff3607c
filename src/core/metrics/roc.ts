/**
 * ROC curves in scikit-learn 1.2's conventions: collinear intermediate points dropped
 * (`drop_intermediate=True`), a first point at (0, 0) whose threshold is the top score + 1, and
 * the AUC by trapezoids over the full curve (thinning is for plotting only).
 */
import type { RocCurve } from '../evaluate/types';
import { rocAucFromCounts, type ClfCounts } from './clfcurve';
import { pick, thinIndices } from './thin';

/** Default plotting budget for curve points. */
export const CURVE_POINTS = 1000;

/** Full ROC arrays (before thinning), with sklearn's extra first point. */
export interface RocArrays {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

/**
 * sklearn-style `roc_curve` from cumulative counts. Both classes must be present (the caller
 * checks; rates would be NaN otherwise).
 */
export function rocArrays(c: ClfCounts): RocArrays {
  const k = c.tps.length;
  // Keep a point only where the curve bends: its second difference in fps or tps is non-zero.
  const keepBuf = new Uint32Array(k);
  let kept = 0;
  for (let i = 0; i < k; i++) {
    if (i === 0 || i === k - 1 || k <= 2) keepBuf[kept++] = i;
    else if (c.fps[i + 1] - 2 * c.fps[i] + c.fps[i - 1] !== 0 || c.tps[i + 1] - 2 * c.tps[i] + c.tps[i - 1] !== 0) keepBuf[kept++] = i;
  }
  const keep = keepBuf.subarray(0, kept);
  const m = kept + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  const P = c.tps[k - 1];
  const N = c.fps[k - 1];
  thresholds[0] = c.thresholds[0] + 1;
  for (let j = 0; j < keep.length; j++) {
    const i = keep[j];
    fpr[j + 1] = c.fps[i] / N;
    tpr[j + 1] = c.tps[i] / P;
    thresholds[j + 1] = c.thresholds[i];
  }
  return { fpr, tpr, thresholds };
}

/** Trapezoidal area under a curve given by increasing x. */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return a;
}

/** ROC curve for the JSON contract: thinned points, AUC from the full curve. */
export function rocCurve(c: ClfCounts, budget = CURVE_POINTS): RocCurve {
  const full = rocArrays(c);
  return packRoc(full, rocAucFromCounts(c), budget);
}

/** Thins full ROC arrays and attaches the AUC. */
export function packRoc(full: RocArrays, auc: number, budget = CURVE_POINTS): RocCurve {
  const idx = thinIndices(full.fpr, [full.tpr], budget);
  return { fpr: pick(full.fpr, idx), tpr: pick(full.tpr, idx), thresholds: pick(full.thresholds, idx), auc };
}

/**
 * Linear interpolation of (xp, fp) at x like numpy.interp: xp ascending (repeats allowed, the
 * last of equal xs wins), constant beyond the ends.
 */
export function interpAt(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const n = xp.length;
  if (x <= xp[0]) return x === xp[0] ? fp[upperBound(xp, x) - 1] : fp[0];
  if (x >= xp[n - 1]) return fp[n - 1];
  const j = upperBound(xp, x) - 1;
  return fp[j] + ((fp[j + 1] - fp[j]) * (x - xp[j])) / (xp[j + 1] - xp[j]);
}

/** First index whose value is > x, in an ascending array. */
function upperBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Macro-average ROC: every class's TPR interpolated on the union of their FPRs and averaged
 * (the usual one-vs-rest recipe); the AUC is the trapezoid area of that mean curve.
 */
export function macroRoc(curves: RocArrays[], budget = CURVE_POINTS): RocCurve {
  const all: number[] = [];
  for (const c of curves) for (const v of c.fpr) all.push(v);
  const grid = Float64Array.from(new Set(all)).sort();
  const mean = new Float64Array(grid.length);
  for (const c of curves) for (let i = 0; i < grid.length; i++) mean[i] += interpAt(grid[i], c.fpr, c.tpr);
  for (let i = 0; i < grid.length; i++) mean[i] /= curves.length;
  const auc = trapezoid(grid, mean);
  const idx = thinIndices(grid, [mean], budget);
  return { fpr: pick(grid, idx), tpr: pick(mean, idx), thresholds: [], auc };
}
