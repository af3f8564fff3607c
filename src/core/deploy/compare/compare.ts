/**
 * compareModels: evaluates every variant on the same data with evaluate(), predicts every row
 * once more to find flipped calls and output differences, times single-row and batch calls,
 * lines everything up against the first model (the baseline), and tests each difference
 * (McNemar, DeLong, paired bootstrap; see significance.ts).
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { getColumn } from '../../data/columns';
import { readTable } from '../../data/readTable';
import type { Table } from '../../data/table';
import { UsageError, throwIfAborted } from '../../errors';
import { evaluate } from '../../evaluate/evaluate';
import { EVALUATE_DEFAULTS, type EvaluateOptions, type WorkHooks } from '../../evaluate/options';
import type { EvaluationResult } from '../../evaluate/types';
import { OnnxModel } from '../../model/onnxRunner';
import type { Prediction } from '../../model/interpretOutput';
import { VERSION } from '../../version';
import { flippedRows, outputDiff, perClassFromConfusion, rowCalls } from './rows';
import { compareSignificance, type SignificanceContext } from './significance';
import type { CompareRun, LatencyStats, VariantDelta, VariantSummary } from './types';

/** Options of {@link compareModels}: evaluate's options for the data, plus the models. */
export interface CompareOptions extends Omit<EvaluateOptions, 'model'> {
  /** Two or more model paths; the first is the baseline. */
  models: string[];
  /** Display names (default: file names, made unique). */
  names?: string[];
  /** Timed calls per latency measurement after warm-up (default 30). */
  latencyRuns?: number;
}

/** Flipped rows listed in the JSON (all are counted). */
export const MAX_FLIPPED_LISTED = 1000;
/** Points in each score scatter: every flipped row, then unflipped rows up to this many. */
const MAX_SCATTER_POINTS = 3000;
const BATCH_ROWS = 256;
const WARMUP = 5;
/**
 * Timing loops look at the AbortSignal every this many calls, outside the timed span, so the
 * check never lands in a measurement; even 1 ms calls then answer Ctrl-C within ~10 ms.
 */
const ABORT_CHECK_EVERY = 8;

