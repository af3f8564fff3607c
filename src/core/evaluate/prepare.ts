/**
 * The first half of an evaluation, shared by `evaluate`, `cohorts` and `fairness`: read the
 * dataset, pick label/features/weights, run the model once over every row. The second half
 * ({@link scorePrepared}) scores all rows or a subset (a cohort) of them.
 */
import { getColumn, guessLabelColumn, resolveFeatures } from '../data/columns';
import { readTable } from '../data/readTable';
import type { Column, Table } from '../data/table';
import { DataError, listNames, throwIfAborted } from '../errors';
import type { Prediction } from '../model/interpretOutput';
import { OnnxModel } from '../model/onnxRunner';
import { subsetArray, subsetColumn, subsetPrediction } from '../cohorts/subset';
import { resolveClasses } from './classes';
import { assertLabelsPresent } from './labels';
import { remapRows } from './rowsToInspect';
import { EVALUATE_DEFAULTS, type EvaluateOptions, type WorkHooks } from './options';
import { scoreClassification, scoreRegression, type Scored } from './scoring';
import { detectTask } from './task';
import type { ModelCard, Task } from './types';

/** A dataset read and predicted, ready to be scored (whole or in part). */
export interface PreparedEvaluation {
  table: Table;
  label: string;
  labelColumn: Column;
  features: string[];
  weights?: Float64Array;
  task: Task;
  prediction: Prediction;
  card: ModelCard;
  /** Classifiers: class names resolved on every row, so a cohort missing a class keeps the order. */
  classes?: string[];
  /** Set when the class order was assumed. */
  classWarning?: string;
}

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

/**
 * Reads the data and runs the model over every row. `beforePredict` sees the table and task
 * before the (possibly long) model run, e.g. to check cohort expressions.
 */
export async function predictDataset(
  opts: EvaluateOptions,
  hooks: WorkHooks = {},
  beforePredict?: (table: Table, task: Task) => void,
): Promise<PreparedEvaluation> {
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
  try {
    const task = opts.task ?? detectTask(model.card, labelColumn, opts.output);
    beforePredict?.(table, task);
    progress('Running model', 0);
    const prediction = await model.predict(table, features, {
      task,
      output: opts.output,
      outputKind: opts.outputKind,
      batchSize: opts.batchSize ?? EVALUATE_DEFAULTS.batchSize,
      signal,
      onProgress: (f) => progress('Running model', f),
    });
    const prepared: PreparedEvaluation = { table, label, labelColumn, features, weights, task, prediction, card: model.card };
    if (task !== 'regression' && !prediction.values) {
      const resolved = resolveClasses(prediction, labelColumn, opts.classes);
      prepared.classes = resolved.classes;
      prepared.classWarning = resolved.warning;
    }
    return prepared;
  } finally {
    await model.dispose();
  }
}

/**
 * Scores the prepared prediction on all rows, or on `rows` only (ascending indices). Classes
 * resolved on the whole dataset are passed down so every subset is scored in the same class order.
 */
export function scorePrepared(prep: PreparedEvaluation, opts: EvaluateOptions, hooks: WorkHooks = {}, rows?: Int32Array): Scored {
  const prediction = rows ? subsetPrediction(prep.prediction, rows) : prep.prediction;
  const labelColumn = rows ? subsetColumn(prep.labelColumn, rows) : prep.labelColumn;
  const weights = rows && prep.weights ? subsetArray(prep.weights, rows) : prep.weights;
  const common = {
    weights, bootstrap: opts.bootstrap ?? EVALUATE_DEFAULTS.bootstrap, seed: opts.seed ?? EVALUATE_DEFAULTS.seed, signal: hooks.signal,
    inspect: opts.rowsToInspect ?? EVALUATE_DEFAULTS.rowsToInspect,
  };
  const scored = prep.task === 'regression' ? scoreRegression(prediction, labelColumn, common) : scoreClassification(prep.task, prediction, labelColumn, {
    ...common,
    threshold: opts.threshold ?? EVALUATE_DEFAULTS.threshold,
    positiveClass: opts.positiveClass,
    classes: prep.classes ?? opts.classes,
  });
  if (prep.classWarning) scored.warnings.unshift(prep.classWarning);
  // A cohort's rows are picked among its own rows: number them as rows of the file.
  if (rows && scored.rowsToInspect) scored.rowsToInspect = remapRows(scored.rowsToInspect, rows);
  return scored;
}
