/**
 * From a model's prediction and the label column to metrics, curves and bootstrap intervals,
 * for classification (binary, multiclass) and regression.
 */
import type { Column } from '../data/table';
import {
  bootstrapCi,
  computeBinary,
  computeMulticlass,
  computeRegression,
  createBinaryScorer,
  createMulticlassScorer,
  createRegressionScorer,
  headlineStatistic,
} from '../metrics';
import type { Prediction } from '../model/interpretOutput';
import { EVALUATE_DEFAULTS } from './options';
import { classTargets, labelIndices, positiveIndex, regressionPair, requireTwoClasses } from './predictedClass';
import { confidentMistakes, largestResiduals } from './rowsToInspect';
import { classBalance, labelStats } from './summary';
import type { DatasetSummary, EvaluationResult, RowsToInspect, Task } from './types';

/** The task-specific part of an EvaluationResult. */
export interface Scored {
  task: Task;
  classes?: string[];
  positiveClass?: string;
  threshold?: number;
  metrics: Record<string, number>;
  perClass?: EvaluationResult['per_class'];
  confusion?: EvaluationResult['confusion_matrix'];
  curves: EvaluationResult['curves'];
  ci: Record<string, [number, number]>;
  bootstrap?: EvaluationResult['bootstrap'];
  output: EvaluationResult['output'];
  datasetExtras: Partial<DatasetSummary>;
  warnings: string[];
  /** Rows worth inspecting, numbered within the scored rows (the caller renumbers a cohort's). */
  rowsToInspect?: RowsToInspect;
}

interface CommonScoring {
  weights?: Float64Array;
  bootstrap: number;
  seed: number;
  signal?: AbortSignal;
  /** Rows to list for inspection (default 10; 0: none). */
  inspect?: number;
}

interface ClassificationScoring extends CommonScoring {
  threshold: number;
  positiveClass?: string;
  classes?: string[];
}

function intervals(task: Task, nRows: number, scorer: (w: Float64Array) => Record<string, number>, c: CommonScoring) {
  if (c.bootstrap <= 0) return { ci: {} };
  const ci = bootstrapCi(nRows, c.bootstrap, c.seed, headlineStatistic(task, scorer), {
    confidence: EVALUATE_DEFAULTS.confidence,
    weights: c.weights,
    signal: c.signal,
  });
  return { ci, bootstrap: { n: c.bootstrap, seed: c.seed, confidence: EVALUATE_DEFAULTS.confidence } };
}

function outputInfo(p: Prediction): EvaluationResult['output'] {
  return { name: p.outputName, kind: p.kind, detected: p.detected };
}

/** The most confident mistakes, unless turned off; spread into a Scored. */
function inspectMistakes(input: Parameters<typeof confidentMistakes>[0], c: CommonScoring): { rowsToInspect?: RowsToInspect } {
  const limit = c.inspect ?? EVALUATE_DEFAULTS.rowsToInspect;
  return limit > 0 ? { rowsToInspect: confidentMistakes(input, limit) } : {};
}

/** Scores a binary or multiclass prediction against the labels. */
export function scoreClassification(task: Task, prediction: Prediction, label: Column, c: ClassificationScoring): Scored {
  const { classes, warnings, truth: yTrue } = classTargets(task, prediction, label, c.classes);
  const yPred = prediction.labels ? labelIndices(prediction.labels, classes) : undefined;
  const n = yTrue.length;
  const extras = { class_balance: classBalance(yTrue, classes) };
  if (task === 'binary') {
    requireTwoClasses(classes);
    const pos = positiveIndex(classes, c.positiveClass);
    const y01 = Uint8Array.from(yTrue, (k) => (k === pos ? 1 : 0));
    const score = prediction.proba ? Float64Array.from({ length: n }, (_, i) => prediction.proba![i * 2 + pos]) : undefined;
    const input = {
      yTrue: y01,
      score,
      yPred: yPred ? Uint8Array.from(yPred, (k) => (k === pos ? 1 : 0)) : undefined,
      threshold: c.threshold,
      weights: c.weights,
      classNames: [classes[1 - pos], classes[pos]] as [string, string],
    };
    const r = computeBinary(input);
    const rowsToInspect = inspectMistakes({ yTrue, classes, proba: prediction.proba, yPred, binary: { positive: pos, threshold: c.threshold } }, c);
    return {
      task, classes, positiveClass: classes[pos], threshold: score ? c.threshold : undefined,
      metrics: r.metrics, confusion: r.confusion_matrix, curves: r.curves,
      ...intervals(task, n, createBinaryScorer(input), c),
      output: outputInfo(prediction), datasetExtras: extras, warnings: [...warnings, ...r.warnings], ...rowsToInspect,
    };
  }
  const input = { yTrue, proba: prediction.proba, yPred, nClasses: classes.length, weights: c.weights, classNames: classes };
  const r = computeMulticlass(input);
  const rowsToInspect = inspectMistakes({ yTrue, classes, proba: prediction.proba, yPred }, c);
  return {
    task, classes, metrics: r.metrics, perClass: r.per_class, confusion: r.confusion_matrix, curves: r.curves,
    ...intervals(task, n, createMulticlassScorer(input), c),
    output: outputInfo(prediction), datasetExtras: extras, warnings: [...warnings, ...r.warnings], ...rowsToInspect,
  };
}

/** Scores a regression prediction against a numeric label column. */
export function scoreRegression(prediction: Prediction, label: Column, c: CommonScoring): Scored {
  const { y, yhat } = regressionPair(prediction, label);
  const input = { y, yhat, weights: c.weights, seed: c.seed };
  const r = computeRegression(input);
  const limit = c.inspect ?? EVALUATE_DEFAULTS.rowsToInspect;
  return {
    task: 'regression', metrics: r.metrics, curves: r.curves,
    ...intervals('regression', y.length, createRegressionScorer(input), c),
    output: outputInfo(prediction), datasetExtras: { label_stats: labelStats(y) }, warnings: r.warnings,
    ...(limit > 0 ? { rowsToInspect: largestResiduals(y, yhat, limit) } : {}),
  };
}
