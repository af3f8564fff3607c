/**
 * Is a variant really different from the baseline, or is the change noise? For classifiers:
 * McNemar's exact test on the rows exactly one model gets right, DeLong's test on the two ROC
 * AUCs (binary), and a paired bootstrap interval for every headline metric's difference; for
 * regression the paired bootstrap intervals. All on the same rows, so the models' correlation
 * is used rather than ignored (two separate intervals overlapping says little).
 */
import type { Column } from '../../data/table';
import { DataError } from '../../errors';
import { encodeLabels } from '../../evaluate/labels';
import type { Task } from '../../evaluate/types';
import { bootstrapCi, createBinaryScorer, createMulticlassScorer, createRegressionScorer, headlineMetrics, headlineStatistic } from '../../metrics';
import type { Prediction } from '../../model/interpretOutput';
import { delongTest } from '../../stats/delong';
import { mcnemarExact } from '../../stats/mcnemar';
import type { RowCalls } from './rows';
import type { SignificanceResult, SignificanceRow } from './types';
import { verdict } from './verdict';

/** What the tests need besides the two predictions: the data, and evaluate's decisions. */
export interface SignificanceContext {
  task: Task;
  /** Class order of the evaluation (classification). */
  classes?: string[];
  positiveClass?: string;
  threshold: number;
  labelColumn: Column;
  weights?: Float64Array;
  /** Paired bootstrap resamples (evaluate's `bootstrap`; 0 = no intervals) and seed. */
  bootstrap: number;
  seed: number;
  confidence: number;
  signal?: AbortSignal;
}

type Scorer = (w: Float64Array) => Record<string, number>;

/** Builds the headline-metric scorer of one prediction exactly as evaluate's scoring does. */
function scorerFor(p: Prediction, ctx: SignificanceContext, yTrue: Int32Array | undefined): Scorer {
  if (ctx.task === 'regression') {
    return createRegressionScorer({ y: ctx.labelColumn.values as Float64Array, yhat: p.values!, weights: ctx.weights, seed: ctx.seed });
  }
  const classes = ctx.classes ?? [];
  const index = new Map(classes.map((c, i) => [c, i] as const));
  const yPred = p.labels ? Int32Array.from(p.labels, (l) => index.get(l) ?? -1) : undefined;
  if (ctx.task === 'binary') {
    const pos = ctx.positiveClass === undefined ? 1 : classes.indexOf(ctx.positiveClass);
    const c = p.nClasses ?? 2;
    return createBinaryScorer({
      yTrue: Uint8Array.from(yTrue!, (k) => (k === pos ? 1 : 0)),
      score: p.proba ? Float64Array.from({ length: p.nRows }, (_, i) => p.proba![i * c + pos]) : undefined,
      yPred: yPred ? Uint8Array.from(yPred, (k) => (k === pos ? 1 : 0)) : undefined,
      threshold: ctx.threshold,
      weights: ctx.weights,
      classNames: [classes[1 - pos], classes[pos]],
    });
  }
  return createMulticlassScorer({ yTrue: yTrue!, proba: p.proba, yPred, nClasses: classes.length, weights: ctx.weights, classNames: classes });
}

/**
 * Paired percentile intervals of `variant − baseline` for every headline metric. One bootstrap
 * pass scores both models on each resample: the same draws as `pairedBootstrapDiff` per metric
 * (same generator, seed and order), without scoring each model once per metric.
 */
function pairedIntervals(base: Scorer, variant: Scorer, n: number, ctx: SignificanceContext): Record<string, [number, number]> {
  if (ctx.bootstrap <= 0) return {};
  const hb = headlineStatistic(ctx.task, base);
  const hv = headlineStatistic(ctx.task, variant);
  return bootstrapCi(n, ctx.bootstrap, ctx.seed, (w) => {
    const a = hb(w);
    const b = hv(w);
    const out: Record<string, number> = {};
    for (const k of Object.keys(b)) if (k in a) out[k] = b[k] - a[k];
    return out;
  }, { confidence: ctx.confidence, weights: ctx.weights, signal: ctx.signal });
}

/**
 * The significance block of one variant-vs-baseline comparison.
 * @param metrics the observed headline metrics of both models (from their evaluations)
 * @param calls class calls per row (classification; as evaluate decides them)
 */
export function compareSignificance(
  base: Prediction,
  variant: Prediction,
  calls: { base: RowCalls; variant: RowCalls } | undefined,
  metrics: Record<string, { baseline: number; variant: number; delta: number }>,
  variantName: string,
  ctx: SignificanceContext,
): SignificanceResult {
  const notes: string[] = [];
  const n = ctx.labelColumn.values.length;
  const yTrue = ctx.task === 'regression' ? undefined : encodeLabels(ctx.labelColumn, ctx.classes ?? []);
  const ci = pairedIntervals(scorerFor(base, ctx, yTrue), scorerFor(variant, ctx, yTrue), n, ctx);
  if (ctx.bootstrap <= 0) notes.push('Bootstrap is off (--bootstrap 0): no intervals for the differences.');
  if (ctx.weights && ctx.task !== 'regression') notes.push('McNemar and DeLong count rows unweighted; the metrics and bootstrap intervals use the weights.');
  const result: SignificanceResult = { confidence: ctx.confidence, bootstrap: ctx.bootstrap > 0 ? { n: ctx.bootstrap, seed: ctx.seed } : null, metrics: [], notes };
  const pvalues: Record<string, { test: 'mcnemar' | 'delong'; p: number }> = {};
  if (yTrue && calls) {
    const m = mcnemarExact(yTrue, calls.base.classIndex, calls.variant.classIndex);
    result.mcnemar = { n: m.n, b: m.only_a_correct, c: m.only_b_correct, both_correct: m.both_correct, both_wrong: m.both_wrong, statistic: m.statistic, pvalue: m.pvalue };
    pvalues.accuracy = { test: 'mcnemar', p: m.pvalue };
  }
  if (yTrue && ctx.task === 'binary') {
    const pos = ctx.positiveClass === undefined ? 1 : (ctx.classes ?? []).indexOf(ctx.positiveClass);
    if (calls && base.proba && variant.proba) {
      try {
        // (variant, baseline): DeLong's difference and interval read variant − baseline like every delta.
        const d = delongTest(Uint8Array.from(yTrue, (k) => (k === pos ? 1 : 0)), calls.variant.score, calls.base.score, ctx.confidence);
        result.delong = { auc_baseline: d.auc_b, auc_variant: d.auc_a, difference: d.difference, se: d.se, z: d.z, pvalue: d.pvalue, ci: d.ci, n_positive: d.n_positive, n_negative: d.n_negative };
        pvalues.roc_auc = { test: 'delong', p: d.pvalue };
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        notes.push(`DeLong's test skipped: ${e.message}`);
      }
    } else notes.push("DeLong's test skipped: it needs scores from both models, and one outputs labels only.");
  } else if (ctx.task === 'multiclass') {
    notes.push("DeLong's test compares two binary ROC AUCs, so it is skipped for multiclass; roc_auc_ovr gets a paired bootstrap interval only.");
  }
  for (const k of headlineMetrics(ctx.task)) {
    const m = metrics[k];
    if (!m) continue;
    const row: SignificanceRow = { metric: k, baseline: m.baseline, variant: m.variant, difference: m.delta, ci: ci[k] ?? null, test: pvalues[k]?.test ?? null, pvalue: pvalues[k]?.p ?? null, verdict: '' };
    row.verdict = verdict(variantName, row, ctx.confidence);
    result.metrics.push(row);
  }
  return result;
}
