/**
 * Binary classification metrics, matching scikit-learn 1.2 with `sample_weight`. Built as a
 * scorer: the expensive parts that do not depend on weights (the score sort, per-row losses) are
 * prepared once, so the bootstrap can re-weight rows thousands of times cheaply.
 */
import { averagePrecisionFromCounts, clfCountsBinary, rocAucFromCounts, type ClfCounts } from './clfcurve';
import { balancedAccuracy, classStats, confusionCounts, kappaFromConfusion, mccFromConfusion, safeDiv } from './confusion';
import { argsortAscending, type SortedScores } from './sort';

/** float64 machine epsilon: sklearn 1.2's log_loss clips probabilities to [eps, 1 - eps]. */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/** What a binary scorer needs: true labels, and scores and/or predicted labels. */
export interface BinaryData {
  yTrue: Uint8Array;
  /** P(positive) per row, or undefined when the model only gives labels. */
  score?: Float64Array;
  /** Predicted 0/1 labels (derived from `score >= threshold` when absent). */
  yPred: Uint8Array;
}

/** Predicted labels from scores: positive when score >= threshold. */
export function labelsFromScore(score: Float64Array, threshold: number): Uint8Array {
  const out = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) out[i] = score[i] >= threshold ? 1 : 0;
  return out;
}

/** Per-row binary log loss with sklearn's clip-then-renormalise of the two columns. */
export function binaryLogLossTerms(yTrue: Uint8Array, score: Float64Array): Float64Array {
  const out = new Float64Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const p = Math.min(Math.max(score[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    const q = 1 - p;
    out[i] = -Math.log((yTrue[i] === 1 ? p : q) / (q + p));
  }
  return out;
}

/** Label-only metrics from a weighted 2×2 confusion matrix `[tn, fp, fn, tp]`. */
export function labelMetrics(m: Float64Array): Record<string, number> {
  const stats = classStats(m, 2);
  const [tn, fp, fn, tp] = m;
  return {
    accuracy: safeDiv(tn + tp, tn + fp + fn + tp),
    balanced_accuracy: balancedAccuracy(stats),
    precision: stats.precision[1],
    recall: stats.recall[1],
    f1: stats.f1[1],
    specificity: safeDiv(tn, tn + fp),
    mcc: mccFromConfusion(m, 2),
    cohen_kappa: kappaFromConfusion(m, 2),
  };
}

/** True when both classes carry weight (rank metrics need both). */
export function bothClasses(c: ClfCounts): boolean {
  const k = c.tps.length;
  return k > 0 && c.tps[k - 1] > 0 && c.fps[k - 1] > 0;
}

/** A prepared binary data set: call with row weights to get all metrics (no curves). */
export type BinaryScorer = (weights: Float64Array | undefined) => Record<string, number>;

/** Weight-independent parts of a binary data set, computed once. */
export interface PreparedBinary extends BinaryData {
  sorted?: SortedScores;
  logLoss?: Float64Array;
}

/** Sorts the scores (unless given) and precomputes per-row losses. */
export function prepareBinaryData(data: BinaryData, sortedScores?: SortedScores): PreparedBinary {
  const { yTrue, score } = data;
  return {
    ...data,
    sorted: score ? (sortedScores ?? argsortAscending(score)) : undefined,
    logLoss: score ? binaryLogLossTerms(yTrue, score) : undefined,
  };
}

/**
 * Every binary metric for one weighting of the rows, plus the cumulative counts the curves are
 * drawn from (so a full evaluation walks the sorted scores once). Score-based metrics are left
 * out without scores; roc_auc / average_precision are NaN when a class is missing.
 */
export function binaryMetricsWithCounts(p: PreparedBinary, weights: Float64Array | undefined): { metrics: Record<string, number>; counts?: ClfCounts } {
  const { yTrue, score, yPred, sorted, logLoss } = p;
  const out = labelMetrics(confusionCounts(yTrue, yPred, 2, weights));
  if (!score || !sorted || !logLoss) return { metrics: out };
  const c = clfCountsBinary(sorted, yTrue, weights);
  out.roc_auc = rocAucFromCounts(c);
  out.average_precision = bothClasses(c) ? averagePrecisionFromCounts(c) : NaN;
  let ll = 0;
  let brier = 0;
  let wsum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const w = weights ? weights[i] : 1;
    const d = yTrue[i] - score[i];
    ll += w * logLoss[i];
    brier += w * d * d;
    wsum += w;
  }
  out.log_loss = ll / wsum;
  out.brier_score = brier / wsum;
  return { metrics: out, counts: c };
}

/** Prepares `data` once and returns a function computing every binary metric for a weighting. */
export function binaryScorer(data: BinaryData, sortedScores?: SortedScores): BinaryScorer {
  const prepared = prepareBinaryData(data, sortedScores);
  return (weights) => binaryMetricsWithCounts(prepared, weights).metrics;
}
