/**
 * Reliability diagram with equal-width bins, binned exactly as scikit-learn 1.2's
 * `calibration_curve(strategy='uniform')` (inner edges i/n, a value equal to an edge goes to the
 * lower bin), extended with sample weights, plus expected and maximum calibration error.
 */
import type { CalibrationCurve } from '../evaluate/types';

/**
 * @param confidence predicted probability of the event per row, in [0, 1]
 * @param outcome 1 when the event happened (binary: positive class; multiclass: top label right)
 */
export function calibrationCurve(
  confidence: Float64Array,
  outcome: Uint8Array,
  weights: Float64Array | undefined,
  nBins = 10,
): CalibrationCurve {
  const step = 1 / nBins;
  // numpy.linspace(0, 1, n + 1) computes edge i as i * step: reproduce those exact doubles.
  const inner = new Float64Array(nBins - 1);
  for (let i = 1; i < nBins; i++) inner[i - 1] = i * step;
  const total = new Float64Array(nBins);
  const sumConf = new Float64Array(nBins);
  const sumTrue = new Float64Array(nBins);
  for (let r = 0; r < confidence.length; r++) {
    const p = confidence[r];
    const w = weights ? weights[r] : 1;
    // Bin = number of inner edges strictly below p (searchsorted, side='left').
    let b = Math.min(nBins - 1, Math.max(0, Math.floor(p * nBins)));
    while (b > 0 && inner[b - 1] >= p) b--;
    while (b < nBins - 1 && inner[b] < p) b++;
    total[b] += w;
    sumConf[b] += w * p;
    if (outcome[r]) sumTrue[b] += w;
  }
  let all = 0;
  for (let b = 0; b < nBins; b++) all += total[b];
  const out: CalibrationCurve = { mean_predicted: [], fraction_positive: [], count: [], ece: 0, mce: 0, n_bins: nBins };
  for (let b = 0; b < nBins; b++) {
    if (total[b] === 0) continue;
    const conf = sumConf[b] / total[b];
    const acc = sumTrue[b] / total[b];
    const gap = Math.abs(acc - conf);
    out.mean_predicted.push(conf);
    out.fraction_positive.push(acc);
    out.count.push(total[b]);
    out.ece += (total[b] / all) * gap;
    if (gap > out.mce) out.mce = gap;
  }
  return out;
}

/** Top-label confidence and correctness per row of a row-major N×C probability matrix. */
export function topLabel(proba: Float64Array, yTrue: Int32Array, nClasses: number): { confidence: Float64Array; correct: Uint8Array } {
  const n = yTrue.length;
  const confidence = new Float64Array(n);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * nClasses;
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (proba[o + c] > proba[o + best]) best = c;
    confidence[i] = proba[o + best];
    correct[i] = best === yTrue[i] ? 1 : 0;
  }
  return { confidence, correct };
}
