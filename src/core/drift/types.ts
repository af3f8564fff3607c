/**
 * Options and results of {@link detectDrift}: the contract of `posthoc drift --json` and of the
 * VS Code command "Posthoc: Compare Datasets for Drift".
 */
import type { Task } from '../evaluate/types';

/** The drift tests a column can get. */
export type DriftTestName = 'ks' | 'chi2' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi' | 'kl';

/** Every test name, in the order the CLI lists them. */
export const DRIFT_TESTS: readonly DriftTestName[] = ['ks', 'chi2', 'z', 'wasserstein', 'jensenshannon', 'psi', 'kl'];

/** Tests that give a p-value (drift when p < threshold); the others give a distance (drift when ≥ threshold). */
export const P_VALUE_TESTS: ReadonlySet<DriftTestName> = new Set(['ks', 'chi2', 'z']);

/** How a column is compared. */
export type ColumnType = 'numeric' | 'categorical' | 'binary';

/** What {@link detectDrift} compares. */
export interface DriftOptions {
  /** Reference dataset (CSV/TSV/Parquet/JSONL), or a serving log (detected from its lines). */
  reference: string;
  /** Current dataset, or a `posthoc serve --log` request log (JSON Lines). */
  current: string;
  /** Columns to compare; default: every column both datasets have. */
  columns?: string[];
  /** One test for every column; default 'auto' (chosen per column by size and type). */
  test?: DriftTestName | 'auto';
  /** Drift threshold for every column; default 0.05 for p-values, 0.1 for distances. */
  threshold?: number;
  /** Dataset drift when at least this share of columns drifted (default 0.5). */
  driftShare?: number;
  /** ONNX model: compare its predictions on both datasets too. */
  model?: string;
  /** Names of a serving log's flattened features, and the model's feature columns in order. */
  features?: string[];
  /** Model task; default: from the model's outputs. */
  task?: Task;
  /** How to read `current`; default 'auto' (a JSONL file whose lines have `inputs` is a serving log). */
  currentFormat?: 'auto' | 'table' | 'serve-log';
  /** Read at most this many rows of each dataset (0 or undefined: all). */
  maxRows?: number;
}

/** Hooks of a long run. */
export interface DriftHooks {
  signal?: AbortSignal;
  onProgress?: (message: string, fraction?: number) => void;
}

/** Reference and current distributions of a column, for the overlay charts. */
export interface DistributionData {
  kind: 'histogram' | 'categories';
  /** Bin labels ("[0.5, 1)") or category names, in display order. */
  labels: string[];
  /** Bin edges (histogram only): labels.length + 1 numbers. */
  edges?: number[];
  /** Shares of the non-missing values, 0..1. */
  reference: number[];
  current: number[];
  /** Categories beyond the shown ones, lumped together (categories only). */
  other?: { reference: number; current: number };
}

/** The drift verdict of one column. */
export interface ColumnDrift {
  column: string;
  type: ColumnType;
  test: DriftTestName;
  statistic: number;
  /** For ks, chi2 and z; null otherwise. */
  p_value: number | null;
  threshold: number;
  drift: boolean;
  /** The number compared with the threshold: the p-value or the distance. */
  score: number;
  /** Non-missing values compared. */
  n_reference: number;
  n_current: number;
  /** KS only: 'exact' or 'asymp', the null distribution used. */
  method?: string;
  /** Why the chosen test differs from the requested one, and similar remarks. */
  note?: string;
  distribution: DistributionData;
}

/** Data quality of one column. */
export interface ColumnQuality {
  column: string;
  type: ColumnType;
  missing_reference: number;
  missing_reference_share: number;
  missing_current: number;
  missing_current_share: number;
  /** Categorical columns: categories in current the reference never had (first 20). */
  new_categories?: string[];
  /** Categorical columns: how many distinct new categories, and current rows holding one. */
  new_category_count?: number;
  new_category_rows?: number;
  /** Numeric columns: the reference's range and current values outside it. */
  reference_min?: number;
  reference_max?: number;
  out_of_range?: number;
  out_of_range_share?: number;
}

/** A dataset as read. */
export interface DriftDatasetInfo {
  path: string;
  format: 'table' | 'serve-log';
  n_rows: number;
  n_columns: number;
  /** Serving logs: lines left out (failed requests, truncated or absent data). */
  skipped_lines?: number;
}

/** Prediction drift: the model's outputs on both datasets, compared like columns. */
export interface PredictionDrift {
  model: string;
  task: Task;
  output: string;
  columns: ColumnDrift[];
  drift: boolean;
}

/** Everything {@link detectDrift} found. */
export interface DriftResult {
  kind: 'drift';
  posthoc_version: string;
  created: string;
  reference: DriftDatasetInfo;
  current: DriftDatasetInfo;
  test: DriftTestName | 'auto';
  drift_share_threshold: number;
  columns: ColumnDrift[];
  n_columns: number;
  n_drifted: number;
  share_drifted: number;
  dataset_drift: boolean;
  quality: ColumnQuality[];
  prediction?: PredictionDrift;
  notes: string[];
  elapsed_ms: number;
}
