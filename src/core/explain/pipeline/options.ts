/**
 * What `posthoc explain` is asked to do, every default in one place, and the shape of what it
 * returns: the method's JSON result plus the context it was computed in.
 */
import type { OutputKind, Task } from '../../evaluate/types';
import type { AleResult, AnchorsResult, AttributionResult, ExplainSpace, LimeResult, PdpResult, PermutationResult } from '../types';

/** The explanation methods, as named on the command line. */
export const EXPLAIN_METHODS = ['permutation', 'kernel-shap', 'tree-shap', 'lime', 'anchors', 'pdp', 'ale'] as const;
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

/** Methods that work with any model (everything but tree-shap). */
export const MODEL_AGNOSTIC_METHODS: readonly ExplainMethod[] = EXPLAIN_METHODS.filter((m) => m !== 'tree-shap');

/** Methods that explain individual rows (--rows applies). */
export const LOCAL_METHODS: readonly ExplainMethod[] = ['kernel-shap', 'tree-shap', 'lime', 'anchors'];

/** Spaces a user can ask for; 'value' is what regression models are explained in. */
export type RequestedSpace = 'probability' | 'logit' | 'margin';

/**
 * Background rows for SHAP (and the sampling data of LIME/Anchors when a file is given):
 * a seeded sample of N data rows, a k-means summary of the data, or every row of another file.
 */
export type BackgroundSpec = { kind: 'sample'; n: number } | { kind: 'kmeans'; k: number } | { kind: 'file'; path: string };

/** Options of {@link explain}. Paths are files; everything else has a default. */
export interface ExplainOptions {
  /** Model file: .onnx, or a tree model (XGBoost .json, LightGBM .txt). */
  model: string;
  /** Dataset (.csv, .tsv, .parquet, .jsonl) with the feature columns (and the label, if any). */
  data: string;
  method: ExplainMethod;
  /** Label column; needed by permutation, guessed (target/label/y/class) when absent. */
  label?: string;
  /** Feature columns in the model's order; default: every non-label column (tree files: their feature names when present). */
  features?: string[];
  /** 0-based data-row indices to explain (local methods); default the first 10 rows. */
  rows?: number[];
  background?: BackgroundSpec;
  /** kernel-shap: coalitions; lime: perturbations per row; anchors: samples per rule at most. */
  samples?: number;
  /** The explained class (a class name); default the positive (second) class for binary, the first for multiclass. */
  class?: string;
  space?: RequestedSpace;
  /** pdp/ale: features to plot; 'a:b' asks for a 2-D PDP of a and b. Default: the 3 features most correlated with the output. */
  featuresOfInterest?: string[];
  seed?: number;
  /** permutation: metric name produced by the metrics module; default roc_auc / accuracy / r2. */
  metric?: string;
  /** permutation: shuffles per feature (default 5). */
  repeats?: number;
  /** tree-shap: interventional (against the background, default) or path-dependent (node covers). */
  treeShap?: 'interventional' | 'path';
  /** pdp: grid points per feature; ale: bins (default 20). */
  grid?: number;
  task?: Task;
  /** ONNX output to read and how (as in evaluate). */
  output?: string;
  outputKind?: OutputKind;
  /** Read at most this many data rows (0: all). */
  maxRows?: number;
  /**
   * Explain only the data rows of this cohort (a filter over dataset columns, see src/core/cohorts);
   * `rows` and row numbers in the result then index the cohort's rows, 0 being its first.
   */
  cohort?: { name: string; expression: string };
}

export const EXPLAIN_DEFAULTS = {
  rows: 10,
  background: { kind: 'sample', n: 100 } as BackgroundSpec,
  seed: 0,
  repeats: 5,
  grid: 20,
  limeSamples: 5000,
  anchorsSamples: 2000,
  featuresOfInterest: 3,
  /** Rows per onnxruntime call: explanations send large synthetic batches. */
  batchSize: 65_536,
  maxRows: 0,
} as const;

/** Progress and cancellation, as for evaluate. */
export interface ExplainHooks {
  signal?: AbortSignal;
  onProgress?: (message: string, fraction?: number) => void;
}

/** PD/ICE results for each feature (or pair) of interest. */
export interface PdpSetResult {
  method: 'pdp';
  class: string;
  space: ExplainSpace;
  results: PdpResult[];
}

/** ALE results for each feature of interest. */
export interface AleSetResult {
  method: 'ale';
  class: string;
  space: ExplainSpace;
  results: AleResult[];
}

/** The method's result: the JSON contract of `posthoc explain --json` (plus `context`). */
export type Explanation = AttributionResult | PermutationResult | LimeResult | AnchorsResult | PdpSetResult | AleSetResult;

/** Where and how an explanation was computed, for the report and the JSON `context` key. */
export interface ExplainContext {
  method: ExplainMethod;
  model: { path: string; file_name: string; format: 'onnx' | 'xgboost' | 'lightgbm' };
  /** `n_rows` counts the rows explained over: the cohort's, when there is one. */
  data: { path: string; n_rows: number; label?: string; features: string[] };
  /** The cohort the data was filtered to, and how many of the file's rows it kept. */
  cohort?: { name: string; expression: string; n_rows: number; n_total: number };
  task: Task;
  classes?: string[];
  /** The explained output (class name, or the regression target). */
  class: string;
  space: ExplainSpace;
  /** Data rows explained (local methods). */
  rows?: number[];
  background?: { kind: BackgroundSpec['kind']; rows: number; source: string };
  seed: number;
  samples?: number;
  metric?: string;
  elapsed_ms: number;
  /** Things the user should know: defaults chosen for them, approximations, skipped inputs. */
  notes: string[];
  created: string;
  posthoc_version: string;
}

/** What {@link explain} returns. */
export interface ExplainResult {
  explanation: Explanation;
  context: ExplainContext;
}
