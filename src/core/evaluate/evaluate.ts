/**
 * The evaluation pipeline: read the dataset, run the model, compute every metric, curve and
 * bootstrap interval for the task, and return one {@link EvaluationResult}. With a cohort, the
 * model runs on every row (the cohort may name its outputs) and only the cohort's rows are scored.
 */
import { parseCohort } from '../cohorts/cohort';
import { checkBeforePredict, preparedFrame, selectCohort } from '../cohorts/prepared';
import { isImageDataset } from '../images/dataset';
import { VERSION } from '../version';
import { evaluateImages } from './evaluateImages';
import type { EvaluateOptions, WorkHooks } from './options';
import { predictDataset, scorePrepared } from './prepare';
import { summarizeDataset } from './summary';
import type { EvaluationResult } from './types';

/** Evaluates a model on a labelled dataset. Heavy: call it from a worker (see evaluateInWorker). */
export async function evaluate(opts: EvaluateOptions, hooks: WorkHooks = {}): Promise<EvaluationResult> {
  // A folder, or a listing of image paths: the image branch (decode, preprocess, gallery).
  if (await isImageDataset(opts.data)) return evaluateImages(opts, hooks);
  const progress = hooks.onProgress ?? (() => {});
  const cohort = opts.cohort ? parseCohort(opts.cohort) : undefined;
  const prep = await predictDataset(opts, hooks, cohort ? checkBeforePredict([cohort]) : undefined);
  const rows = cohort ? selectCohort(cohort, preparedFrame(prep, opts)) : undefined;
  progress('Computing metrics');
  const scored = scorePrepared(prep, opts, hooks, rows);
  const { table, label, features } = prep;
  const dataset = { ...summarizeDataset(opts.data, table, { label, features, weight: opts.weight }), ...scored.datasetExtras };
  const nRows = rows ? rows.length : table.nRows;
  return {
    task: scored.task,
    n_rows: nRows,
    ...(scored.classes ? { classes: scored.classes } : {}),
    ...(scored.positiveClass !== undefined ? { positive_class: scored.positiveClass } : {}),
    ...(scored.threshold !== undefined ? { threshold: scored.threshold } : {}),
    metrics: scored.metrics,
    ...(scored.perClass ? { per_class: scored.perClass } : {}),
    ...(scored.confusion ? { confusion_matrix: scored.confusion } : {}),
    curves: scored.curves,
    ci: scored.ci,
    ...(scored.bootstrap ? { bootstrap: scored.bootstrap } : {}),
    model: prep.card,
    dataset,
    output: scored.output,
    // The report's renderers know nothing of cohorts: say up front which rows these numbers cover.
    warnings: cohort ? [`Evaluated on the cohort ${cohort.name === cohort.expression ? `'${cohort.expression}'` : `'${cohort.name}' (${cohort.expression})`} only: ${nRows} of ${table.nRows} rows.`, ...scored.warnings] : [...scored.warnings],
    ...(cohort ? { cohort: { name: cohort.name, expression: cohort.expression, n_rows: nRows, n_total: table.nRows } } : {}),
    ...(scored.rowsToInspect ? { rows_to_inspect: scored.rowsToInspect } : {}),
    created: new Date().toISOString(),
    posthoc_version: VERSION,
  };
}
