/**
 * What class a classifier predicted for each row, and whether that row is a mistake: the one
 * rule evaluate, error analysis and cohorts (and through cohorts, fairness) share, so a row that
 * counts as an error in one report counts as an error in every other.
 * - label-only models: the predicted label, matched to the class names exactly (as text);
 * - binary models with scores: the positive class when P(positive) >= threshold, else the other;
 * - otherwise the most probable class, the first one on ties (like numpy's argmax).
 * Also the input checks the three share, with one wording of each error.
 */
import type { Column } from '../data/table';
import { DataError, ModelError, UsageError, listNames } from '../errors';
import type { Prediction } from '../model/interpretOutput';
import { resolveClasses } from './classes';
import { encodeLabels } from './labels';
import type { Task } from './types';

/** Binary rule: predict `positive` when its probability is at least `threshold`. */
export interface BinaryRule {
  /** Index of the positive class (see {@link positiveIndex}). */
  positive: number;
  threshold: number;
}

/** How {@link predictedClassIndices} predicts. */
export interface PredictedClassOptions {
  /** Binary scores: apply the threshold rule instead of the argmax. */
  binary?: BinaryRule;
  /** A predicted label that is not a class: 'error' (default) throws a ModelError, 'minus-one' marks it -1. */
  unknownLabel?: 'error' | 'minus-one';
}

/**
 * Index of the positive class of a binary classifier: `positiveClass`'s position in `classes`,
 * or 1 (the second class, scikit-learn's convention) when none is named.
 * @throws UsageError when `positiveClass` is not one of the classes.
 */
export function positiveIndex(classes: readonly string[], positiveClass: string | undefined): number {
  if (positiveClass === undefined) return 1;
  const k = classes.indexOf(positiveClass);
  if (k < 0) throw new UsageError(`--positive-class '${positiveClass}' is not one of the classes: ${listNames(classes)}.`);
  return k;
}

/**
 * Class index of each predicted label.
 * @throws ModelError naming the label and its row when a label is not a class (unless `unknownLabel` is 'minus-one').
 */
export function labelIndices(labels: readonly string[], classes: readonly string[], unknownLabel: 'error' | 'minus-one' = 'error'): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i] as const));
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const k = index.get(labels[i]);
    if (k === undefined && unknownLabel === 'error') {
      throw new ModelError(`the model predicted '${labels[i]}' (row ${i + 1}), which is not one of the classes: ${listNames(classes)}.`);
    }
    out[i] = k ?? -1;
  }
  return out;
}

/** The most probable class of row `row` of an N×C row-major matrix; the first maximum wins, as in numpy. */
export function rowArgmax(proba: ArrayLike<number>, row: number, nClasses: number): number {
  const o = row * nClasses;
  let best = 0;
  for (let c = 1; c < nClasses; c++) if (proba[o + c] > proba[o + best]) best = c;
  return best;
}

/** Predicted class index per row: labels as given, else the binary threshold rule or the argmax. */
export function predictedClassIndices(prediction: Prediction, classes: readonly string[], opts: PredictedClassOptions = {}): Int32Array {
  if (prediction.labels) return labelIndices(prediction.labels, classes, opts.unknownLabel);
  const n = prediction.nRows;
  const proba = prediction.proba!;
  const out = new Int32Array(n);
  const rule = opts.binary;
  if (rule) {
    // Two columns; a NaN probability is not >= the threshold, so it predicts the negative class.
    for (let i = 0; i < n; i++) out[i] = proba[i * 2 + rule.positive] >= rule.threshold ? rule.positive : 1 - rule.positive;
    return out;
  }
  const k = prediction.nClasses ?? classes.length;
  for (let i = 0; i < n; i++) out[i] = rowArgmax(proba, i, k);
  return out;
}

/** 1 where the predicted class differs from the true class, else 0. */
export function mismatches(predicted: Int32Array, truth: Int32Array): Uint8Array {
  const out = new Uint8Array(predicted.length);
  for (let i = 0; i < out.length; i++) out[i] = predicted[i] !== truth[i] ? 1 : 0;
  return out;
}

/** @throws UsageError when a classification task was given a regression output. */
export function requireClassOutput(task: Task, prediction: Prediction): void {
  if (prediction.values) throw new UsageError(`the task is ${task} but the output '${prediction.outputName}' was read as regression values; pass --output-kind.`);
}

/** The class names, the warning if their order was assumed, and the true class index per row. */
export interface ClassTargets {
  classes: string[];
  warnings: string[];
  truth: Int32Array;
}

/**
 * The classification side of the labels: checks the output holds classes, resolves the class
 * names (`requested` = --classes) and encodes the label column, in that order of errors.
 */
export function classTargets(task: Task, prediction: Prediction, label: Column, requested?: string[]): ClassTargets {
  requireClassOutput(task, prediction);
  const resolved = resolveClasses(prediction, label, requested);
  return { classes: resolved.classes, warnings: resolved.warning ? [resolved.warning] : [], truth: encodeLabels(label, resolved.classes) };
}

/** @throws DataError when a binary task has other than two classes. */
export function requireTwoClasses(classes: readonly string[]): void {
  if (classes.length !== 2) throw new DataError(`the task is binary but there are ${classes.length} classes (${listNames(classes)}); pass --task multiclass.`);
}

/**
 * The true and predicted values of a regression.
 * @throws DataError when the label column holds text; UsageError when the output is not values.
 */
export function regressionPair(prediction: Prediction, label: Column): { y: Float64Array; yhat: Float64Array } {
  if (label.kind !== 'number') throw new DataError(`label column '${label.name}' holds text; regression needs numbers (or pass --task binary or --task multiclass).`);
  if (!prediction.values) throw new UsageError(`the output '${prediction.outputName}' was read as ${prediction.kind}, not regression values; pass --task or --output-kind values.`);
  return { y: label.values, yhat: prediction.values };
}
