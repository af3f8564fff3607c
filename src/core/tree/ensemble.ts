/**
 * One in-memory shape for tree ensembles from any format (ONNX-ML, XGBoost JSON, LightGBM text):
 * every node of every tree in flat typed arrays, so prediction and TreeSHAP walk memory without
 * objects. Loaders fill a {@link TreeEnsembleBuilder}; everything else reads {@link TreeEnsemble}.
 */
import { ModelError } from '../errors';

/** How a split compares `x` with its threshold; "true" sends the row to `left`. */
export const SplitMode = {
  LEQ: 0,
  LT: 1,
  GTE: 2,
  GT: 3,
  EQ: 4,
  NEQ: 5,
  /** LightGBM's zero-as-missing: |x| <= 1e-35 (and NaN) take the default side, else x <= t. */
  LEQ_ZERO_MISSING: 6,
} as const;
export type SplitMode = (typeof SplitMode)[keyof typeof SplitMode];

/** Marks a leaf in {@link TreeEnsemble.feature}. */
export const LEAF = -1;

/** Transform from margins to predictions. LOGISTIC..PROBIT are ONNX's; EXP serves Poisson/Gamma/Tweedie models. */
export type PostTransform = 'NONE' | 'LOGISTIC' | 'SOFTMAX' | 'SOFTMAX_ZERO' | 'PROBIT' | 'EXP';

export type TreeFormat = 'onnx' | 'xgboost' | 'lightgbm';

/** A tree ensemble: margin(x)[k] = baseValues[k] + Σ_trees leafValue(tree, x)[k]. */
export interface TreeEnsemble {
  readonly format: TreeFormat;
  readonly nFeatures: number;
  readonly featureNames: string[];
  /** Margin columns (1 for regression and binary models with one score, else one per class). */
  readonly nOutputs: number;
  /** Class labels for classifiers (2 for a binary model even when nOutputs is 1). */
  readonly classLabels?: string[];
  readonly baseValues: Float64Array;
  readonly postTransform: PostTransform;
  /** Scale inside LOGISTIC: p = 1 / (1 + exp(-scale · margin)) (LightGBM's `sigmoid:`); default 1. */
  readonly logisticScale: number;
  /**
   * Binary one-score classifiers without a transform: class 0 gets 1 − s ('one-minus', onnxruntime's
   * rule when every weight is ≥ 0, i.e. the score is a probability) or −s ('negate').
   */
  readonly binaryComplement: 'one-minus' | 'negate';
  /** XGBoost and ONNX float models compare in float32: inputs are rounded with Math.fround first. */
  readonly float32Inputs: boolean;
  readonly nTrees: number;
  readonly nNodes: number;
  /** Global index of each tree's root. */
  readonly roots: Int32Array;
  /** Per node: split feature, or {@link LEAF}. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** Per node: global index of the child taken when the comparison holds ("true"/left) or not. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Per node: 1 when NaN (missing) goes left. */
  readonly missingLeft: Uint8Array;
  readonly mode: Uint8Array;
  /** nNodes × nOutputs leaf values (0 for internal nodes). */
  readonly values: Float64Array;
  /** Per node: training cover (hessian sum or sample count), or undefined when the file has none. */
  readonly cover?: Float64Array;
  /** Per tree: bit k set when the tree has a non-zero leaf for output k (k < 31), to skip trees in SHAP. */
  readonly treeOutputs: Int32Array;
  /** Deepest root-to-leaf path, in splits. */
  readonly maxDepth: number;
}

/** One tree as a loader reads it: local node indices 0..n-1, root 0 unless `root` says otherwise. */
export interface TreeSpec {
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  missingLeft: ArrayLike<number | boolean>;
  /** One mode for all nodes, or per node. */
  mode: SplitMode | ArrayLike<number>;
  /** Leaf values: nNodes × nOutputs. */
  values: Float64Array;
  cover?: ArrayLike<number>;
  root?: number;
}

/** Header fields of a {@link TreeEnsemble}. */
export interface EnsembleHeader {
  format: TreeFormat;
  nFeatures: number;
  featureNames?: string[];
  nOutputs: number;
  classLabels?: string[];
  baseValues?: ArrayLike<number>;
  postTransform: PostTransform;
  logisticScale?: number;
  binaryComplement?: 'one-minus' | 'negate';
  float32Inputs: boolean;
}

