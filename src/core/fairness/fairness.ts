/**
 * `posthoc fairness`: run a binary classifier once, split the rows by a sensitive column, and
 * report per-group rates and Fairlearn's disparities, each with a bootstrap interval.
 */
import { parseCohort } from '../cohorts/cohort';
import { checkBeforePredict, preparedFrame, selectCohort } from '../cohorts/prepared';
import { predictedIndices } from '../cohorts/special';
import { positiveIndex } from '../evaluate/predictedClass';
import { getColumn } from '../data/columns';
import { DataError, UsageError } from '../errors';
import { encodeLabels } from '../evaluate/labels';
import { EVALUATE_DEFAULTS, type EvaluateOptions, type WorkHooks } from '../evaluate/options';
import { predictDataset } from '../evaluate/prepare';
import type { ModelCard } from '../evaluate/types';
import { bootstrapCi } from '../metrics/bootstrap';
import { VERSION } from '../version';
import { encodeGroups } from './groups';
import { DISPARITY_NAMES, disparities, groupRates, RATE_NAMES, type Disparities, type FairnessInput, type GroupRates } from './metrics';

/** Options of {@link evaluateFairness}: an evaluation plus the sensitive column. */
export interface FairnessOptions extends EvaluateOptions {
  /** The column whose values define the groups (sex, age band, region…). */
  sensitive: string;
}

/** One group's rates with their bootstrap intervals. */
export interface GroupFairness extends GroupRates {
  group: string;
  ci: Partial<Record<(typeof RATE_NAMES)[number], [number, number]>>;
}

/** The result of `posthoc fairness`: the JSON contract and the report's input. */
export interface FairnessResult {
  sensitive: string;
  n_rows: number;
  classes: string[];
  positive_class: string;
  threshold?: number;
  groups: GroupFairness[];
  overall: GroupRates;
  disparities: Disparities;
  /** Bootstrap intervals of the disparities. */
  ci: Partial<Record<keyof Disparities, [number, number]>>;
  bootstrap?: { n: number; seed: number; confidence: number };
  cohort?: { name: string; expression: string; n_rows: number; n_total: number };
  model: ModelCard;
  dataset: { path: string; label: string; features: string[]; weight?: string };
  warnings: string[];
  created: string;
  posthoc_version: string;
}

function restrict(input: FairnessInput, weights: Float64Array | undefined, rows: Int32Array | undefined) {
  if (!rows) return { input, weights };
  const pick = <T extends Uint8Array | Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]];
    return out;
  };
  return { input: { ...input, yTrue: pick(input.yTrue), yPred: pick(input.yPred), group: pick(input.group) }, weights: weights && pick(weights) };
}

/** Per-group rates, disparities and bootstrap intervals for labels, predictions and groups already encoded. */
export function fairnessMetrics(input: FairnessInput, names: readonly string[], options: { weights?: Float64Array; bootstrap?: number; seed?: number; signal?: AbortSignal } = {}) {
  const { groups, overall } = groupRates(input, options.weights);
  const gaps = disparities(groups);
  const B = options.bootstrap ?? EVALUATE_DEFAULTS.bootstrap;
  const ci: Record<string, [number, number]> =
    B > 0
      ? bootstrapCi(input.yTrue.length, B, options.seed ?? EVALUATE_DEFAULTS.seed, (w) => {
          const r = groupRates(input, w);
          const out: Record<string, number> = { ...disparities(r.groups) };
          r.groups.forEach((g, k) => RATE_NAMES.forEach((m) => (out[`${k}:${m}`] = g[m])));
          return out;
        }, { confidence: EVALUATE_DEFAULTS.confidence, signal: options.signal, weights: options.weights })
      : {};
  const warnings: string[] = [];
  const perGroup: GroupFairness[] = groups.map((g, k) => {
    const undefinedRates = RATE_NAMES.filter((m) => !Number.isFinite(g[m]));
    if (undefinedRates.length > 0) warnings.push(`Group '${names[k]}' (${g.count} rows): ${undefinedRates.join(', ')} undefined (no rows to divide by); left out of those disparities.`);
    return { group: names[k], ...g, ci: Object.fromEntries(RATE_NAMES.filter((m) => ci[`${k}:${m}`]).map((m) => [m, ci[`${k}:${m}`]])) };
  });
  const gapCi = Object.fromEntries(DISPARITY_NAMES.filter((d) => ci[d]).map((d) => [d, ci[d]])) as FairnessResult['ci'];
  return { groups: perGroup, overall, disparities: gaps, ci: gapCi, warnings };
}

/** Evaluates group fairness of a binary classifier over a sensitive column. */
export async function evaluateFairness(opts: FairnessOptions, hooks: WorkHooks = {}): Promise<FairnessResult> {
  const cohort = opts.cohort ? parseCohort(opts.cohort) : undefined;
  const prep = await predictDataset(opts, hooks, (table, task) => {
    getColumn(table, opts.sensitive);
    if (task !== 'binary') throw new UsageError(`fairness metrics need a binary classifier; this is a ${task} task. Pass --task binary if the model is one.`);
    if (cohort) checkBeforePredict([cohort])(table, task);
  });
  const classes = prep.classes!;
  if (classes.length !== 2) throw new DataError(`fairness metrics need two classes; there are ${classes.length}.`);
  const pos = positiveIndex(classes, opts.positiveClass);
  const threshold = opts.threshold ?? EVALUATE_DEFAULTS.threshold;
  const yIdx = encodeLabels(prep.labelColumn, classes);
  const pIdx = predictedIndices({ task: 'binary', prediction: prep.prediction, label: prep.labelColumn, classes, positiveClass: opts.positiveClass, threshold });
  const { names, group } = encodeGroups(getColumn(prep.table, opts.sensitive));
  const full: FairnessInput = { yTrue: Uint8Array.from(yIdx, (k) => (k === pos ? 1 : 0)), yPred: Uint8Array.from(pIdx, (k) => (k === pos ? 1 : 0)), group, nGroups: names.length };
  const rows = cohort ? selectCohort(cohort, preparedFrame(prep, opts)) : undefined;
  const { input, weights } = restrict(full, prep.weights, rows);
  const B = opts.bootstrap ?? EVALUATE_DEFAULTS.bootstrap;
  const m = fairnessMetrics(input, names, { weights, bootstrap: B, seed: opts.seed, signal: hooks.signal });
  // Groups absent from a cohort have no rows: drop them rather than report empty rates.
  const groups = m.groups.filter((g) => g.count > 0);
  const warnings = [...(prep.classWarning ? [prep.classWarning] : []), ...m.warnings.filter((w) => !/\(0 rows\)/.test(w))];
  const n = input.yTrue.length;
  return {
    sensitive: opts.sensitive,
    n_rows: n,
    classes,
    positive_class: classes[pos],
    ...(prep.prediction.proba ? { threshold } : {}),
    groups,
    overall: m.overall,
    disparities: m.disparities,
    ci: m.ci,
    ...(B > 0 ? { bootstrap: { n: B, seed: opts.seed ?? EVALUATE_DEFAULTS.seed, confidence: EVALUATE_DEFAULTS.confidence } } : {}),
    ...(cohort ? { cohort: { name: cohort.name, expression: cohort.expression, n_rows: n, n_total: prep.table.nRows } } : {}),
    model: prep.card,
    dataset: { path: opts.data, label: prep.label, features: prep.features, ...(opts.weight ? { weight: opts.weight } : {}) },
    warnings,
    created: new Date().toISOString(),
    posthoc_version: VERSION,
  };
}
