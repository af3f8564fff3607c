/**
 * `posthoc bench --model PATH …`: latency percentiles, throughput and memory of an ONNX model
 * per batch size, written as JSON and an HTML/Markdown report.
 * Exit status: 0 success, 1 failure (unreadable model, failing run), 2 usage error.
 */
import { existsSync } from 'node:fs';
import { formatBytes, formatNumber } from '../core/charts/format';
import { benchmarkModel } from '../core/deploy/bench/benchmark';
import { parseShapeOverrides } from '../core/deploy/bench/shapes';
import type { BenchOptions, BenchResult } from '../core/deploy/bench/types';
import { PosthocError, UsageError } from '../core/errors';
import { buildBenchReport } from '../core/report/benchReport';
import { writeReportFiles } from './outputs';
import { printWarnings, runReportCommand } from './reportCommand';
import { parseFlags, wholeFlag } from './flags';

/** What `posthoc bench` was asked to do. */
export interface BenchCommand {
  options: BenchOptions;
  json?: string;
  html?: string;
  md?: string;
  force: boolean;
}

export const BENCH_USAGE = `Usage: posthoc bench --model PATH [options]

Measures an ONNX model's latency (p50/p90/p99 per call), throughput and memory per batch size.

  --model PATH        model file (.onnx)
  --batch LIST        batch sizes, e.g. 1,8,32 (default 1,8,32,128)
  --seconds S         timed seconds per batch size (default 2)
  --iterations N      timed calls per batch size instead of --seconds
  --warmup N          untimed calls before each batch size (default 10)
  --threads T         onnxruntime intra-op threads (default: onnxruntime's, one per core)
  --shape NAME=DIMS   size of dynamic dims: an input's full shape (N = batch size), e.g.
                      --shape image=Nx3x224x224, or a symbolic dim, e.g. --shape seq=128
                      (repeatable; other dynamic dims are 1, the first is the batch size)
  --data PATH         feed rows of this table (.csv, .tsv, .parquet, .jsonl) instead of random values
  --features LIST     feature columns of --data in the model's order (default: all but the label)
  --label COL         label column of --data to leave out (default: guessed)
  --seed S            seed of the random inputs (default 0)
  --json FILE         write the result as JSON
  --html FILE         write a self-contained HTML report
  --md FILE           write a Markdown report
  --force             overwrite output files that already exist

Percentiles are numpy's default (linear interpolation). Warm-up calls are never timed.
Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;


/** Parses the arguments after `bench`. Throws UsageError for anything malformed. */
export function parseBenchArgs(argv: string[]): BenchCommand {
  const parsed = parseFlags(argv, {
      model: { type: 'string' }, batch: { type: 'string' }, seconds: { type: 'string' }, iterations: { type: 'string' },
      warmup: { type: 'string' }, threads: { type: 'string' }, shape: { type: 'string', multiple: true },
      data: { type: 'string' }, features: { type: 'string' }, label: { type: 'string' }, seed: { type: 'string' },
      json: { type: 'string' }, html: { type: 'string' }, md: { type: 'string' }, force: { type: 'boolean', default: false },
    });
  const v = parsed.values;
  if (!v.model) throw new UsageError('--model is required (path of an .onnx file)');
  if (v.seconds !== undefined && v.iterations !== undefined) throw new UsageError('give either --seconds or --iterations, not both');
  let batchSizes: number[] | undefined;
  if (v.batch !== undefined) {
    batchSizes = v.batch.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => wholeFlag('batch', s, 1)!);
    if (batchSizes.length === 0) throw new UsageError('--batch needs batch sizes separated by commas, e.g. --batch 1,8,32');
  }
  let seconds: number | undefined;
  if (v.seconds !== undefined) {
    seconds = Number(v.seconds);
    if (v.seconds.trim() === '' || !(seconds > 0 && seconds <= 3600)) throw new UsageError(`--seconds must be a number > 0 (at most 3600); got '${v.seconds}'`);
  }
  if ((v.features !== undefined || v.label !== undefined) && v.data === undefined) throw new UsageError('--features and --label need --data');
  const features = v.features?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (features && features.length === 0) throw new UsageError('--features needs column names separated by commas');
  const options: BenchOptions = {
    model: v.model,
    batchSizes,
    seconds,
    iterations: wholeFlag('iterations', v.iterations, 1),
    warmup: wholeFlag('warmup', v.warmup, 0),
    threads: wholeFlag('threads', v.threads, 1),
    shapes: v.shape ? parseShapeOverrides(v.shape) : undefined,
    data: v.data,
    features,
    label: v.label,
    seed: wholeFlag('seed', v.seed, 0),
  };
  return { options, json: v.json, html: v.html, md: v.md, force: v.force ?? false };
}

/** The lines printed on stdout: one per batch size. */
export function benchSummaryLines(r: BenchResult): string[] {
  const lines = [`${r.model.file_name}: threads ${r.settings.threads}, warm-up ${r.settings.warmup}, inputs ${r.inputs_from}`];
  for (const b of r.batches) {
    const l = b.latency_ms;
    lines.push(`  batch ${String(b.batch_size).padStart(4)}: p50 ${formatNumber(l.p50)} ms  p90 ${formatNumber(l.p90)} ms  p99 ${formatNumber(l.p99)} ms  ` +
      `${formatNumber(Math.round(b.throughput_rows_per_s))} rows/s  (${b.iterations} calls)`);
  }
  lines.push(`  memory: RSS ${formatBytes(r.memory.rss_before_load)} before load, ${formatBytes(r.memory.rss_after_load)} after, peak ${formatBytes(r.memory.peak_rss_during_run)}`);
  return lines;
}

/** A benchmark takes a while: refuse up front when the answer to "overwrite?" is already no. */
function refuseExistingOutputs(c: BenchCommand): BenchCommand {
  const existing = [c.json, c.html, c.md].filter((f): f is string => !!f && existsSync(f));
  if (existing.length > 0 && !c.force && !(process.stdin.isTTY && process.stderr.isTTY)) {
    throw new PosthocError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was run. Pass --force to overwrite, or choose other file names.`, 'exists');
  }
  return c;
}

/** Runs `posthoc bench ARGS`; returns the exit status (errors are thrown to main). */
export async function runBench(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: BENCH_USAGE,
    // Checked before the work; it concerns named outputs only, so never clashes with the runner's no-output notice.
    parse: (args) => refuseExistingOutputs(parseBenchArgs(args)),
    work: (c, hooks) => benchmarkModel(c.options, hooks),
    write: (result, c) => {
      printWarnings(result.warnings);
      return writeReportFiles({ json: () => `${JSON.stringify(result, null, 1)}\n`, report: () => buildBenchReport(result) }, c);
    },
    summary: benchSummaryLines,
  });
  return 0;
}
