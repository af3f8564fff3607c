/**
 * Multiclass evaluation: metrics, per-class table, C×C confusion matrix, and one-vs-rest ROC/PR
 * curves per class plus micro and macro averages, top-label calibration and true-class score
 * histograms.
 */
import type { CalibrationCurve, PerClassMetrics, PrCurve, RocCurve, ScoreDistribution } from '../evaluate/types';
import { DataError } from '../errors';
import { bothClasses } from './binary';
import { sortedColumnsOnce, sortedOnce } from './sort';
import { calibrationCurve, topLabel } from './calibration';
import { averagePrecisionFromCounts, clfCountsBinary, rocAucFromCounts } from './clfcurve';
import { classStats, confusionCounts, toMatrix } from './confusion';
import { scoreDistribution } from './distribution';
import { checkClassIndex, checkFinite, checkLength, checkNonEmpty, checkWeights, dropNonFinite } from './input';
import { argmaxRows, multiclassScorer, oneVsRest, type MulticlassScorer } from './multiclass';
import { macroPr, packPr, prArrays, type PrArrays } from './pr';
import { macroRoc, packRoc, rocArrays, type RocArrays } from './roc';

/** Input of {@link computeMulticlass}. */
export interface MulticlassInput {
  /** Class index 0..nClasses-1 per row. */
  yTrue: Int32Array;
  /** Row-major N×C class probabilities; omit when the model only gives labels. */
  proba?: Float64Array;
  /** Predicted class indices; argmax of `proba` when omitted. */
  yPred?: Int32Array;
  nClasses: number;
  weights?: Float64Array;
  classNames: string[];
}

/** Output of {@link computeMulticlass}. */
export interface MulticlassResult {
  metrics: Record<string, number>;
  per_class: PerClassMetrics[];
  confusion_matrix: { labels: string[]; matrix: number[][] };
  curves: {
    roc?: Record<string, RocCurve>;
    pr?: Record<string, PrCurve>;
    calibration?: CalibrationCurve;
    score_distribution?: ScoreDistribution;
  };
  warnings: string[];
}

function prepare(input: MulticlassInput): { yPred: Int32Array } {
  const { yTrue, proba, nClasses: C, weights, classNames } = input;
  const n = yTrue.length;
  checkNonEmpty(n);
  if (classNames.length !== C) throw new DataError(`${classNames.length} class names given for ${C} classes.`);
  checkClassIndex('true labels', yTrue, C);
  checkWeights(weights, n);
  if (proba) {
    if (proba.length !== n * C) throw new DataError(`probabilities have ${proba.length} values; expected ${n} rows × ${C} classes = ${n * C}.`);
    checkFinite('probabilities', proba);
  }
  if (input.yPred) {
    checkLength('predicted labels', input.yPred, n);
    checkClassIndex('predicted labels', input.yPred, C);
    return { yPred: input.yPred };
  }
  if (!proba) throw new DataError('multiclass evaluation needs probabilities or predicted labels; got neither.');
  return { yPred: argmaxRows(proba, C) };
}

/** Metric-only scorer for the bootstrap (same metrics as {@link computeMulticlass}). */
export function createMulticlassScorer(input: MulticlassInput): MulticlassScorer {
  const { yPred } = prepare(input);
  const { yTrue, proba, nClasses } = input;
  return multiclassScorer({ yTrue, proba, yPred, nClasses }, proba ? sortedColumnsOnce(proba, nClasses) : undefined);
}

/** All multiclass metrics and curves, matching scikit-learn 1.2 (weights as `sample_weight`). */
export function computeMulticlass(input: MulticlassInput): MulticlassResult {
  const { yPred } = prepare(input);
  const { yTrue, proba, nClasses: C, weights, classNames } = input;
  const n = yTrue.length;
  const warnings: string[] = [];
  const sorted = proba ? sortedColumnsOnce(proba, C) : undefined;
  const raw = multiclassScorer({ yTrue, proba, yPred, nClasses: C }, sorted)(weights);
  const m = confusionCounts(yTrue, yPred, C, weights);
  const stats = classStats(m, C);
  const per_class = classNames.map((name, c) => ({ class: name, precision: stats.precision[c], recall: stats.recall[c], f1: stats.f1[c], support: stats.support[c] }));
  const curves: MulticlassResult['curves'] = {};
  if (proba && sorted) {
    if (!Number.isFinite(raw.roc_auc_ovr)) {
      delete raw.roc_auc_ovr;
      warnings.push('roc_auc_ovr needs every class among the true labels (and not all rows of one class); it is left out.');
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += proba[i * C + c];
      if (Math.abs(s - 1) > 1e-5) {
        warnings.push(`probabilities of row ${i} sum to ${s}, not 1: log_loss renormalises rows, ROC AUC uses them as they are.`);
        break;
      }
    }
    const rocs: RocArrays[] = [];
    const prs: PrArrays[] = [];
    curves.roc = {};
    curves.pr = {};
    for (let c = 0; c < C; c++) {
      const counts = clfCountsBinary(sorted[c], oneVsRest(yTrue, c), weights);
      if (!bothClasses(counts)) continue;
      const roc = rocArrays(counts);
      const pr = prArrays(counts);
      rocs.push(roc);
      prs.push(pr);
      curves.roc[classNames[c]] = packRoc(roc, rocAucFromCounts(counts));
      curves.pr[classNames[c]] = packPr(pr, averagePrecisionFromCounts(counts));
    }
    if (rocs.length < C) warnings.push('Some classes have no rows (or only rows) in the true labels: their one-vs-rest curves and the macro curves are left out.');
    else {
      curves.roc.macro = macroRoc(rocs);
      curves.pr.macro = macroPr(prs);
    }
    // Micro average: every (row, class) cell is one binary decision, weighted by its row.
    const onehot = new Uint8Array(n * C);
    for (let i = 0; i < n; i++) onehot[i * C + yTrue[i]] = 1;
    let cellWeights: Float64Array | undefined;
    if (weights) {
      cellWeights = new Float64Array(n * C);
      for (let i = 0; i < n; i++) cellWeights.fill(weights[i], i * C, (i + 1) * C);
    }
    const micro = clfCountsBinary(sortedOnce(proba), onehot, cellWeights);
    curves.roc.micro = packRoc(rocArrays(micro), rocAucFromCounts(micro));
    curves.pr.micro = packPr(prArrays(micro), averagePrecisionFromCounts(micro));
    const top = topLabel(proba, yTrue, C);
    curves.calibration = calibrationCurve(top.confidence, top.correct, weights);
    curves.score_distribution = scoreDistribution((i) => proba[i * C + yTrue[i]], yTrue, classNames, weights);
  }
  const metrics = dropNonFinite(raw, warnings);
  return { metrics, per_class, confusion_matrix: { labels: [...classNames], matrix: toMatrix(m, C) }, curves, warnings };
}
