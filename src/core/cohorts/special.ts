/**
 * The special names of a cohort expression, computed from the model's prediction:
 * `label` and `predicted` (class names for classifiers, numbers for regression), `score`
 * (P(positive) for binary, the top probability for multiclass, the prediction for regression),
 * `correct` (classifiers) and `error` (|label − predicted| for regression, `not correct` for classifiers).
 */
import type { Column, Table } from '../data/table';
import { UsageError, listNames } from '../errors';
import { labelText } from '../evaluate/labels';
import type { Task } from '../evaluate/types';
import type { Prediction } from '../model/interpretOutput';
import { tableColumns, type CohortFrame, type FrameColumn, type Unavailable } from './frame';

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

/** Index of the positive class of a binary classifier. */
export function positiveIndex(classes: readonly string[], positiveClass: string | undefined): number {
  if (positiveClass === undefined) return 1;
  const k = classes.indexOf(positiveClass);
  if (k < 0) throw new UsageError(`--positive-class '${positiveClass}' is not one of the classes: ${listNames(classes)}.`);
  return k;
}

/** Predicted class index per row: labels as given, else argmax (multiclass) or the threshold (binary). */
export function predictedIndices(ctx: PredictionContext): Int32Array {
  const { prediction: p, task } = ctx;
  const classes = ctx.classes ?? [];
  const n = p.nRows;
  const out = new Int32Array(n);
  if (p.labels) {
    const index = new Map(classes.map((c, i) => [c, i] as const));
    for (let i = 0; i < n; i++) out[i] = index.get(p.labels[i]) ?? -1;
    return out;
  }
  const proba = p.proba!;
  const k = p.nClasses ?? classes.length;
  if (task === 'binary') {
    const pos = positiveIndex(classes, ctx.positiveClass);
    const t = ctx.threshold ?? 0.5;
    for (let i = 0; i < n; i++) out[i] = proba[i * 2 + pos] >= t ? pos : 1 - pos;
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    // First maximum wins, like numpy's argmax.
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
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
