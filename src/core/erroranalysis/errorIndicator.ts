/**
 * Which rows the model got wrong: misclassified rows for classifiers; for regression, rows whose
 * absolute error is above a quantile of all absolute errors (default the 0.9 quantile).
 */
import type { Column } from '../data/table';
import { DataError, ModelError, UsageError, listNames } from '../errors';
import { resolveClasses } from '../evaluate/classes';
import { encodeLabels } from '../evaluate/labels';
import type { Task } from '../evaluate/types';
import type { Prediction } from '../model/interpretOutput';
import { quantileLinear } from './significance';

/** The error indicator and how it was defined. */
export interface ErrorIndicator {
  isError: Uint8Array;
  definition: string;
  classes?: string[];
  positiveClass?: string;
  threshold?: number;
  errorThreshold?: number;
  warnings: string[];
}

/** Settings of {@link errorIndicator}. */
export interface IndicatorOptions {
  threshold: number;
  positiveClass?: string;
  classes?: string[];
  errorQuantile: number;
}

function predictedClasses(prediction: Prediction, classes: string[]): Int32Array {
  const n = prediction.nRows;
  const out = new Int32Array(n);
  if (prediction.labels) {
    const index = new Map(classes.map((c, i) => [c, i] as const));
    for (let i = 0; i < n; i++) {
      const k = index.get(prediction.labels[i]);
      if (k === undefined) throw new ModelError(`the model predicted '${prediction.labels[i]}' (row ${i + 1}), which is not one of the classes: ${listNames(classes)}.`);
      out[i] = k;
    }
    return out;
  }
  const c = prediction.nClasses!;
  const p = prediction.proba!;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (p[i * c + k] > p[i * c + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** Computes the error indicator for a prediction against the label column. */
export function errorIndicator(task: Task, prediction: Prediction, label: Column, opts: IndicatorOptions): ErrorIndicator {
  const n = prediction.nRows;
  const isError = new Uint8Array(n);
  if (task === 'regression') {
    if (label.kind !== 'number') throw new DataError(`label column '${label.name}' holds text; regression needs numbers (or pass --task binary or --task multiclass).`);
    if (!prediction.values) throw new UsageError(`the output '${prediction.outputName}' was read as ${prediction.kind}, not regression values; pass --task or --output-kind values.`);
    const abs = new Float64Array(n);
    for (let i = 0; i < n; i++) abs[i] = Math.abs(label.values[i] - prediction.values[i]);
    const cut = quantileLinear(abs, opts.errorQuantile);
    for (let i = 0; i < n; i++) isError[i] = abs[i] > cut ? 1 : 0;
    return { isError, definition: `absolute error above its ${opts.errorQuantile} quantile (${cut})`, errorThreshold: cut, warnings: [] };
  }
  if (prediction.values) throw new UsageError(`the task is ${task} but the output '${prediction.outputName}' was read as regression values; pass --output-kind.`);
  const resolved = resolveClasses(prediction, label, opts.classes);
  const classes = resolved.classes;
  const warnings = resolved.warning ? [resolved.warning] : [];
  const truth = encodeLabels(label, classes);
  if (task === 'binary' && prediction.proba) {
    if (classes.length !== 2) throw new DataError(`the task is binary but there are ${classes.length} classes (${listNames(classes)}); pass --task multiclass.`);
    const pos = opts.positiveClass === undefined ? 1 : classes.indexOf(opts.positiveClass);
    if (pos < 0) throw new UsageError(`--positive-class '${opts.positiveClass}' is not one of the classes: ${listNames(classes)}.`);
    // The same rule as evaluate: positive when P(positive) >= threshold.
    for (let i = 0; i < n; i++) {
      const predicted = prediction.proba[i * 2 + pos] >= opts.threshold ? pos : 1 - pos;
      isError[i] = predicted !== truth[i] ? 1 : 0;
    }
    return { isError, definition: `misclassified at threshold ${opts.threshold} on P(${classes[pos]})`, classes, positiveClass: classes[pos], threshold: opts.threshold, warnings };
  }
  const predicted = predictedClasses(prediction, classes);
  for (let i = 0; i < n; i++) isError[i] = predicted[i] !== truth[i] ? 1 : 0;
  return { isError, definition: prediction.labels ? 'predicted label differs from the true label' : 'most probable class differs from the true label', classes, warnings };
}
