/**
 * Binary threshold sweep: precision, recall and F1 when predicting positive for score >= t, at
 * every distinct score t. The best F1 is found on the full sweep; only the output is thinned.
 */
import type { ThresholdSweep } from '../evaluate/types';
import type { ClfCounts } from './clfcurve';
import { CURVE_POINTS } from './roc';
import { pick, thinIndices } from './thin';

/** Threshold sweep from cumulative counts, thresholds ascending in the output. */
export function thresholdSweep(c: ClfCounts, budget = CURVE_POINTS): ThresholdSweep {
  const k = c.tps.length;
  const P = k > 0 ? c.tps[k - 1] : 0;
  const thresholds = new Float64Array(k);
  const precision = new Float64Array(k);
  const recall = new Float64Array(k);
  const f1 = new Float64Array(k);
  let best = -1;
  let bestF1 = -Infinity;
  for (let i = 0; i < k; i++) {
    const j = k - 1 - i;
    const tp = c.tps[i];
    const ps = tp + c.fps[i];
    const p = ps === 0 ? 0 : tp / ps;
    const r = P === 0 ? 0 : tp / P;
    const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    thresholds[j] = c.thresholds[i];
    precision[j] = p;
    recall[j] = r;
    f1[j] = f;
    // Strict ">" while walking down from the top score: ties keep the highest threshold.
    if (f > bestF1) {
      bestF1 = f;
      best = j;
    }
  }
  const idx = thinIndices(thresholds, [precision, recall, f1], budget);
  return {
    thresholds: pick(thresholds, idx),
    precision: pick(precision, idx),
    recall: pick(recall, idx),
    f1: pick(f1, idx),
    best_f1_threshold: best >= 0 ? thresholds[best] : NaN,
    best_f1: best >= 0 ? bestF1 : NaN,
  };
}
