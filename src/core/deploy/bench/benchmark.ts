/**
 * benchmarkModel: loads an ONNX model into an onnxruntime session with the requested intra-op
 * threads and times `session.run` per batch size, warm-up calls excluded. Inputs are built once
 * per batch size, so the timings hold the runtime's work (binding, inference, output copy)
 * and not the making of random numbers. Timed with process.hrtime.bigint (monotonic, ns).
 */
import * as os from 'node:os';
import type * as ort from 'onnxruntime-node';
import { resolveFeatures, guessLabelColumn } from '../../data/columns';
import { readTable } from '../../data/readTable';
import type { Table } from '../../data/table';
import { DataError, ModelError, UsageError, throwIfAborted } from '../../errors';
import type { WorkHooks } from '../../evaluate/options';
import type { FeedTensor } from '../../model/bindInputs';
import { onnxRuntime } from '../../model/onnxRunner';
import { readModelFile } from '../../onnx/modelFile';
import { removeNonTensorOutputs } from '../../onnx/zipmap';
import { VERSION } from '../../version';
import { randomFeeds, stringCategories, tableFeeds } from './inputs';
import { sampleStats } from './percentile';
import { checkOverrides, fixedBatchSize } from './shapes';
import { BENCH_DEFAULTS, type BatchResult, type BenchOptions, type BenchResult } from './types';

/** Checks numeric options; throws UsageError naming the bad one. */
export function checkBenchOptions(o: BenchOptions): void {
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  if (o.batchSizes && (o.batchSizes.length === 0 || !o.batchSizes.every(positiveInt))) throw new UsageError(`batch sizes must be whole numbers ≥ 1; got ${o.batchSizes.join(', ')}`);
  if (o.seconds !== undefined && !(o.seconds > 0 && Number.isFinite(o.seconds))) throw new UsageError(`seconds must be > 0; got ${o.seconds}`);
  if (o.iterations !== undefined && !positiveInt(o.iterations)) throw new UsageError(`iterations must be a whole number ≥ 1; got ${o.iterations}`);
  if (o.warmup !== undefined && !(Number.isInteger(o.warmup) && o.warmup >= 0)) throw new UsageError(`warmup must be a whole number ≥ 0; got ${o.warmup}`);
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 0)) throw new UsageError(`threads must be a whole number ≥ 0 (0 = onnxruntime's default); got ${o.threads}`);
}