/** Packs trees into the flat arrays of a {@link TreeEnsemble}, checking the structure as it goes. */
export function buildEnsemble(header: EnsembleHeader, trees: TreeSpec[], source: string): TreeEnsemble {
  const nOut = header.nOutputs;
  if (trees.length === 0) throw new ModelError(`${source} holds no trees.`);
  let nNodes = 0;
  for (const t of trees) nNodes += t.feature.length;
  const roots = new Int32Array(trees.length);
  const feature = new Int32Array(nNodes);
  const threshold = new Float64Array(nNodes);
  const left = new Int32Array(nNodes);
  const right = new Int32Array(nNodes);
  const missingLeft = new Uint8Array(nNodes);
  const mode = new Uint8Array(nNodes);
  const values = new Float64Array(nNodes * nOut);
  const hasCover = trees.every((t) => t.cover !== undefined);
  const cover = hasCover ? new Float64Array(nNodes) : undefined;
  const treeOutputs = new Int32Array(trees.length);
  let offset = 0;
  let maxDepth = 0;
  trees.forEach((t, ti) => {
    const n = t.feature.length;
    if (t.values.length !== n * nOut) throw new ModelError(`${source}: tree ${ti} has ${t.values.length} leaf values for ${n} nodes × ${nOut} outputs.`);
    const root = t.root ?? 0;
    roots[ti] = offset + root;
    for (let i = 0; i < n; i++) {
      const g = offset + i;
      const f = t.feature[i];
      feature[g] = f;
      if (f === LEAF) {
        left[g] = right[g] = -1;
        for (let k = 0; k < nOut; k++) {
          const v = t.values[i * nOut + k];
          values[g * nOut + k] = v;
          if (v !== 0 && k < 31) treeOutputs[ti] |= 1 << k;
        }
      } else {
        if (f < 0 || f >= header.nFeatures) throw new ModelError(`${source}: tree ${ti} splits on feature ${f}, but the model has ${header.nFeatures} features.`);
        const l = t.left[i];
        const r = t.right[i];
        if (!(l >= 0 && l < n && r >= 0 && r < n)) throw new ModelError(`${source}: tree ${ti} node ${i} points to a child outside the tree.`);
        left[g] = offset + l;
        right[g] = offset + r;
        threshold[g] = t.threshold[i];
        missingLeft[g] = t.missingLeft[i] ? 1 : 0;
        mode[g] = typeof t.mode === 'number' ? t.mode : t.mode[i];
      }
      if (cover) cover[g] = t.cover![i];
    }
    if (nOut > 31) treeOutputs[ti] = -1;
    maxDepth = Math.max(maxDepth, treeDepth(feature, left, right, roots[ti], n, source, ti));
    offset += n;
  });
  const baseValues = new Float64Array(nOut);
  if (header.baseValues) baseValues.set(Array.from(header.baseValues).slice(0, nOut));
  return {
    format: header.format, nFeatures: header.nFeatures,
    featureNames: header.featureNames ?? Array.from({ length: header.nFeatures }, (_, i) => `f${i}`),
    nOutputs: nOut, classLabels: header.classLabels, baseValues, postTransform: header.postTransform,
    logisticScale: header.logisticScale ?? 1, binaryComplement: header.binaryComplement ?? 'negate', float32Inputs: header.float32Inputs,
    nTrees: trees.length, nNodes, roots, feature, threshold, left, right, missingLeft, mode, values, cover, treeOutputs, maxDepth,
  };
}

/** Depth of a tree by an explicit stack; rejects cycles (a node visited twice). */
function treeDepth(feature: Int32Array, left: Int32Array, right: Int32Array, root: number, n: number, source: string, ti: number): number {
  const stack = [root];
  const depth = [0];
  let max = 0;
  let visited = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const d = depth.pop()!;
    if (++visited > n) throw new ModelError(`${source}: tree ${ti} is not a tree (a node is reached twice).`);
    if (feature[node] === LEAF) {
      if (d > max) max = d;
      continue;
    }
    stack.push(left[node], right[node]);
    depth.push(d + 1, d + 1);
  }
  return max;
}

/** True when row value `x` goes to the left ("true") child of `node`. NaN follows missingLeft. */
export function goesLeft(e: TreeEnsemble, node: number, x: number): boolean {
  if (x !== x) return e.missingLeft[node] === 1;
  const t = e.threshold[node];
  switch (e.mode[node]) {
    case SplitMode.LEQ: return x <= t;
    case SplitMode.LT: return x < t;
    case SplitMode.GTE: return x >= t;
    case SplitMode.GT: return x > t;
    case SplitMode.EQ: return x === t;
    case SplitMode.NEQ: return x !== t;
    default: return Math.abs(x) <= 1e-35 ? e.missingLeft[node] === 1 : x <= t;
  }
}

/** The rows as the model compares them: float32-rounded for float32 models, else `x` itself. */
export function modelInputs(e: TreeEnsemble, x: Float64Array): Float64Array {
  return e.float32Inputs ? Float64Array.from(Float32Array.from(x)) : x;
}

