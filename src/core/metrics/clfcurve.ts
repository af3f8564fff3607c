/**
 * The one pass every binary ranking metric shares: walk the scores from the highest down and
 * accumulate true- and false-positive weight at each distinct score. ROC, precision-recall and
 * the threshold sweep are all read off these cumulative counts.
 */
import type { SortedScores } from './sort';

/** Cumulative counts at each distinct score, highest score first. */
export interface ClfCounts {
  /** Distinct score values, descending. */
  thresholds: Float64Array;
  /** Weight of positives with score >= threshold. */
  tps: Float64Array;
  /** Weight of negatives with score >= threshold. */
  fps: Float64Array;
}

/**
 * Cumulative true/false positives per distinct score, like scikit-learn's `_binary_clf_curve`.
 * Rows with zero weight are skipped, as scikit-learn drops them before building its curves (so
 * a bootstrap resample that leaves a row out behaves exactly like a smaller data set).
 */
export function clfCountsBinary(sorted: SortedScores, yTrue: Uint8Array, weights: Float64Array | undefined): ClfCounts {
  const { order, sorted: s } = sorted;
  const n = order.length;
  const thr = new Float64Array(n);
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let k = -1;
  let tp = 0;
  let fp = 0;
  let current = NaN;
  // Two copies of the loop so the unweighted one (the big-data case) reads no weight array.
  if (weights) {
    for (let i = n - 1; i >= 0; i--) {
      const row = order[i];
      const w = weights[row];
      if (w === 0) continue;
      const v = s[i];
      if (v !== current) {
        if (k >= 0) {
          tps[k] = tp;
          fps[k] = fp;
        }
        thr[++k] = current = v;
      }
      if (yTrue[row] === 1) tp += w;
      else fp += w;
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      const v = s[i];
      if (v !== current) {
        if (k >= 0) {
          tps[k] = tp;
          fps[k] = fp;
        }
        thr[++k] = current = v;
      }
      if (yTrue[order[i]] === 1) tp++;
      else fp++;
    }
  }
  if (k >= 0) {
    tps[k] = tp;
    fps[k] = fp;
  }
  k++;
  return { thresholds: thr.subarray(0, k), tps: tps.subarray(0, k), fps: fps.subarray(0, k) };
}

/** Area under the ROC curve (trapezoids over all distinct thresholds); NaN if a class is absent. */
export function rocAucFromCounts(c: ClfCounts): number {
  const k = c.tps.length;
  if (k === 0) return NaN;
  const P = c.tps[k - 1];
  const N = c.fps[k - 1];
  if (!(P > 0) || !(N > 0)) return NaN;
  let area = 0;
  let x0 = 0;
  let y0 = 0;
  for (let i = 0; i < k; i++) {
    const x = c.fps[i] / N;
    const y = c.tps[i] / P;
    area += ((x - x0) * (y + y0)) / 2;
    x0 = x;
    y0 = y;
  }
  return area;
}

/**
 * Average precision as scikit-learn defines it: the step-wise sum Σ (R_k − R_{k−1}) P_k over
 * thresholds (no trapezoids, no interpolation). NaN when there are no positives.
 */
export function averagePrecisionFromCounts(c: ClfCounts): number {
  const k = c.tps.length;
  if (k === 0) return NaN;
  const P = c.tps[k - 1];
  if (!(P > 0)) return NaN;
  let ap = 0;
  let r0 = 0;
  for (let i = 0; i < k; i++) {
    const tp = c.tps[i];
    const ps = tp + c.fps[i];
    const r = tp / P;
    ap += (r - r0) * (ps === 0 ? 0 : tp / ps);
    r0 = r;
  }
  return ap;
}