/** Benchmarks a model. Heavy and long: a host should call it from a worker thread. */
export async function benchmarkModel(opts: BenchOptions, hooks: WorkHooks = {}): Promise<BenchResult> {
  checkBenchOptions(opts);
  const { signal } = hooks;
  const progress = hooks.onProgress ?? (() => {});
  const warnings: string[] = [];
  const warmup = opts.warmup ?? BENCH_DEFAULTS.warmup;
  const seconds = opts.seconds ?? BENCH_DEFAULTS.seconds;
  const seed = opts.seed ?? BENCH_DEFAULTS.seed;

  const file = await readModelFile(opts.model);
  const inputs = file.card.inputs;
  if (inputs.length === 0) throw new ModelError(`${file.card.file_name} declares no inputs; there is nothing to feed.`);
  checkOverrides(inputs, opts.shapes ?? {});
  const batchSizes = chooseBatchSizes(opts.batchSizes ?? [...BENCH_DEFAULTS.batchSizes], fixedBatchSize(inputs), warnings);

  let table: Table | undefined;
  let features: string[] = [];
  if (opts.data) {
    progress('Reading data', 0);
    table = await readTable(opts.data, { maxRows: Math.max(...batchSizes), signal });
    if (table.nRows === 0) throw new DataError(`${opts.data} has no data rows.`);
    const label = opts.label ?? (opts.features ? undefined : guessLabelColumn(table));
    features = resolveFeatures(table, { label, features: opts.features });
    if (table.nRows < Math.max(...batchSizes)) warnings.push(`${opts.data} has ${table.nRows} rows; larger batches repeat them.`);
  }

  progress('Loading model');
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const rewritten = removeNonTensorOutputs(file.model, file.bytes);
  if (rewritten.dropped.length > 0) warnings.push(`Outputs ${rewritten.dropped.join(', ')} are not tensors and were left out of the timing.`);
  const sessionOptions: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all', executionMode: 'sequential' };
  if (opts.threads) sessionOptions.intraOpNumThreads = opts.threads;
  const t0 = process.hrtime.bigint();
  let session: ort.InferenceSession;
  try {
    session = await onnxRuntime().InferenceSession.create(rewritten.bytes, sessionOptions);
  } catch (err) {
    throw new ModelError(`onnxruntime could not load ${file.card.file_name}: ${(err as Error).message}`);
  }
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const afterLoad = process.memoryUsage();
  let peak = afterLoad.rss;

  const categories = stringCategories(file.model);
  const batches: BatchResult[] = [];
  const shapes: Record<string, Record<string, number[]>> = {};
  try {
    for (const [k, batch] of batchSizes.entries()) {
      throwIfAborted(signal);
      const feeds = table ? tableFeeds(inputs, table, features, batch) : randomFeeds(inputs, batch, { overrides: opts.shapes, seed: seed + batch, categories });
      shapes[String(batch)] = Object.fromEntries(Object.entries(feeds).map(([n, f]) => [n, f.dims]));
      const ortFeeds = toOrt(feeds);
      const call = async () => {
        try {
          await session.run(ortFeeds);
        } catch (err) {
          throw new ModelError(`onnxruntime failed at batch size ${batch}: ${(err as Error).message}` +
            (opts.shapes ? '' : ' If a dynamic dimension needs another size, set it with --shape NAME=DIMS.'));
        }
      };
      const report = (f: number) => progress(`Batch size ${batch}`, (k + Math.min(1, f)) / batchSizes.length);
      for (let i = 0; i < warmup; i++) {
        await call();
        peak = Math.max(peak, process.memoryUsage.rss());
      }
      const durations: number[] = [];
      let total = 0n;
      const budget = BigInt(Math.round(seconds * 1e9));
      for (;;) {
        if (opts.iterations !== undefined ? durations.length >= opts.iterations : total >= budget && durations.length >= 1) break;
        if (signal?.aborted) throwIfAborted(signal);
        const start = process.hrtime.bigint();
        await call();
        const ns = process.hrtime.bigint() - start;
        total += ns;
        durations.push(Number(ns) / 1e6);
        peak = Math.max(peak, process.memoryUsage.rss());
        if ((durations.length & 63) === 0) report(opts.iterations !== undefined ? durations.length / opts.iterations : Number(total) / Number(budget));
      }
      batches.push(batchResult(batch, warmup, durations, Number(total) / 1e9, peak));
      report(1);
    }
  } finally {
    await session.release();
  }
  const ortVersion = (onnxRuntime() as unknown as { env?: { versions?: { common?: string } } }).env?.versions?.common ?? 'unknown';
  const cpus = os.cpus();
  return {
    model: {
      path: opts.model,
      file_name: file.card.file_name,
      size_bytes: file.card.size_bytes,
      inputs: inputs.map((i) => ({ name: i.name, type: i.type, shape: i.shape })),
      outputs: file.card.outputs.map((o) => o.name),
    },
    inputs_from: opts.data ?? 'random',
    input_shapes: shapes,
    settings: {
      threads: opts.threads ? opts.threads : 'default',
      warmup,
      mode: opts.iterations !== undefined ? 'iterations' : 'seconds',
      ...(opts.iterations !== undefined ? { iterations: opts.iterations } : { seconds }),
      seed,
      percentile_method: "linear interpolation between closest ranks (numpy's default, type 7)",
    },
    batches,
    memory: {
      rss_before_load: rssBefore,
      rss_after_load: afterLoad.rss,
      peak_rss_during_run: peak,
      // ru_maxrss is in kilobytes on Linux and macOS as Node reports it.
      max_rss_process: process.resourceUsage().maxRSS * 1024,
      heap_used_after_load: afterLoad.heapUsed,
      load_delta: afterLoad.rss - rssBefore,
    },
    environment: { onnxruntime: ortVersion, node: process.versions.node, platform: process.platform, arch: process.arch, cpus: cpus.length, cpu_model: cpus[0]?.model.trim() ?? 'unknown' },
    load_ms: loadMs,
    warnings,
    created: new Date().toISOString(),
    posthoc_version: VERSION,
  };
}

/** A model with a fixed batch dimension can only run that batch size; others are dropped. */
function chooseBatchSizes(requested: number[], fixed: number | undefined, warnings: string[]): number[] {
  const unique = [...new Set(requested)];
  if (fixed === undefined) return unique;
  if (unique.length === 1 && unique[0] === fixed) return unique;
  warnings.push(`The model fixes the batch size at ${fixed}; measured batch size ${fixed} only (asked for ${unique.join(', ')}).`);
  return [fixed];
}

function batchResult(batch: number, warmup: number, durationsMs: number[], totalSeconds: number, peak: number): BatchResult {
  const s = sampleStats(durationsMs);
  return {
    batch_size: batch,
    iterations: s.count,
    warmup,
    total_seconds: totalSeconds,
    latency_ms: { mean: s.mean, std: s.std, min: s.min, max: s.max, p50: s.p50, p90: s.p90, p99: s.p99 },
    throughput_rows_per_s: totalSeconds > 0 ? (batch * s.count) / totalSeconds : 0,
    calls_per_s: totalSeconds > 0 ? s.count / totalSeconds : 0,
    peak_rss_bytes: peak,
  };
}

function toOrt(feeds: Record<string, FeedTensor>): Record<string, ort.Tensor> {
  const { Tensor } = onnxRuntime();
  return Object.fromEntries(Object.entries(feeds).map(([n, f]) => [n, new Tensor(f.type, f.data, f.dims)]));
}