/** Leaf reached by row `x` (offset `base` in a row-major matrix) from `root`. Inputs already from {@link modelInputs}. */
export function leafOf(e: TreeEnsemble, root: number, x: Float64Array, base: number): number {
  const { feature, left, right } = e;
  let node = root;
  while (feature[node] !== LEAF) node = goesLeft(e, node, x[base + feature[node]]) ? left[node] : right[node];
  return node;
}

function checkShape(e: TreeEnsemble, x: Float64Array, nRows: number): void {
  if (x.length !== nRows * e.nFeatures) throw new ModelError(`Expected ${nRows} rows × ${e.nFeatures} features (${nRows * e.nFeatures} values), got ${x.length} values.`);
}

/** Raw margins: row-major nRows × nOutputs (base values + sum of leaf values). `x` is row-major nRows × nFeatures, NaN = missing. */
export function predictMargin(e: TreeEnsemble, x: Float64Array, nRows: number): Float64Array {
  checkShape(e, x, nRows);
  const xs = modelInputs(e, x);
  const nOut = e.nOutputs;
  const nF = e.nFeatures;
  const out = new Float64Array(nRows * nOut);
  const { roots, values } = e;
  for (let r = 0; r < nRows; r++) {
    const o = r * nOut;
    for (let k = 0; k < nOut; k++) out[o + k] = e.baseValues[k];
    for (let t = 0; t < roots.length; t++) {
      const leaf = leafOf(e, roots[t], xs, r * nF) * nOut;
      for (let k = 0; k < nOut; k++) out[o + k] += values[leaf + k];
    }
  }
  return out;
}

/** Columns of {@link predict}: 2 for a binary classifier with one margin column, else nOutputs. */
export function predictionWidth(e: TreeEnsemble): number {
  return e.nOutputs === 1 && e.classLabels?.length === 2 ? 2 : e.nOutputs;
}

/** Predictions: margins through the post-transform; binary one-score classifiers get [P(class 0), P(class 1)]. */
export function predict(e: TreeEnsemble, x: Float64Array, nRows: number): Float64Array {
  return applyPostTransform(e, predictMargin(e, x, nRows), nRows);
}

/** Applies the ensemble's post-transform to row-major margins (see {@link predict}). */
export function applyPostTransform(e: TreeEnsemble, margin: Float64Array, nRows: number): Float64Array {
  const nOut = e.nOutputs;
  const width = predictionWidth(e);
  const out = new Float64Array(nRows * width);
  const s = e.logisticScale;
  for (let r = 0; r < nRows; r++) {
    const m = margin.subarray(r * nOut, r * nOut + nOut);
    const o = out.subarray(r * width, r * width + width);
    switch (e.postTransform) {
      case 'LOGISTIC': for (let k = 0; k < nOut; k++) o[k] = sigmoid(s * m[k]); break;
      case 'SOFTMAX': softmax(m, o, false); break;
      case 'SOFTMAX_ZERO': softmax(m, o, true); break;
      case 'PROBIT': for (let k = 0; k < nOut; k++) o[k] = probit(m[k]); break;
      case 'EXP': for (let k = 0; k < nOut; k++) o[k] = Math.exp(m[k]); break;
      default: o.set(m);
    }
    if (width === 2 && nOut === 1) {
      // onnxruntime's binary convention: the one score is class 1's; class 0 gets its complement.
      const v = o[0];
      o[1] = v;
      if (e.postTransform === 'LOGISTIC') o[0] = sigmoid(-s * m[0]);
      else if (e.postTransform === 'NONE' && e.binaryComplement === 'one-minus') o[0] = 1 - v;
      else o[0] = -v;
    }
  }
  return out;
}

function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

function softmax(m: Float64Array, o: Float64Array, keepZeros: boolean): void {
  let max = -Infinity;
  for (let k = 0; k < m.length; k++) if (!(keepZeros && m[k] === 0) && m[k] > max) max = m[k];
  let sum = 0;
  for (let k = 0; k < m.length; k++) {
    o[k] = keepZeros && m[k] === 0 ? 0 : Math.exp(m[k] - max);
    sum += o[k];
  }
  for (let k = 0; k < m.length; k++) o[k] = sum > 0 ? o[k] / sum : 0;
}

/** ONNX PROBIT: √2 · erfinv(2v − 1), with Winitzki's closed-form erfinv (as onnxruntime approximates it). */
function probit(v: number): number {
  const x = 2 * v - 1;
  const sign = x < 0 ? -1 : 1;
  const ln = Math.log((1 - x) * (1 + x));
  const a = 0.147;
  const t = 2 / (Math.PI * a) + ln / 2;
  return Math.SQRT2 * sign * Math.sqrt(Math.sqrt(t * t - ln / a) - t);
}
