/** What an error analysis is asked to do (defaults in one place) and what it returns. */
import type { ModelCard, OutputKind, Task } from '../evaluate/types';

/** Options of {@link analyzeErrors}. */
export interface ErrorAnalysisOptions {
  /** Path of the model file (.onnx). */
  model: string;
  /** Path of the labelled dataset (.csv, .tsv, .parquet, .jsonl). */
  data: string;
  /** Label column; guessed from target/label/y/class when absent. */
  label?: string;
  /** Feature columns in the model's order; default: every other column. */
  features?: string[];
  /**
   * Columns the tree, heat map and slices look at; default: the model's features. May include
   * columns the model does not read (region, device, text metadata) — but not the label.
   */
  analysisFeatures?: string[];
  task?: Task;
  /** Decision threshold on P(positive) for binary classifiers. */
  threshold?: number;
  positiveClass?: string;
  output?: string;
  outputKind?: OutputKind;
  classes?: string[];
  /** Error tree depth limit (0: none). */
  maxDepth?: number;
  /** Error tree leaf limit, grown best-first (0: none, grown depth-first). */
  maxLeaves?: number;
  /** Minimum rows per tree leaf. */
  minLeaf?: number;
  /** Regression: a row is an error when its absolute error exceeds this quantile of all of them. */
  errorQuantile?: number;
  /** One or two features for the heat map; default: the tree's two most important features. */
  heatmapFeatures?: string[];
  /** Quantile bins per numeric feature in the heat map. */
  heatmapBins?: number;
  /** Quantile bins per numeric feature in the slice finder. */
  sliceBins?: number;
  /** Smallest slice (rows) the slice finder tests. */
  minSliceSize?: number;
  /** Also test slices of two predicates on different features. */
  slicePairs?: boolean;
  /** False discovery rate for the Benjamini–Hochberg cut. */
  alpha?: number;
  /** Slices listed at most. */
  maxSlices?: number;
  /** Ranking of slices: Cohen's h or the plain error-rate difference. */
  effect?: 'cohen_h' | 'difference';
  maxRows?: number;
  batchSize?: number;
}

export const ERROR_ANALYSIS_DEFAULTS = {
  maxDepth: 3,
  maxLeaves: 31,
  minLeaf: 20,
  errorQuantile: 0.9,
  heatmapBins: 5,
  sliceBins: 5,
  minSliceSize: 30,
  slicePairs: true,
  alpha: 0.05,
  maxSlices: 20,
  effect: 'cohen_h',
  threshold: 0.5,
  /** Categories kept per text feature (most frequent first); the rest form "other". */
  maxCategories: 20,
  maxRows: 0,
  batchSize: 4096,
} as const;

/** A tree split, in terms of the original feature. */
export interface ErrorTreeSplit {
  feature: string;
  /** numeric: `feature <= threshold` goes left; category: `feature != category` goes left. */
  kind: 'numeric' | 'category';
  threshold?: number;
  category?: string;
}

/** One node of the error tree. */
export interface ErrorTreeNode {
  id: number;
  parent: number | null;
  depth: number;
  /** The conditions from the root to this node, for people (numbers shortened). */
  rule: string[];
  /** The same path as an exact cohort expression (`age <= 30.5 and income > 52000`); '' for the root. */
  cohort: string;
  size: number;
  errors: number;
  error_rate: number;
  /** This node's share of all errors. */
  error_coverage: number;
  gini: number;
  split?: ErrorTreeSplit;
  left?: number;
  right?: number;
}

export interface ErrorTree {
  growth: 'best-first' | 'depth-first';
  max_depth: number | null;
  max_leaves: number | null;
  min_leaf: number;
  nodes: ErrorTreeNode[];
  /** Total weighted impurity decrease per feature, largest first. */
  importance: { feature: string; decrease: number }[];
}

/** One cell of the heat map. */
export interface HeatmapCell {
  x: string;
  y?: string;
  size: number;
  errors: number;
  /** NaN (null in JSON) for an empty cell. */
  error_rate: number;
  cohort: string | null;
}

export interface ErrorHeatmap {
  features: string[];
  /** Bin labels per feature, in axis order. */
  bins: string[][];
  cells: HeatmapCell[];
}

/** A slice the finder reports. */
export interface ErrorSlice {
  /** One or two predicates, for people. */
  predicates: string[];
  /** Exact cohort expression, or null when a predicate is "other categories". */
  cohort: string | null;
  features: string[];
  size: number;
  errors: number;
  error_rate: number;
  rest_error_rate: number;
  difference: number;
  cohen_h: number;
  p_value: number;
  /** Benjamini–Hochberg adjusted p-value over every slice tested. */
  q_value: number;
  test: 'z' | 'fisher';
}

export interface SliceFinding {
  n_tested: number;
  alpha: number;
  effect: 'cohen_h' | 'difference';
  min_size: number;
  slices: ErrorSlice[];
}

export interface FeatureEncoding {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Categories given a one-hot column (categorical only). */
  categories?: string[];
}

/** Everything {@link analyzeErrors} found. */
export interface ErrorAnalysisResult {
  task: Task;
  n_rows: number;
  n_errors: number;
  error_rate: number;
  /** What counts as an error, in words. */
  error_definition: string;
  classes?: string[];
  positive_class?: string;
  threshold?: number;
  /** Regression: the absolute-error cut and its quantile. */
  error_threshold?: number;
  error_quantile?: number;
  features: FeatureEncoding[];
  tree: ErrorTree;
  heatmap?: ErrorHeatmap;
  slices: SliceFinding;
  model: ModelCard;
  dataset: { path: string; n_rows: number; label: string; features: string[]; analysis_features: string[] };
  output: { name: string; kind: OutputKind };
  warnings: string[];
  elapsed_ms: number;
  created: string;
  posthoc_version: string;
}
