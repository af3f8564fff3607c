/**
 * Binary evaluation: every metric, the 2×2 confusion matrix and the plot curves (ROC, PR,
 * calibration, threshold sweep, score histograms), all from one sort of the scores.
 */
import { DataError } from '../errors';
import type { CalibrationCurve, PrCurve, RocCurve, ScoreDistribution, ThresholdSweep } from '../evaluate/types';
import { binaryMetricsWithCounts, binaryScorer, bothClasses, labelsFromScore, prepareBinaryData, type BinaryScorer } from './binary';
import { sortedOnce } from './sort';
import { calibrationCurve } from './calibration';
import { confusionCounts, toMatrix } from './confusion';
import { scoreDistribution } from './distribution';
import { checkBinaryLabels, checkFinite, checkLength, checkNonEmpty, checkWeights, dropNonFinite } from './input';
import { prCurve } from './pr';
import { rocCurve } from './roc';
import { thresholdSweep } from './thresholds';

/** Input of {@link computeBinary}. */
export interface BinaryInput {
  /** 0 = negative, 1 = positive. */
  yTrue: Uint8Array;
  /** P(positive) per row; omit when the model only gives labels. */
  score?: Float64Array;
  /** Predicted labels; derived as `score >= threshold` when omitted. */
  yPred?: Uint8Array;
  threshold: number;
  weights?: Float64Array;
  /** [negative, positive] display names. */
  classNames: [string, string];
}

/** Output of {@link computeBinary}. */
export interface BinaryResult {
  metrics: Record<string, number>;
  confusion_matrix: { labels: string[]; matrix: number[][] };
  curves: {
    roc?: Record<string, RocCurve>;
    pr?: Record<string, PrCurve>;
    calibration?: CalibrationCurve;
    thresholds?: ThresholdSweep;
    score_distribution?: ScoreDistribution;
  };
  warnings: string[];
}

/** Validates the input and fills in predicted labels. */
function prepare(input: BinaryInput): { yPred: Uint8Array } {
  const { yTrue, score, weights } = input;
  const n = yTrue.length;
  checkNonEmpty(n);
  checkBinaryLabels('true labels', yTrue);
  if (score) {
    checkLength('scores', score, n);
    checkFinite('scores', score);
  }
  checkWeights(weights, n);
  if (input.yPred) {
    checkLength('predicted labels', input.yPred, n);
    checkBinaryLabels('predicted labels', input.yPred);
    return { yPred: input.yPred };
  }
  if (!score) throw new DataError('binary evaluation needs scores or predicted labels; got neither.');
  return { yPred: labelsFromScore(score, input.threshold) };
}

/**
 * Metric-only scorer for the bootstrap: `scorer(weights)` gives the same metrics as
 * {@link computeBinary} for those row weights (pass base weights × resample counts).
 */
export function createBinaryScorer(input: BinaryInput): BinaryScorer {
  const { yPred } = prepare(input);
  const score = input.score;
  return binaryScorer({ yTrue: input.yTrue, score, yPred }, score ? sortedOnce(score) : undefined);
}

/** All binary metrics and curves, matching scikit-learn 1.2 (weights as `sample_weight`). */
export function computeBinary(input: BinaryInput): BinaryResult {
  const { yPred } = prepare(input);
  const { yTrue, score, weights, classNames } = input;
  const warnings: string[] = [];
  const prepared = prepareBinaryData({ yTrue, score, yPred }, score ? sortedOnce(score) : undefined);
  const { metrics: raw, counts } = binaryMetricsWithCounts(prepared, weights);
  const curves: BinaryResult['curves'] = {};
  if (score && counts) {
    if (bothClasses(counts)) {
      curves.roc = { [classNames[1]]: rocCurve(counts) };
      curves.pr = { [classNames[1]]: prCurve(counts) };
    } else {
      const only = counts.tps.length > 0 && counts.tps[counts.tps.length - 1] > 0 ? classNames[1] : classNames[0];
      warnings.push(`Only one class ('${only}') is present in the true labels: roc_auc, average_precision and the ROC/PR curves are left out.`);
      delete raw.roc_auc;
      delete raw.average_precision;
    }
    curves.thresholds = thresholdSweep(counts);
    curves.calibration = calibrationCurve(score, yTrue, weights);
    curves.score_distribution = scoreDistribution((i) => score[i], yTrue, classNames, weights);
  }
  const metrics = dropNonFinite(raw, warnings);
  const confusion_matrix = { labels: [...classNames], matrix: toMatrix(confusionCounts(yTrue, yPred, 2, weights), 2) };
  return { metrics, confusion_matrix, curves, warnings };
}
