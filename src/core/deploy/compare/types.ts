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
  /** Tests and paired intervals of the differences: is the change more than noise? */
  significance: SignificanceResult;
}

/** One headline metric, baseline against variant, with its paired interval and test. */
export interface SignificanceRow {
  metric: string;
  baseline: number;
  variant: number;
  /** variant − baseline on all rows. */
  difference: number;
  /** Paired percentile bootstrap interval of `difference` (null when the bootstrap is off or the metric is undefined in every resample). */
  ci: [number, number] | null;
  /** The test behind `pvalue`: McNemar's exact test for accuracy, DeLong's for roc_auc (binary); null for other metrics. */
  test: 'mcnemar' | 'delong' | null;
  /** Two-sided p-value of `test`; null when no test applies. */
  pvalue: number | null;
  /** One sentence in plain words, e.g. "q.onnx's ROC AUC is higher by 0.012 (95% CI 0.004–0.020, DeLong p = 0.003)". */
  verdict: string;
}

/** Significance of one variant's differences from the baseline (same rows for both). */
export interface SignificanceResult {
  /** Level of every interval (0.95). */
  confidence: number;
  /** Paired bootstrap: evaluate's resamples and seed, the same draws for both models; null when off. */
  bootstrap: { n: number; seed: number } | null;
  /** Classification. McNemar's exact test on the 2×2 table of right/wrong calls:
   * `b` = rows only the baseline got right, `c` = rows only the variant got right (b + c = discordant rows). */
  mcnemar?: { n: number; b: number; c: number; both_correct: number; both_wrong: number; statistic: number; pvalue: number };
  /** Binary with scores from both models: DeLong's test of AUC(variant) − AUC(baseline), normal-theory interval `ci`. */
  delong?: { auc_baseline: number; auc_variant: number; difference: number; se: number; z: number; pvalue: number; ci: [number, number]; n_positive: number; n_negative: number };
  /** One row per headline metric both models have, in headline order. */
  metrics: SignificanceRow[];
  /** Why a test was skipped, and caveats. */
  notes: string[];
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
