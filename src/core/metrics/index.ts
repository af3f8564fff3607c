/**
 * Metrics for Posthoc: classification (binary, multiclass), regression, curves, calibration and
 * bootstrap intervals. Values match scikit-learn 1.2 with `sample_weight` on the committed
 * fixtures (test/fixtures/metrics). Everything here is pure and synchronous; run large inputs in
 * a worker thread.
 */
import type { ResidualPlotData, Task } from '../evaluate/types';
import { residualPlot } from './distribution';
import { checkFinite, checkLength, checkNonEmpty, checkWeights, dropNonFinite } from './input';
import { regressionScorer, type RegressionScorer } from './regression';

export { computeBinary, createBinaryScorer, type BinaryInput, type BinaryResult } from './computeBinary';
export { computeMulticlass, createMulticlassScorer, type MulticlassInput, type MulticlassResult } from './computeMulticlass';
export { bootstrapCi, percentile, type BootstrapOptions } from './bootstrap';
export { Rng } from './rng';
export { thinIndices } from './thin';
export type { RegressionScorer } from './regression';

/** Input of {@link computeRegression}. */
export interface RegressionInput {
  y: Float64Array;
  yhat: Float64Array;
  weights?: Float64Array;
  /** Seeds the choice of rows for the actual/predicted scatter sample. */
  seed: number;
}

/** Output of {@link computeRegression}. */
export interface RegressionResult {
  metrics: Record<string, number>;
  curves: { residuals: ResidualPlotData };
  warnings: string[];
}

function prepareRegression(input: RegressionInput): void {
  const n = input.y.length;
  checkNonEmpty(n);
  checkLength('predictions', input.yhat, n);
  checkFinite('targets', input.y);
  checkFinite('predictions', input.yhat);
  checkWeights(input.weights, n);
}

/** Metric-only scorer for the bootstrap (same metrics as {@link computeRegression}). */
export function createRegressionScorer(input: RegressionInput): RegressionScorer {
  prepareRegression(input);
  return regressionScorer(input.y, input.yhat);
}

/** All regression metrics and the residual plot data, matching scikit-learn 1.2. */
export function computeRegression(input: RegressionInput): RegressionResult {
  prepareRegression(input);
  const warnings: string[] = [];
  const metrics = dropNonFinite(regressionScorer(input.y, input.yhat)(input.weights), warnings);
  return { metrics, curves: { residuals: residualPlot(input.y, input.yhat, input.weights, input.seed) }, warnings };
}

const HEADLINE: Record<Task, readonly string[]> = {
  binary: ['accuracy', 'f1', 'precision', 'recall', 'roc_auc', 'average_precision', 'log_loss'],
  multiclass: ['accuracy', 'f1_macro', 'balanced_accuracy', 'log_loss', 'roc_auc_ovr'],
  regression: ['mae', 'rmse', 'r2'],
};

/** The metrics that get bootstrap intervals for a task (score-based ones only when scores exist). */
export function headlineMetrics(task: Task): readonly string[] {
  return HEADLINE[task];
}

/**
 * Restricts a scorer to the headline metrics, for {@link bootstrapCi}: less to store per
 * resample, same numbers.
 */
export function headlineStatistic(task: Task, scorer: (w: Float64Array) => Record<string, number>): (w: Float64Array) => Record<string, number> {
  const names = HEADLINE[task];
  return (w) => {
    const all = scorer(w);
    const out: Record<string, number> = {};
    for (const k of names) if (k in all) out[k] = all[k];
    return out;
  };
}
