/**
 * Every evaluation metric per cohort, side by side with the whole dataset: the model runs once,
 * then each cohort's rows are scored with the same metrics and bootstrap intervals as `evaluate`.
 */
import { throwIfAborted } from '../errors';
import { EVALUATE_DEFAULTS, type EvaluateOptions, type WorkHooks } from '../evaluate/options';
import { predictDataset, scorePrepared, type PreparedEvaluation } from '../evaluate/prepare';
import type { ModelCard, Task } from '../evaluate/types';
import { headlineMetrics } from '../metrics';
import { VERSION } from '../version';
import type { ParsedCohort } from './cohort';
import { checkBeforePredict, preparedFrame, selectCohort } from './prepared';

/** One cohort's (or the whole dataset's) size and metrics. */
export interface CohortMetrics {
  name: string;
  /** The filter; absent for the whole dataset. */
  expression?: string;
  n_rows: number;
  /** Share of all rows in the cohort. */
  fraction: number;
  metrics: Record<string, number>;
  ci: Record<string, [number, number]>;
  /** Classifiers: rows per true class within the cohort. */
  class_balance?: Record<string, number>;
  warnings: string[];
}

/** The result of `posthoc cohorts`: the JSON contract and the report's input. */
export interface CohortsResult {
  task: Task;
  n_rows: number;
  classes?: string[];
  positive_class?: string;
  threshold?: number;
  /** Metrics that carry bootstrap intervals (the headline metrics of the task). */
  headline: string[];
  overall: CohortMetrics;
  cohorts: CohortMetrics[];
  bootstrap?: { n: number; seed: number; confidence: number };
  model: ModelCard;
  dataset: { path: string; label: string; features: string[]; weight?: string };
  output: { name: string; kind: string; detected: boolean };
  warnings: string[];
  created: string;
  posthoc_version: string;
}

type Scored = ReturnType<typeof scorePrepared>;

/** A cohort's entry from its scores. */
function cohortEntry(prep: PreparedEvaluation, name: string, n: number, s: Scored | undefined, expression?: string): CohortMetrics {
  const base = { name, ...(expression !== undefined ? { expression } : {}), n_rows: n, fraction: n / prep.table.nRows };
  if (!s) return { ...base, metrics: {}, ci: {}, warnings: ['The cohort selects no rows.'] };
  return { ...base, metrics: s.metrics, ci: s.ci, ...(s.datasetExtras.class_balance ? { class_balance: s.datasetExtras.class_balance } : {}), warnings: s.warnings };
}

function scoreRows(prep: PreparedEvaluation, opts: EvaluateOptions, hooks: WorkHooks, name: string, rows: Int32Array, expression?: string): CohortMetrics {
  return cohortEntry(prep, name, rows.length, rows.length === 0 ? undefined : scorePrepared(prep, opts, hooks, rows), expression);
}

/**
 * Evaluates a model on the whole dataset and on each cohort. Cohorts are checked before the
 * model runs; an empty cohort is reported (n_rows 0, a warning), not an error.
 */
export async function evaluateCohorts(opts: EvaluateOptions, cohorts: readonly ParsedCohort[], hooks: WorkHooks = {}): Promise<CohortsResult> {
  const progress = hooks.onProgress ?? (() => {});
  const prep = await predictDataset(opts, hooks, checkBeforePredict(cohorts));
  const frame = preparedFrame(prep, opts);
  progress('Computing metrics', 0);
  // Cohort reports list no rows to inspect; the whole dataset is scored once, for `overall` and the run's facts.
  const scoreOpts: EvaluateOptions = { ...opts, rowsToInspect: 0 };
  const full = scorePrepared(prep, scoreOpts, hooks);
  const overall = cohortEntry(prep, 'all rows', prep.table.nRows, prep.table.nRows === 0 ? undefined : full);
  const out: CohortMetrics[] = [];
  for (let k = 0; k < cohorts.length; k++) {
    throwIfAborted(hooks.signal);
    const c = cohorts[k];
    out.push(scoreRows(prep, scoreOpts, hooks, c.name, selectCohort(c, frame, true), c.expression));
    progress('Computing metrics', (k + 1) / cohorts.length);
  }
  const warnings = [...overall.warnings];
  // Warnings that hold for every row (class order, say) are given once, not once per cohort.
  for (const c of out) for (const w of c.warnings) if (!overall.warnings.includes(w)) warnings.push(`${c.name}: ${w}`);
  return {
    task: prep.task,
    n_rows: prep.table.nRows,
    ...(full.classes ? { classes: full.classes } : {}),
    ...(full.positiveClass !== undefined ? { positive_class: full.positiveClass } : {}),
    ...(full.threshold !== undefined ? { threshold: full.threshold } : {}),
    headline: headlineMetrics(prep.task).filter((m) => m in overall.metrics),
    overall,
    cohorts: out,
    ...(Object.keys(overall.ci).length > 0 ? { bootstrap: { n: opts.bootstrap ?? EVALUATE_DEFAULTS.bootstrap, seed: opts.seed ?? EVALUATE_DEFAULTS.seed, confidence: EVALUATE_DEFAULTS.confidence } } : {}),
    model: prep.card,
    dataset: { path: opts.data, label: prep.label, features: prep.features, ...(opts.weight ? { weight: opts.weight } : {}) },
    output: full.output,
    warnings,
    created: new Date().toISOString(),
    posthoc_version: VERSION,
  };
}
