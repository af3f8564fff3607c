/**
 * What the SHAP-style methods share: their options, input checks, and the assembly of an
 * {@link AttributionResult}.
 */
import { UsageError } from '../errors';
import { checkOutput } from './batch';
import { outputsAndBase } from './coalitionValues';
import { backgroundWeights, type Matrix, type WeightedMatrix } from './matrix';
import type { AttributionResult, ExplainableModel, ExplainSpace } from './types';

/** Options shared by {@link kernelShap} and {@link exactShapley}. */
export interface ShapOptions {
  /** Background rows (optionally weighted, e.g. from `kmeansSummary`). */
  background: Matrix | WeightedMatrix;
  /** Index of the explained output among `model.outputNames` (default 0; use 1 for P(positive) of a binary classifier). */
  output?: number;
  /** Data-row ids of the explained rows, for the result (default 0..n-1). */
  rowIds?: number[];
  /** The space the model's outputs are in (default 'value'). */
  space?: ExplainSpace;
  /** Rows per model call (default 100 000). */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Checked inputs, background weights, f(x) and the base value E[f(b)]. */
export interface PreparedShap {
  weights: Float64Array;
  output: number;
  fx: Float64Array;
  base: number;
}

/** Validates shapes, evaluates f on the rows and on the background. */
export async function prepareShap(model: ExplainableModel, xs: Matrix, opts: ShapOptions): Promise<PreparedShap> {
  const m = model.featureNames.length;
  if (xs.nCols !== m || opts.background.nCols !== m) {
    throw new UsageError(`The explained rows have ${xs.nCols} and the background ${opts.background.nCols} features; the model has ${m}.`);
  }
  if (m === 0) throw new UsageError('The model has no features to explain.');
  if (opts.rowIds && opts.rowIds.length !== xs.nRows) throw new UsageError(`rowIds has ${opts.rowIds.length} ids for ${xs.nRows} rows.`);
  const weights = backgroundWeights(opts.background);
  const output = opts.output ?? 0;
  const ev = await outputsAndBase(model.predict, xs, opts.background, weights, opts.signal);
  checkOutput(output, ev.nOutputs, model.outputNames);
  return { weights, output, fx: ev.fx(output), base: ev.base(output) };
}

/** Builds the JSON result; `phi` is nRows × M row-major. */
export function attributionResult(
  method: AttributionResult['method'],
  model: ExplainableModel,
  xs: Matrix,
  opts: ShapOptions,
  prep: PreparedShap,
  phi: Float64Array,
): AttributionResult {
  const m = xs.nCols;
  const rows = Array.from({ length: xs.nRows }, (_, r) => r);
  return {
    method,
    feature_names: [...model.featureNames],
    class: model.outputNames[prep.output] ?? String(prep.output),
    space: opts.space ?? 'value',
    rows: opts.rowIds ? [...opts.rowIds] : rows,
    base_values: rows.map(() => prep.base),
    values: rows.map((r) => Array.from(phi.subarray(r * m, (r + 1) * m))),
    data: rows.map((r) => Array.from(xs.data.subarray(r * m, (r + 1) * m), (v) => (Number.isNaN(v) ? null : v))),
    outputs: Array.from(prep.fx),
  };
}
