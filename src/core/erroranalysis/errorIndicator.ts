/**
 * Which rows the model got wrong: misclassified rows for classifiers; for regression, rows whose
 * absolute error is above a quantile of all absolute errors (default the 0.9 quantile).
 */
import type { Column } from '../data/table';
import { classTargets, mismatches, positiveIndex, predictedClassIndices, regressionPair, requireTwoClasses } from '../evaluate/predictedClass';
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

/** Computes the error indicator for a prediction against the label column. */
export function errorIndicator(task: Task, prediction: Prediction, label: Column, opts: IndicatorOptions): ErrorIndicator {
  const n = prediction.nRows;
  if (task === 'regression') {
    const { y, yhat } = regressionPair(prediction, label);
    const abs = new Float64Array(n);
    for (let i = 0; i < n; i++) abs[i] = Math.abs(y[i] - yhat[i]);
    const cut = quantileLinear(abs, opts.errorQuantile);
    const isError = new Uint8Array(n);
    for (let i = 0; i < n; i++) isError[i] = abs[i] > cut ? 1 : 0;
    return { isError, definition: `absolute error above its ${opts.errorQuantile} quantile (${cut})`, errorThreshold: cut, warnings: [] };
  }
  const { classes, warnings, truth } = classTargets(task, prediction, label, opts.classes);
  if (task === 'binary' && prediction.proba) {
    requireTwoClasses(classes);
    const pos = positiveIndex(classes, opts.positiveClass);
    // The same rule as evaluate: positive when P(positive) >= threshold.
    const isError = mismatches(predictedClassIndices(prediction, classes, { binary: { positive: pos, threshold: opts.threshold } }), truth);
    return { isError, definition: `misclassified at threshold ${opts.threshold} on P(${classes[pos]})`, classes, positiveClass: classes[pos], threshold: opts.threshold, warnings };
  }
  const isError = mismatches(predictedClassIndices(prediction, classes), truth);
  return { isError, definition: prediction.labels ? 'predicted label differs from the true label' : 'most probable class differs from the true label', classes, warnings };
}
