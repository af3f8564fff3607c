import type { ImageGallery } from '../images/gallery';
import type { PreprocessSpec } from '../images/preprocess';

/**
 * The evaluation result: the JSON contract of `posthoc evaluate --json`, the input of the chart
 * builders and report renderers, and what the extension shows. Keys are snake_case because they
 * are written to JSON for other tools to read.
 */

export type Task = 'binary' | 'multiclass' | 'regression';
export type OutputKind = 'probabilities' | 'logits' | 'labels' | 'values';

/** One input or output of a model as declared in the file. `null` dims are unknown/dynamic. */
export interface TensorSpec {
  name: string;
  /** Element type as ONNX names it in lower case: float, double, int64, string, bool, ... ;
   * or 'sequence<map<...>>' / 'map<...>' for non-tensor values. */
  type: string;
  shape: (number | string | null)[];
}

export interface ModelCard {
  path: string;
  file_name: string;
  size_bytes: number;
  format: 'onnx';
  ir_version: number;
  producer: string;
  producer_version: string;
  opsets: { domain: string; version: number }[];
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  metadata: Record<string, string>;
  /** Operator type -> node count, over the main graph. */
  operators: Record<string, number>;
  parameter_count: number;
  /** Class labels declared by the model (ZipMap / TreeEnsemble / LinearClassifier attributes). */
  class_labels?: string[];
}

export interface DatasetSummary {
  path: string;
  n_rows: number;
  n_columns: number;
  label: string;
  features: string[];
  weight?: string;
  /** Columns with missing cells and how many. */
  missing: Record<string, number>;
  /** Classification: label value -> row count, in class order. */
  class_balance?: Record<string, number>;
  /** Regression: summary of the label. */
  label_stats?: { mean: number; std: number; min: number; max: number };
}

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
  auc: number;
}

export interface PrCurve {
  recall: number[];
  precision: number[];
  thresholds: number[];
  average_precision: number;
}

/** Reliability diagram with equal-width bins over [0, 1]; empty bins are left out. */
export interface CalibrationCurve {
  mean_predicted: number[];
  fraction_positive: number[];
  count: number[];
  ece: number;
  mce: number;
  n_bins: number;
}

export interface ThresholdSweep {
  thresholds: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  best_f1_threshold: number;
  best_f1: number;
}

/** Histogram of the positive-class (binary) or true-class (multiclass) score per true class. */
export interface ScoreDistribution {
  bin_edges: number[];
  counts: Record<string, number[]>;
}

/** Regression: a sample of (actual, predicted) pairs (all rows up to 5000) and a residual histogram. */
export interface ResidualPlotData {
  actual: number[];
  predicted: number[];
  residual_bin_edges: number[];
  residual_counts: number[];
}

export interface EvaluationCurves {
  /** Binary: key is the positive class. Multiclass: one per class, plus "micro" and "macro". */
  roc?: Record<string, RocCurve>;
  pr?: Record<string, PrCurve>;
  calibration?: CalibrationCurve;
  thresholds?: ThresholdSweep;
  score_distribution?: ScoreDistribution;
  residuals?: ResidualPlotData;
}

export interface PerClassMetrics {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationResult {
  task: Task;
  n_rows: number;
  classes?: string[];
  positive_class?: string;
  threshold?: number;
  metrics: Record<string, number>;
  per_class?: PerClassMetrics[];
  /** Rows = true class, columns = predicted class, in `labels` order. Weighted if weights were given. */
  confusion_matrix?: { labels: string[]; matrix: number[][] };
  curves: EvaluationCurves;
  /** Bootstrap percentile intervals for the headline metrics. */
  ci: Record<string, [number, number]>;
  bootstrap?: { n: number; seed: number; confidence: number };
  model: ModelCard;
  dataset: DatasetSummary;
  /** How the model output was read: which output, and as what. */
  output: { name: string; kind: OutputKind; detected: boolean };
  warnings: string[];
  /** Set when only a cohort's rows were evaluated: `n_rows` above counts those rows, `n_total` all rows read. */
  cohort?: { name: string; expression: string; n_rows: number; n_total: number };
  /** Set for image datasets: how images were read and preprocessed, and the gallery. */
  images?: ImageEvaluationInfo;
  /** Tabular datasets: a few rows worth a closer look (absent in results saved before it existed). */
  rows_to_inspect?: RowsToInspect;
  /** ISO timestamp and Posthoc version, for the report footer. */
  created: string;
  posthoc_version: string;
}

/** A classification mistake: the true and predicted class, and how sure the model was of each. */
export interface MistakeRow {
  /** 0-based data row in the file, the numbering of `posthoc explain --rows`. */
  row: number;
  true: string;
  predicted: string;
  /** Probability of the predicted class; absent for models that output labels only. */
  confidence?: number;
  /** Probability of the true class; absent for models that output labels only. */
  true_confidence?: number;
}

/** A regression row with one of the largest absolute residuals (residual = true − predicted). */
export interface ResidualRow {
  /** 0-based data row in the file, the numbering of `posthoc explain --rows`. */
  row: number;
  true: number;
  predicted: number;
  residual: number;
}

/**
 * The rows of an evaluation worth inspecting one by one: classifiers' most confident mistakes
 * (label-only models: the first mistakes in file order), regressors' largest absolute residuals.
 */
export type RowsToInspect =
  | { kind: 'confident_mistakes'; limit: number; n_mistakes: number; rows: MistakeRow[] }
  | { kind: 'largest_residuals'; limit: number; rows: ResidualRow[] };

/** The image part of an evaluation on an image dataset. */
export interface ImageEvaluationInfo {
  /** 'folder': ImageFolder layout (classes = sorted subfolders); 'listing': CSV/JSONL of paths and labels. */
  dataset_kind: 'folder' | 'listing';
  /** The model input the images were fed to. */
  input: string;
  /** The complete preprocessing used: save it and pass it back with --preprocess to repeat the run. */
  preprocess: PreprocessSpec;
  /** Worker threads that decoded the images (0: the evaluating thread); absent in older results. */
  decode_workers?: number;
  gallery: ImageGallery;
}
