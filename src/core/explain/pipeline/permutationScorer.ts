/**
 * The metric permutation importance scores: any metric the metrics module computes for the
 * task, with a sensible default (ROC AUC for binary, accuracy for multiclass, R² for regression).
 */
import type { Column } from '../../data/table';
import { DataError, UsageError, listNames } from '../../errors';
import { encodeLabels } from '../../evaluate/labels';
import type { Task } from '../../evaluate/types';
import { createBinaryScorer, createMulticlassScorer, createRegressionScorer } from '../../metrics';

/** Default metric per task. */
export const DEFAULT_PERMUTATION_METRIC: Record<Task, string> = { binary: 'roc_auc', multiclass: 'accuracy', regression: 'r2' };

/** Metrics where smaller is better; every other metric is a score. */
const LOSSES = new Set(['log_loss', 'brier_score', 'mae', 'mse', 'rmse', 'mape', 'median_ae', 'max_error']);

/** A scorer for permutationImportance. */
export interface MetricScorer {
  metric: string;
  greaterIsBetter: boolean;
  scorer: (predictions: Float64Array) => number;
}

/**
 * Builds the scorer of `metric` (or the task's default) for predictions in probability space
 * (classifiers: N×C, binary positive = the second class) or values (regression).
 */
export function permutationScorer(task: Task, label: Column, classes: readonly string[] | undefined, metric?: string): MetricScorer {
  const name = metric ?? DEFAULT_PERMUTATION_METRIC[task];
  let all: (p: Float64Array) => Record<string, number>;
  if (task === 'regression') {
    if (label.kind !== 'number') throw new DataError(`label column '${label.name}' must be numeric for a regression model.`);
    const y = label.values;
    all = (p) => createRegressionScorer({ y, yhat: p, seed: 0 })(undefined);
  } else {
    const cls = classes ?? [];
    const yTrue = encodeLabels(label, cls);
    if (task === 'binary') {
      const yBin = Uint8Array.from(yTrue);
      const classNames: [string, string] = [cls[0], cls[1]];
      all = (p) => createBinaryScorer({ yTrue: yBin, score: Float64Array.from({ length: yBin.length }, (_, i) => p[2 * i + 1]), threshold: 0.5, classNames })(undefined);
    } else {
      all = (p) => createMulticlassScorer({ yTrue, proba: p, nClasses: cls.length, classNames: [...cls] })(undefined);
    }
  }
  return {
    metric: name,
    greaterIsBetter: !LOSSES.has(name),
    scorer: (p) => {
      const values = all(p);
      if (!(name in values)) throw new UsageError(`--metric '${name}' is not computed for a ${task} model; metrics are: ${listNames(Object.keys(values))}.`);
      return values[name];
    },
  };
}
