/**
 * Precision-recall curves in scikit-learn 1.2's layout: recall decreasing to a final (0, 1)
 * point that has no threshold, thresholds increasing. Average precision is the step-wise sum,
 * computed on the full curve.
 */
import type { PrCurve } from '../evaluate/types';
import { averagePrecisionFromCounts, type ClfCounts } from './clfcurve';
import { CURVE_POINTS } from './roc';
import { pick, thinIndices } from './thin';

/** Full PR arrays in sklearn order: `recall`/`precision` have one more entry than `thresholds`. */
export interface PrArrays {
  recall: Float64Array;
  precision: Float64Array;
  thresholds: Float64Array;
}

/** sklearn-style `precision_recall_curve` from cumulative counts (positives must be present). */
export function prArrays(c: ClfCounts): PrArrays {
  const k = c.tps.length;
  const P = c.tps[k - 1];
  const recall = new Float64Array(k + 1);
  const precision = new Float64Array(k + 1);
  const thresholds = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const j = k - 1 - i;
    const ps = c.tps[i] + c.fps[i];
    precision[j] = ps === 0 ? 0 : c.tps[i] / ps;
    recall[j] = c.tps[i] / P;
    thresholds[j] = c.thresholds[i];
  }
  precision[k] = 1;
  recall[k] = 0;
  return { recall, precision, thresholds };
}

/** Thins full PR arrays for plotting; the last (0, 1) point is always kept. */
export function packPr(full: PrArrays, ap: number, budget = CURVE_POINTS): PrCurve {
  const idx = thinIndices(full.recall, [full.precision], budget);
  const k = full.thresholds.length;
  // The final point carries no threshold, as in sklearn.
  const thrIdx = idx.filter((i) => i < k);
  return { recall: pick(full.recall, idx), precision: pick(full.precision, idx), thresholds: pick(full.thresholds, thrIdx), average_precision: ap };
}

/** PR curve for the JSON contract. */
export function prCurve(c: ClfCounts, budget = CURVE_POINTS): PrCurve {
  return packPr(prArrays(c), averagePrecisionFromCounts(c), budget);
}

/**
 * Macro-average PR: each class's step function (precision of the first point reaching recall
 * r) averaged on the union of recall values. Its step-wise area equals the mean of the classes'
 * average precisions, i.e. sklearn's `average_precision_score(average='macro')`.
 */
export function macroPr(curves: PrArrays[], budget = CURVE_POINTS): PrCurve {
  const all: number[] = [];
  for (const c of curves) for (const v of c.recall) all.push(v);
  const grid = Float64Array.from(new Set(all)).sort(); // ascending recall, starts at 0
  const mean = new Float64Array(grid.length);
  for (const c of curves) {
    // Walk the class's points in ascending recall (reverse of sklearn order) alongside the grid.
    let j = c.recall.length - 1;
    for (let g = 0; g < grid.length; g++) {
      while (j > 0 && c.recall[j] < grid[g]) j--;
      mean[g] += c.precision[j];
    }
  }
  for (let g = 0; g < grid.length; g++) mean[g] /= curves.length;
  let ap = 0;
  for (let g = 1; g < grid.length; g++) ap += (grid[g] - grid[g - 1]) * mean[g];
  const recall = grid.slice().reverse();
  const precision = mean.slice().reverse();
  const idx = thinIndices(recall, [precision], budget);
  return { recall: pick(recall, idx), precision: pick(precision, idx), thresholds: [], average_precision: ap };
}
