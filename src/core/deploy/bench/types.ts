/**
 * Options and results of a model benchmark (`posthoc bench`). Plain JSON, so a result can be
 * written to --json, posted to a webview or compared across machines.
 */
import type { ShapeOverrides } from './shapes';

/** What to benchmark and how. */
export interface BenchOptions {
  /** Path of the .onnx model. */
  model: string;
  /** Batch sizes to measure, in order (default 1, 8, 32, 128). */
  batchSizes?: number[];
  /** Timed seconds per batch size (default 2); ignored when `iterations` is set. */
  seconds?: number;
  /** Timed calls per batch size; overrides `seconds`. */
  iterations?: number;
  /** Untimed calls before each batch size's timed calls (default 10). */
  warmup?: number;
  /** onnxruntime intra-op threads (0 or undefined: onnxruntime's default, one per core). */
  threads?: number;
  /** Shape overrides for dynamic dimensions other than the batch dimension. */
  shapes?: ShapeOverrides;
  /** Feed rows of this table (.csv, .parquet, …) instead of random values. */
  data?: string;
  /** Feature columns of `data`, in the model's order (default: all but the label). */
  features?: string[];
  /** Label column of `data` to leave out (default: guessed from target/label/y/class). */
  label?: string;
  /** Seed of the random inputs (default 0). */
  seed?: number;
}

/** Defaults of {@link BenchOptions}, in one place. */
export const BENCH_DEFAULTS = {
  batchSizes: [1, 8, 32, 128],
  seconds: 2,
  warmup: 10,
  seed: 0,
} as const;

/** Latency (milliseconds per call) and throughput for one batch size. */
export interface BatchResult {
  batch_size: number;
  /** Timed calls (warm-up calls excluded). */
  iterations: number;
  warmup: number;
  /** Sum of the timed calls' durations, seconds. */
  total_seconds: number;
  latency_ms: { mean: number; std: number; min: number; max: number; p50: number; p90: number; p99: number };
  /** Rows per second: batch_size × iterations / total_seconds. */
  throughput_rows_per_s: number;
  /** Calls per second: iterations / total_seconds. */
  calls_per_s: number;
  /** Highest resident set size seen between calls of this batch size, bytes. */
  peak_rss_bytes: number;
}

/** Process memory, bytes (resident set size unless said otherwise). */
export interface BenchMemory {
  rss_before_load: number;
  rss_after_load: number;
  /** Highest RSS sampled after any call during the timed and warm-up runs. */
  peak_rss_during_run: number;
  /** The process's lifetime peak RSS from the OS (getrusage ru_maxrss), bytes. */
  max_rss_process: number;
  heap_used_after_load: number;
  /** Memory the model added: rss_after_load − rss_before_load (can be < 0 after a GC). */
  load_delta: number;
}

/** The result of {@link benchmarkModel}. */
export interface BenchResult {
  model: { path: string; file_name: string; size_bytes: number; inputs: { name: string; type: string; shape: (number | string | null)[] }[]; outputs: string[] };
  /** 'random' (seeded) or the table the rows came from. */
  inputs_from: string;
  /** Concrete input shapes used at each batch size. */
  input_shapes: Record<string, Record<string, number[]>>;
  settings: { threads: number | 'default'; warmup: number; mode: 'seconds' | 'iterations'; seconds?: number; iterations?: number; seed: number; percentile_method: string };
  batches: BatchResult[];
  memory: BenchMemory;
  environment: { onnxruntime: string; node: string; platform: string; arch: string; cpus: number; cpu_model: string };
  /** Load time of the session, milliseconds. */
  load_ms: number;
  warnings: string[];
  created: string;
  posthoc_version: string;
}
