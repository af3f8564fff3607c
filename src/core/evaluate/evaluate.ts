/**
 * The evaluation pipeline: read the dataset, run the model, compute every metric, curve and
 * bootstrap interval for the task, and return one {@link EvaluationResult}.
 */
import { getColumn, guessLabelColumn, resolveFeatures } from '../data/columns';
import { readTable } from '../data/readTable';
import type { Column, Table } from '../data/table';
import { DataError, listNames, throwIfAborted } from '../errors';
import { OnnxModel } from '../model/onnxRunner';
import { VERSION } from '../version';
import { scoreClassification, scoreRegression, type Scored } from './scoring';
import { EVALUATE_DEFAULTS, type EvaluateOptions, type WorkHooks } from './options';
import { assertLabelsPresent } from './labels';
import { summarizeDataset } from './summary';
import { detectTask } from './task';
import type { EvaluationResult } from './types';

function chooseLabel(table: Table, requested: string | undefined): string {
  if (requested !== undefined) return getColumn(table, requested).name;
  const guessed = guessLabelColumn(table);
  if (guessed === undefined) {
    throw new DataError(
      `no label column given and none looks like one (target, label, y, class); pass --label. ` +
        `Columns are: ${listNames(table.columns.map((c) => c.name))}`,
    );
  }
  return guessed;
}

/** Reads and checks the sample-weight column: numeric, finite and not negative. */
function readWeights(table: Table, name: string | undefined): Float64Array | undefined {
  if (name === undefined) return undefined;
  const col: Column = getColumn(table, name);
  if (col.kind !== 'number') throw new DataError(`weight column '${name}' must be numeric; it holds text.`);
  for (let i = 0; i < col.values.length; i++) {
    const w = col.values[i];
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new DataError(`weight column '${name}' has an invalid weight ${w} at data row ${i + 1}; weights must be finite and ≥ 0.`);
    }
  }
  return col.values;
}

/** Evaluates a model on a labelled dataset. Heavy: call it from a worker (see evaluateInWorker). */
export async function evaluate(opts: EvaluateOptions, hooks: WorkHooks = {}): Promise<EvaluationResult> {
  const { signal } = hooks;
  const progress = hooks.onProgress ?? (() => {});
  progress('Reading data', 0);
  const table = await readTable(opts.data, {
    maxRows: opts.maxRows ?? EVALUATE_DEFAULTS.maxRows,
    signal,
    onProgress: (f) => progress('Reading data', f),
  });
  if (table.nRows === 0) throw new DataError(`${opts.data} has no data rows.`);
  const label = chooseLabel(table, opts.label);
  const labelColumn = getColumn(table, label);
  assertLabelsPresent(labelColumn);
  const features = resolveFeatures(table, { label, features: opts.features, weight: opts.weight });
  const weights = readWeights(table, opts.weight);
  throwIfAborted(signal);

  progress('Loading model');
  const model = await OnnxModel.load(opts.model);
  const warnings: string[] = [];
  let scored: Scored;
  try {
    const task = opts.task ?? detectTask(model.card, labelColumn, opts.output);
    progress('Running model', 0);
    const prediction = await model.predict(table, features, {
      task,
      output: opts.output,
      outputKind: opts.outputKind,
      batchSize: opts.batchSize ?? EVALUATE_DEFAULTS.batchSize,
      signal,
      onProgress: (f) => progress('Running model', f),
    });
    progress('Computing metrics');
    const common = { weights, bootstrap: opts.bootstrap ?? EVALUATE_DEFAULTS.bootstrap, seed: opts.seed ?? EVALUATE_DEFAULTS.seed, signal };
    scored =
      task === 'regression'
        ? scoreRegression(prediction, labelColumn, common)
        : scoreClassification(task, prediction, labelColumn, {
            ...common,
            threshold: opts.threshold ?? EVALUATE_DEFAULTS.threshold,
            positiveClass: opts.positiveClass,
            classes: opts.classes,
          });
  } finally {
    await model.dispose();
  }
  warnings.push(...scored.warnings);
  const dataset = { ...summarizeDataset(opts.data, table, { label, features, weight: opts.weight }), ...scored.datasetExtras };
  return {
    task: scored.task,
    n_rows: table.nRows,
    ...(scored.classes ? { classes: scored.classes } : {}),
    ...(scored.positiveClass !== undefined ? { positive_class: scored.positiveClass } : {}),
    ...(scored.threshold !== undefined ? { threshold: scored.threshold } : {}),
    metrics: scored.metrics,
    ...(scored.perClass ? { per_class: scored.perClass } : {}),
    ...(scored.confusion ? { confusion_matrix: scored.confusion } : {}),
    curves: scored.curves,
    ci: scored.ci,
    ...(scored.bootstrap ? { bootstrap: scored.bootstrap } : {}),
    model: model.card,
    dataset,
    output: scored.output,
    warnings,
    created: new Date().toISOString(),
    posthoc_version: VERSION,
  };
}
