/**
 * analyzeErrors: read the data, run the model, mark the rows it got wrong, then fit the error
 * tree, build the heat map and find the worst slices. `analyzeIndicator` is the model-free part.
 */
import { getColumn, guessLabelColumn, resolveFeatures } from '../data/columns';
import { readTable } from '../data/readTable';
import type { Table } from '../data/table';
import { DataError, UsageError, listNames, throwIfAborted } from '../errors';
import { assertLabelsPresent } from '../evaluate/labels';
import type { WorkHooks } from '../evaluate/options';
import { detectTask } from '../evaluate/task';
import { OnnxModel } from '../model/onnxRunner';
import { VERSION } from '../version';
import { binFeature, encodeFeatures } from './encode';
import { errorIndicator } from './errorIndicator';
import { buildErrorTree } from './errorTree';
import { errorHeatmap } from './heatmap';
import { findSlices } from './slices';
import { ERROR_ANALYSIS_DEFAULTS as D, type ErrorAnalysisOptions, type ErrorAnalysisResult, type ErrorHeatmap, type ErrorTree, type FeatureEncoding, type SliceFinding } from './types';

function checkInt(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${name} must be a whole number ≥ ${min}; got ${value}.`);
}

/** Checks option values, naming the option and the fix. */
export function validateErrorOptions(o: Partial<ErrorAnalysisOptions>): void {
  if (o.maxDepth !== undefined) checkInt('max depth', o.maxDepth, 0);
  if (o.minLeaf !== undefined) checkInt('min leaf', o.minLeaf, 1);
  if (o.maxLeaves !== undefined && o.maxLeaves !== 0) checkInt('max leaves (0 for no limit)', o.maxLeaves, 2);
  if (o.heatmapBins !== undefined) checkInt('heat map bins', o.heatmapBins, 2);
  if (o.sliceBins !== undefined) checkInt('slice bins', o.sliceBins, 2);
  if (o.minSliceSize !== undefined) checkInt('minimum slice size', o.minSliceSize, 1);
  if (o.maxSlices !== undefined) checkInt('max slices', o.maxSlices, 1);
  if (o.errorQuantile !== undefined && !(o.errorQuantile > 0 && o.errorQuantile < 1)) throw new UsageError(`error quantile must be between 0 and 1; got ${o.errorQuantile}.`);
  if (o.alpha !== undefined && !(o.alpha > 0 && o.alpha <= 1)) throw new UsageError(`alpha must be in (0, 1]; got ${o.alpha}.`);
  if (o.heatmapFeatures !== undefined && (o.heatmapFeatures.length < 1 || o.heatmapFeatures.length > 2)) {
    throw new UsageError(`the heat map takes one or two features; got ${o.heatmapFeatures.length}.`);
  }
}

/** The model-free analysis: what {@link analyzeIndicator} returns. */
export interface IndicatorAnalysis {
  features: FeatureEncoding[];
  tree: ErrorTree;
  heatmap?: ErrorHeatmap;
  slices: SliceFinding;
}

/** Fits the error tree, heat map and slices for a given error indicator over `features` of `table`. */
export function analyzeIndicator(table: Table, features: readonly string[], isError: Uint8Array, opts: Partial<ErrorAnalysisOptions> & { signal?: AbortSignal } = {}): IndicatorAnalysis {
  validateErrorOptions(opts);
  if (features.length === 0) throw new DataError('no feature columns to analyse; name at least one with --features.');
  const columns = features.map((f) => getColumn(table, f));
  const { encoded, encodings } = encodeFeatures(columns, D.maxCategories);
  const tree = buildErrorTree(encoded, isError, {
    maxDepth: opts.maxDepth ?? D.maxDepth,
    maxLeaves: opts.maxLeaves ?? D.maxLeaves,
    minLeaf: opts.minLeaf ?? D.minLeaf,
    signal: opts.signal,
  });
  throwIfAborted(opts.signal);
  const sliceBins = opts.sliceBins ?? D.sliceBins;
  const binned = columns.map((c) => binFeature(c, sliceBins, D.maxCategories));
  const slices = findSlices(binned, isError, {
    minSize: opts.minSliceSize ?? D.minSliceSize,
    alpha: opts.alpha ?? D.alpha,
    maxSlices: opts.maxSlices ?? D.maxSlices,
    pairs: opts.slicePairs ?? D.slicePairs,
    effect: opts.effect ?? D.effect,
    signal: opts.signal,
  });
  let heatFeatures = opts.heatmapFeatures;
  if (!heatFeatures) {
    const ranked = [...tree.importance.map((i) => i.feature), ...slices.slices.flatMap((s) => s.features), ...features];
    heatFeatures = [...new Set(ranked)].slice(0, 2);
  }
  const heatBins = opts.heatmapBins ?? D.heatmapBins;
  const heatmap = errorHeatmap(heatFeatures.map((f) => binFeature(getColumn(table, f), heatBins, D.maxCategories)), isError);
  return { features: encodings, tree, heatmap, slices };
}

function chooseLabel(table: Table, requested: string | undefined): string {
  if (requested !== undefined) return getColumn(table, requested).name;
  const guessed = guessLabelColumn(table);
  if (guessed === undefined) {
    throw new DataError(`no label column given and none looks like one (target, label, y, class); pass --label. Columns are: ${listNames(table.columns.map((c) => c.name))}`);
  }
  return guessed;
}

/**
 * Runs the model over the dataset and analyses where it errs. Heavy: the host should call it
 * from a worker thread; it honours `hooks.signal` between stages and model batches.
 */
export async function analyzeErrors(opts: ErrorAnalysisOptions, hooks: WorkHooks = {}): Promise<ErrorAnalysisResult> {
  const started = performance.now();
  const { signal } = hooks;
  const progress = hooks.onProgress ?? (() => {});
  validateErrorOptions(opts);
  progress('Reading data', 0);
  const table = await readTable(opts.data, { maxRows: opts.maxRows ?? D.maxRows, signal, onProgress: (f) => progress('Reading data', f) });
  if (table.nRows === 0) throw new DataError(`${opts.data} has no data rows.`);
  const label = chooseLabel(table, opts.label);
  const labelColumn = getColumn(table, label);
  assertLabelsPresent(labelColumn);
  const features = resolveFeatures(table, { label, features: opts.features });
  const analysisFeatures = opts.analysisFeatures ?? features;
  for (const f of [...analysisFeatures, ...(opts.heatmapFeatures ?? [])]) {
    getColumn(table, f);
    if (f === label) throw new UsageError(`'${f}' is the label; analyse feature or metadata columns instead.`);
  }
  throwIfAborted(signal);
  progress('Loading model');
  const model = await OnnxModel.load(opts.model);
  let task;
  let prediction;
  try {
    task = opts.task ?? detectTask(model.card, labelColumn, opts.output);
    progress('Running model', 0);
    prediction = await model.predict(table, features, {
      task, output: opts.output, outputKind: opts.outputKind, batchSize: opts.batchSize ?? D.batchSize, signal,
      onProgress: (f) => progress('Running model', f),
    });
  } finally {
    await model.dispose();
  }
  const indicator = errorIndicator(task, prediction, labelColumn, {
    threshold: opts.threshold ?? D.threshold,
    positiveClass: opts.positiveClass,
    classes: opts.classes,
    errorQuantile: opts.errorQuantile ?? D.errorQuantile,
  });
  progress('Growing the error tree');
  const analysis = analyzeIndicator(table, analysisFeatures, indicator.isError, { ...opts, signal });
  const nErrors = analysis.tree.nodes[0]?.errors ?? 0;
  const warnings = [...indicator.warnings];
  if (nErrors === 0) warnings.push('The model made no errors on this data: the tree is a single node and no slice is reported.');
  const text = analysis.features.filter((f) => f.kind === 'categorical');
  if (text.length > 0) warnings.push(`Text features are one-hot encoded for the tree (at most ${D.maxCategories} most frequent values each): ${listNames(text.map((f) => f.name))}.`);
  return {
    task,
    n_rows: table.nRows,
    n_errors: nErrors,
    error_rate: nErrors / table.nRows,
    error_definition: indicator.definition,
    ...(indicator.classes ? { classes: indicator.classes } : {}),
    ...(indicator.positiveClass !== undefined ? { positive_class: indicator.positiveClass } : {}),
    ...(indicator.threshold !== undefined ? { threshold: indicator.threshold } : {}),
    ...(indicator.errorThreshold !== undefined ? { error_threshold: indicator.errorThreshold, error_quantile: opts.errorQuantile ?? D.errorQuantile } : {}),
    ...analysis,
    model: model.card,
    dataset: { path: opts.data, n_rows: table.nRows, label, features, analysis_features: analysisFeatures },
    output: { name: prediction.outputName, kind: prediction.kind },
    warnings,
    elapsed_ms: performance.now() - started,
    created: new Date().toISOString(),
    posthoc_version: VERSION,
  };
}
