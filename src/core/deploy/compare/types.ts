/**
 * The comparison result: the JSON contract of `posthoc compare --json`. Variant 0 is the
 * baseline; every delta is `variant − baseline`. Keys are snake_case (written for other tools).
 */
import type { EvaluationResult, Task } from '../../evaluate/types';

/** Mean and median of repeated timings, in milliseconds. */
export interface LatencyStats {
  mean_ms: number;
  p50_ms: number;
  /** Rows per call. */
  rows: number;
  runs: number;
}

/** One model's numbers on the data. */
export interface VariantSummary {
  name: string;
  path: string;
  size_bytes: number;
  latency: { single_row: LatencyStats; batch: LatencyStats };
  metrics: Record<string, number>;
  ci: Record<string, [number, number]>;
  /** Precision/recall/F1/support per class from the confusion matrix (classification). */
  per_class?: { class: string; precision: number; recall: number; f1: number; support: number }[];
  operators: Record<string, number>;
  warnings: string[];
}

/** A row whose predicted class differs between the baseline and a variant. */
export interface FlippedRow {
  /** 0-based data row. */
  row: number;
  label: string;
  baseline_class: string;
  /** P(positive) for binary tasks; the baseline's predicted class probability otherwise. */
  baseline_score: number;
  variant_class: string;
  /** The same score under the variant. */
  variant_score: number;
}

/** How one variant differs from the baseline. */
export interface VariantDelta {
  variant: string;
  metrics: Record<string, { baseline: number; variant: number; delta: number }>;
  per_class?: { class: string; precision_delta: number; recall_delta: number; f1_delta: number }[];
  /** Over every number of the read output (probabilities or regression values). */
  output_diff: { max_abs: number; mean_abs: number };
  size_ratio: number;
  /** Median single-row latency, variant / baseline. */
  latency_ratio: number;
  n_flipped: number;
  /** Flipped rows, all of them up to `MAX_FLIPPED_LISTED`, sorted by row. */
  flipped: FlippedRow[];
  /** Score pairs (baseline, variant) for the scatter: every flipped row plus a sample of the rest. */
  scores: { row: number; baseline: number; variant: number; flipped: boolean }[];
}

export interface CompareResult {
  kind: 'posthoc.compare';
  task: Task;
  n_rows: number;
  classes?: string[];
  positive_class?: string;
  threshold?: number;
  data: string;
  label: string;
  output: { name: string; kind: string };
  variants: VariantSummary[];
  /** One per non-baseline variant, in order. */
  deltas: VariantDelta[];
  warnings: string[];
  created: string;
  posthoc_version: string;
}

/** Full evaluations kept alongside, for callers that want curves (not written to JSON). */
export interface CompareRun {
  result: CompareResult;
  evaluations: EvaluationResult[];
}