function sliceTable(table: Table, rows: number): Table {
  return { nRows: rows, columns: table.columns.map((c) => ({ ...c, values: c.values.slice(0, rows) }) as typeof c) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function timeCalls(model: OnnxModel, table: Table, features: string[], ev: EvaluationResult, runs: number, signal?: AbortSignal): Promise<LatencyStats> {
  // No signal inside predict: the timed span holds the inference call only.
  const opts = { task: ev.task, output: ev.output.name, outputKind: ev.output.kind, batchSize: table.nRows };
  for (let i = 0; i < WARMUP; i++) {
    throwIfAborted(signal);
    await model.predict(table, features, opts);
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % ABORT_CHECK_EVERY === 0) throwIfAborted(signal);
    const t0 = process.hrtime.bigint();
    await model.predict(table, features, opts);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { mean_ms: times.reduce((a, b) => a + b, 0) / runs, p50_ms: median(times), rows: table.nRows, runs };
}

function uniqueNames(paths: string[], given?: string[]): string[] {
  if (given) {
    if (given.length !== paths.length) throw new UsageError(`${given.length} names for ${paths.length} models; give one name per model.`);
    return given;
  }
  const base = paths.map((p) => path.basename(p));
  return base.map((b, i) => (base.indexOf(b) === i && base.lastIndexOf(b) === i ? b : `${b} (${i + 1})`));
}

/** Compares models on one labelled dataset. Heavy: run it off the UI thread. */
export async function compareModels(opts: CompareOptions, hooks: WorkHooks = {}): Promise<CompareRun> {
  if (opts.models.length < 2) throw new UsageError('compare needs at least two models (--model A --model B).');
  // Flips, tests and timings use every row; evaluating a cohort only would mix two row sets.
  if (opts.cohort) throw new UsageError('compare runs on every row and does not take --cohort/--where; filter the data file instead.');
  const names = uniqueNames(opts.models, opts.names);
  const progress = hooks.onProgress ?? (() => {});
  const runs = Math.max(1, opts.latencyRuns ?? 30);
  const evaluations: EvaluationResult[] = [];
  for (const [i, model] of opts.models.entries()) {
    progress(`Evaluating ${names[i]}`, i / opts.models.length);
    evaluations.push(await evaluate({ ...opts, model }, { signal: hooks.signal }));
  }
  const base = evaluations[0];
  for (const [i, ev] of evaluations.entries()) {
    if (ev.task !== base.task) throw new UsageError(`${names[i]} was evaluated as ${ev.task} but ${names[0]} as ${base.task}; pass --task.`);
    if ((ev.classes ?? []).join('\u0000') !== (base.classes ?? []).join('\u0000')) {
      throw new UsageError(`${names[i]} scores classes ${(ev.classes ?? []).join(', ')} but ${names[0]} scores ${(base.classes ?? []).join(', ')}; pass --classes.`);
    }
  }
  const table = await readTable(opts.data, { maxRows: opts.maxRows ?? EVALUATE_DEFAULTS.maxRows, signal: hooks.signal });
  const features = base.dataset.features;
  const labelColumn = getColumn(table, base.dataset.label);
  const labels = Array.from({ length: table.nRows }, (_, i) => String(labelColumn.values[i]));
  const predictions: Prediction[] = [];
  const variants: VariantSummary[] = [];
  for (const [i, file] of opts.models.entries()) {
    throwIfAborted(hooks.signal);
    progress(`Timing ${names[i]}`, i / opts.models.length);
    const ev = evaluations[i];
    const model = await OnnxModel.load(file);
    try {
      // predict checks the signal before every batch.
      predictions.push(await model.predict(table, features, { task: ev.task, output: ev.output.name, outputKind: ev.output.kind, batchSize: opts.batchSize, signal: hooks.signal }));
      const single = await timeCalls(model, sliceTable(table, 1), features, ev, runs, hooks.signal);
      const batch = await timeCalls(model, sliceTable(table, Math.min(BATCH_ROWS, table.nRows)), features, ev, runs, hooks.signal);
      variants.push({
        name: names[i],
        path: file,
        size_bytes: (await stat(file)).size,
        latency: { single_row: single, batch },
        metrics: ev.metrics,
        ci: ev.ci,
        ...(ev.confusion_matrix ? { per_class: perClassFromConfusion(ev.confusion_matrix) } : {}),
        operators: ev.model.operators,
        warnings: ev.warnings,
      });
    } finally {
      await model.dispose();
    }
  }
  const baseCalls = base.task === 'regression' ? undefined : rowCalls(predictions[0], base);
  const weightColumn = opts.weight !== undefined ? getColumn(table, opts.weight) : undefined;
  const sig: SignificanceContext = {
    task: base.task,
    classes: base.classes,
    positiveClass: base.positive_class,
    threshold: opts.threshold ?? EVALUATE_DEFAULTS.threshold,
    labelColumn,
    // evaluate has checked the weight column (numeric, finite, ≥ 0).
    weights: weightColumn?.kind === 'number' ? weightColumn.values : undefined,
    bootstrap: opts.bootstrap ?? EVALUATE_DEFAULTS.bootstrap,
    seed: opts.seed ?? EVALUATE_DEFAULTS.seed,
    confidence: EVALUATE_DEFAULTS.confidence,
    signal: hooks.signal,
  };
  const deltas: VariantDelta[] = [];
  for (let i = 1; i < variants.length; i++) {
    throwIfAborted(hooks.signal);
    const v = variants[i];
    const metrics: VariantDelta['metrics'] = {};
    for (const [k, b] of Object.entries(variants[0].metrics)) {
      const x = v.metrics[k];
      if (x !== undefined) metrics[k] = { baseline: b, variant: x, delta: x - b };
    }
    const perClass = v.per_class && variants[0].per_class
      ? v.per_class.map((c, k) => ({ class: c.class, precision_delta: c.precision - variants[0].per_class![k].precision, recall_delta: c.recall - variants[0].per_class![k].recall, f1_delta: c.f1 - variants[0].per_class![k].f1 }))
      : undefined;
    const calls = baseCalls ? rowCalls(predictions[i], evaluations[i]) : undefined;
    const flipped = baseCalls && calls ? flippedRows(predictions[0], baseCalls, predictions[i], calls, base, labels) : [];
    progress(`Testing ${v.name} against ${variants[0].name}`, i / variants.length);
    const significance = compareSignificance(predictions[0], predictions[i], baseCalls && calls ? { base: baseCalls, variant: calls } : undefined, metrics, v.name, sig);
    deltas.push({
      variant: v.name,
      metrics,
      ...(perClass ? { per_class: perClass } : {}),
      output_diff: outputDiff(predictions[0], predictions[i]),
      size_ratio: v.size_bytes / variants[0].size_bytes,
      latency_ratio: v.latency.single_row.p50_ms / variants[0].latency.single_row.p50_ms,
      n_flipped: flipped.length,
      flipped: flipped.slice(0, MAX_FLIPPED_LISTED),
      scores: scatterPoints(predictions[0], predictions[i], baseCalls?.classIndex, new Set(flipped.map((f) => f.row)), base),
      significance,
    });
  }
  const warnings = evaluations.flatMap((ev, i) => ev.warnings.map((w) => `${names[i]}: ${w}`));
  return {
    evaluations,
    result: {
      kind: 'posthoc.compare',
      task: base.task,
      n_rows: base.n_rows,
      ...(base.classes ? { classes: base.classes } : {}),
      ...(base.positive_class !== undefined ? { positive_class: base.positive_class } : {}),
      ...(base.threshold !== undefined ? { threshold: base.threshold } : {}),
      data: opts.data,
      label: base.dataset.label,
      output: { name: base.output.name, kind: base.output.kind },
      variants,
      deltas,
      warnings,
      created: new Date().toISOString(),
      posthoc_version: VERSION,
    },
  };
}

/** Baseline vs variant score per row: the baseline class's probability (P(positive) for binary), or the value for regression. */
function scatterPoints(a: Prediction, b: Prediction, baseClass: Int32Array | undefined, flipped: Set<number>, ev: EvaluationResult): VariantDelta['scores'] {
  const points: VariantDelta['scores'] = [];
  const value = (p: Prediction, i: number): number => {
    if (p.values) return p.values[i];
    if (!p.proba || !baseClass) return NaN;
    const c = p.nClasses ?? 1;
    const k = ev.task === 'binary' && ev.positive_class !== undefined ? (ev.classes ?? []).indexOf(ev.positive_class) : baseClass[i];
    return p.proba[i * c + k];
  };
  for (let i = 0; i < a.nRows; i++) {
    const f = flipped.has(i);
    if (!f && points.length >= MAX_SCATTER_POINTS) continue;
    const x = value(a, i);
    const y = value(b, i);
    if (Number.isFinite(x) && Number.isFinite(y)) points.push({ row: i, baseline: x, variant: y, flipped: f });
  }
  return points;
}
