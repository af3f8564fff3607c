/**
 * Shared shapes of the explanation methods: the model as a batch prediction function, and the
 * JSON results of `posthoc explain` (keys are snake_case because they are written to JSON).
 */

/**
 * Predicts a batch: `x` is row-major nRows × nFeatures (float64; NaN = missing); the result is
 * row-major nRows × nOutputs in the space being explained (e.g. P(class) or a margin).
 */
export type PredictFn = (x: Float64Array, nRows: number, signal?: AbortSignal) => Promise<Float64Array>;

/** A model seen as a function of its feature vector, for model-agnostic methods. */
export interface ExplainableModel {
  featureNames: string[];
  /** Names of the outputs `predict` returns (class names, or one name for regression). */
  outputNames: string[];
  predict: PredictFn;
}

/** Output space of attributions. */
export type ExplainSpace = 'probability' | 'logit' | 'margin' | 'value';

/** SHAP-style attributions: for each explained row, base value + Σ values = model output. */
export interface AttributionResult {
  method: 'kernel-shap' | 'tree-shap' | 'tree-shap-path' | 'exact-shap';
  feature_names: string[];
  /** The explained output (class name), or the regression target name. */
  class: string;
  space: ExplainSpace;
  /** Data-row indices explained, in order. */
  rows: number[];
  base_values: number[];
  /** values[row][feature]. */
  values: number[][];
  /** The feature values of the explained rows, for plots (beeswarm colour, waterfall labels). */
  data: (number | string | null)[][];
  /** Model outputs of the explained rows in `space` (base + Σ values up to the method's error). */
  outputs: number[];
}

export interface PermutationImportance {
  feature: string;
  mean: number;
  std: number;
  values: number[];
}

export interface PermutationResult {
  method: 'permutation';
  metric: string;
  /** Metric on the unpermuted data. */
  baseline: number;
  n_repeats: number;
  /** Sorted by mean importance, largest first. */
  importances: PermutationImportance[];
}

export interface LimeResult {
  method: 'lime';
  feature_names: string[];
  class: string;
  rows: number[];
  /** weights[row][feature] of the local surrogate. */
  weights: number[][];
  intercept: number[];
  /** Local fidelity (weighted R²) of each surrogate. */
  score: number[];
  /** Human-readable feature conditions for discretised runs, e.g. "age <= 40". */
  conditions?: string[][];
}

export interface AnchorExplanation {
  row: number;
  /** Predicates, e.g. "income > 52000", joined by AND. */
  rule: string[];
  precision: number;
  coverage: number;
  /** The class the anchor holds for. */
  prediction: string;
  covered_examples: (number | string | null)[][];
  uncovered_examples: (number | string | null)[][];
}

export interface AnchorsResult {
  method: 'anchors';
  feature_names: string[];
  anchors: AnchorExplanation[];
}

/** Partial dependence (mean) with ICE lines for one feature, or a 2-D grid for two. */
export interface PdpResult {
  method: 'pdp';
  features: string[];
  class: string;
  /** Grid values per feature (from quantiles). */
  grid: number[][];
  /** Mean prediction at each grid point (1-D: [g]; 2-D: [g1][g2] flattened row-major). */
  average: number[];
  /** ICE: one line per sampled row (1-D only). */
  ice?: number[][];
}

export interface AleResult {
  method: 'ale';
  feature: string;
  class: string;
  /** Bin edges (quantiles) and the centred accumulated local effect at each edge. */
  edges: number[];
  effect: number[];
}
