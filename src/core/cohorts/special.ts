/**
 * The special names of a cohort expression, computed from the model's prediction:
 * `label` and `predicted` (class names for classifiers, numbers for regression), `score`
 * (P(positive) for binary, the top probability for multiclass, the prediction for regression),
 * `correct` (classifiers) and `error` (|label − predicted| for regression, `not correct` for classifiers).
 */
import type { Column, Table } from '../data/table';
import { labelText } from '../evaluate/labels';
import { positiveIndex, predictedClassIndices } from '../evaluate/predictedClass';
import type { Task } from '../evaluate/types';
import type { Prediction } from '../model/interpretOutput';
import { tableColumns, type CohortFrame, type FrameColumn, type Unavailable } from './frame';

// Fairness imports the positive-class rule from here; it lives with the predicted-class rule.

/** What the special names are computed from. */
export interface PredictionContext {
  task: Task;
  prediction: Prediction;
  label: Column;
  /** Classifiers: class names in the model's score order (resolved on the whole dataset). */
  classes?: readonly string[];
  /** Binary: the positive class (default: the second class). */
  positiveClass?: string;
  /** Binary: threshold on P(positive) for `predicted`. */
  threshold?: number;
}

/**
 * Predicted class index per row: labels as given (-1 for a label that is not a class), else the
 * threshold on P(positive) (binary, default 0.5) or the argmax, by evaluate's rule.
 */
export function predictedIndices(ctx: PredictionContext): Int32Array {
  const classes = ctx.classes ?? [];
  const { prediction: p } = ctx;
  const binary = !p.labels && ctx.task === 'binary' ? { positive: positiveIndex(classes, ctx.positiveClass), threshold: ctx.threshold ?? 0.5 } : undefined;
  return predictedClassIndices(p, classes, { binary, unknownLabel: 'minus-one' });
}

function classificationColumns(ctx: PredictionContext): Map<string, FrameColumn | Unavailable> {
  const classes = ctx.classes ?? [];
  const p = ctx.prediction;
  const n = p.nRows;
  const labels = Array.from(ctx.label.values as ArrayLike<number | string | null>, (v) => (v === null ? null : labelText(v)));
  const idx = predictedIndices(ctx);
  const predicted = Array.from(idx, (k, i) => (k >= 0 ? classes[k] : p.labels![i]));
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) correct[i] = labels[i] !== null && labels[i] === predicted[i] ? 1 : 0;
  const special = new Map<string, FrameColumn | Unavailable>([
    ['label', { type: 'category', values: labels }],
    ['predicted', { type: 'category', values: predicted }],
    ['correct', { type: 'bool', values: correct }],
    ['error', { type: 'bool', values: correct.map((c) => 1 - c) }],
  ]);
  if (!p.proba) {
    special.set('score', { unavailable: `'score' needs class probabilities, but the output '${p.outputName}' holds labels only` });
    return special;
  }
  const k = p.nClasses ?? classes.length;
  const score = new Float64Array(n);
  if (ctx.task === 'binary') {
    const pos = positiveIndex(classes, ctx.positiveClass);
    for (let i = 0; i < n; i++) score[i] = p.proba[i * 2 + pos];
  } else {
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let c = 0; c < k; c++) m = Math.max(m, p.proba[i * k + c]);
      score[i] = m;
    }
  }
  special.set('score', { type: 'number', values: score });
  return special;
}

function regressionColumns(ctx: PredictionContext): Map<string, FrameColumn | Unavailable> {
  const y = ctx.label.kind === 'number' ? ctx.label.values : Float64Array.from(ctx.label.values, (v) => (v === null ? NaN : Number(v)));
  const yhat = ctx.prediction.values!;
  const error = Float64Array.from(y, (v, i) => Math.abs(v - yhat[i]));
  return new Map<string, FrameColumn | Unavailable>([
    ['label', { type: 'number', values: y }],
    ['predicted', { type: 'number', values: yhat }],
    ['score', { type: 'number', values: yhat }],
    ['error', { type: 'number', values: error }],
    ['correct', { unavailable: "'correct' is defined for classifiers; for regression filter on 'error' (|label − predicted|)" }],
  ]);
}

/** The special names for a prediction. */
export function specialColumns(ctx: PredictionContext): Map<string, FrameColumn | Unavailable> {
  return ctx.task === 'regression' ? regressionColumns(ctx) : classificationColumns(ctx);
}

/** Everything an expression can name for this table and prediction. */
export function cohortFrame(table: Table, ctx?: PredictionContext): CohortFrame {
  return { nRows: table.nRows, columns: tableColumns(table), special: ctx ? specialColumns(ctx) : new Map() };
}
