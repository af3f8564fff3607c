/**
 * What the TreeSHAP explainers return (typed arrays), the row loop they share (cancellable,
 * yielding to the event loop so an AbortSignal can fire), and the conversion to the JSON
 * {@link AttributionResult} of `posthoc explain`.
 */
import { ModelError, throwIfAborted } from '../errors';
import type { AttributionResult, ExplainSpace } from '../explain/types';
import type { TreeEnsemble } from './ensemble';

/** Options shared by both TreeSHAP variants. */
export interface TreeShapOptions {
  /** Margin column to explain (class index for multi-output models); default 0. */
  outputIndex?: number;
  /** Checked between rows; the work yields to the event loop every ~50 ms so the signal can fire. */
  signal?: AbortSignal;
  /** Called now and then with the fraction of rows done, 0..1. */
  onProgress?: (fraction: number) => void;
}

/** SHAP values of one output's raw margin: baseValue + Σ_j values[r·nFeatures + j] = outputs[r]. */
export interface TreeShapValues {
  method: 'tree-shap' | 'tree-shap-path';
  nRows: number;
  nFeatures: number;
  outputIndex: number;
  /** Row-major nRows × nFeatures. */
  values: Float64Array;
  /** Expected margin: mean over the background (interventional) or the cover-weighted mean (path-dependent). */
  baseValue: number;
  /** The explained rows' margins for `outputIndex`. */
  outputs: Float64Array;
}

/** Validates the output index against the ensemble and returns it. */
export function checkOutputIndex(e: TreeEnsemble, outputIndex = 0): number {
  if (!Number.isInteger(outputIndex) || outputIndex < 0 || outputIndex >= e.nOutputs) {
    throw new ModelError(`Output index ${outputIndex} is out of range: the model has ${e.nOutputs} margin output${e.nOutputs === 1 ? '' : 's'}.`);
  }
  return outputIndex;
}

const YIELD_MS = 50;

/** Runs `row(r)` for every row, checking `signal` between rows and yielding to the event loop now and then. */
export async function forEachRow(nRows: number, opts: TreeShapOptions, row: (r: number) => void): Promise<void> {
  throwIfAborted(opts.signal);
  let last = performance.now();
  for (let r = 0; r < nRows; r++) {
    row(r);
    const now = performance.now();
    if (now - last > YIELD_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(opts.signal);
      opts.onProgress?.((r + 1) / nRows);
      last = performance.now();
    }
  }
  opts.onProgress?.(1);
}

/** Where attributions live for this ensemble's margin: a logit for LOGISTIC models, a value for plain regression. */
export function marginSpace(e: TreeEnsemble): ExplainSpace {
  if (e.postTransform === 'LOGISTIC') return 'logit';
  if (e.postTransform === 'NONE' && !e.classLabels) return 'value';
  return 'margin';
}

/** Options of {@link toAttributionResult}. */
export interface AttributionOptions {
  /** Data-row indices of the explained rows (default 0..n-1). */
  rows?: number[];
  /** Name of the explained output (default: the class label, or 'output'). */
  className?: string;
  featureNames?: string[];
}

/**
 * The JSON result of `posthoc explain` for TreeSHAP values; `x` holds the explained rows
 * (row-major, as passed to the explainer) for the `data` field.
 */
export function toAttributionResult(e: TreeEnsemble, shap: TreeShapValues, x: Float64Array, opts: AttributionOptions = {}): AttributionResult {
  const m = shap.nFeatures;
  const labels = e.classLabels;
  const label = labels && (labels.length === e.nOutputs ? labels[shap.outputIndex] : labels[labels.length - 1]);
  const values: number[][] = [];
  const data: (number | null)[][] = [];
  for (let r = 0; r < shap.nRows; r++) {
    values.push(Array.from(shap.values.subarray(r * m, r * m + m)));
    data.push(Array.from(x.subarray(r * m, r * m + m), (v) => (Number.isNaN(v) ? null : v)));
  }
  return {
    method: shap.method,
    feature_names: opts.featureNames ?? e.featureNames,
    class: opts.className ?? label ?? 'output',
    space: marginSpace(e),
    rows: opts.rows ?? Array.from({ length: shap.nRows }, (_, i) => i),
    base_values: new Array<number>(shap.nRows).fill(shap.baseValue),
    values,
    data,
    outputs: Array.from(shap.outputs),
  };
}
