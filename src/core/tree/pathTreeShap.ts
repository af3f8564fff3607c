/**
 * Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): exact Shapley values of
 * v(S) = E[f(x) | x_S], where the expectation follows x on features in S and splits by the
 * training covers elsewhere. One walk per (row, tree) keeps the "unique path" of features met
 * so far, with for each the fraction of zero-paths (cover ratio) and one-paths (x's branch)
 * flowing through it and the permutation weights; EXTEND adds a feature, UNWIND removes one,
 * and at each leaf the weight of every feature comes from the path with it unwound.
 * Cost O(T · L · D²) per row. This is what XGBoost's pred_contribs and LightGBM's
 * pred_contrib compute, and the result equals theirs.
 */
import { ModelError } from '../errors';
import { goesLeft, LEAF, modelInputs, type TreeEnsemble } from './ensemble';
import { checkOutputIndex, forEachRow, type TreeShapOptions, type TreeShapValues } from './shapResult';

/**
 * Path-dependent SHAP values of the margin of `outputIndex` for row-major `x` (nRows × nFeatures,
 * NaN = missing). Needs node covers (XGBoost, LightGBM, or ONNX files with nodes_hitrates).
 */
export async function pathTreeShap(e: TreeEnsemble, x: Float64Array, nRows: number, opts: TreeShapOptions = {}): Promise<TreeShapValues> {
  const k = checkOutputIndex(e, opts.outputIndex);
  if (!e.cover) {
    throw new ModelError('This model file has no node covers (training sample counts), which path-dependent TreeSHAP needs. Use interventional TreeSHAP with a background dataset instead.');
  }
  const m = e.nFeatures;
  if (x.length !== nRows * m) throw new ModelError(`Expected ${nRows} rows × ${m} features, got ${x.length} values.`);
  const xs = modelInputs(e, x);
  const walker = new PathWalker(e, k);
  const values = new Float64Array(nRows * m);
  const outputs = new Float64Array(nRows);
  const baseValue = expectedMargin(e, k);
  await forEachRow(nRows, opts, (r) => {
    outputs[r] = walker.explainRow(xs, r * m, values.subarray(r * m, r * m + m)) + e.baseValues[k];
  });
  return { method: 'tree-shap-path', nRows, nFeatures: m, outputIndex: k, values, baseValue, outputs };
}

/** Cover-weighted mean margin of output k: base value + Σ_trees Σ_leaves P(leaf) · value (the SHAP bias term). */
export function expectedMargin(e: TreeEnsemble, k: number): number {
  const { feature, left, right, values, nOutputs } = e;
  const cover = e.cover!;
  // Node means bottom-up by the children's covers, as XGBoost fills its node mean values.
  const mean = (node: number): number => {
    if (feature[node] === LEAF) return values[node * nOutputs + k];
    const l = left[node];
    const r = right[node];
    const c = cover[node];
    if (c === 0) return 0;
    return (cover[l] * mean(l) + cover[r] * mean(r)) / c;
  };
  let sum = e.baseValues[k];
  for (let t = 0; t < e.nTrees; t++) if (usesOutput(e, t, k)) sum += mean(e.roots[t]);
  return sum;
}

function usesOutput(e: TreeEnsemble, t: number, k: number): boolean {
  const bits = e.treeOutputs[t];
  return bits === -1 || k >= 31 || (bits & (1 << k)) !== 0;
}

/** The recursion's state: one path segment per depth in flat buffers, reused across rows and trees. */
class PathWalker {
  private readonly d: Int32Array;
  private readonly z: Float64Array;
  private readonly o: Float64Array;
  private readonly w: Float64Array;
  private readonly trees: number[] = [];
  private phi!: Float64Array;
  private x!: Float64Array;
  private base = 0;

  constructor(private readonly e: TreeEnsemble, private readonly k: number) {
    const size = (e.maxDepth + 2) * (e.maxDepth + 3);
    if (INV.length < e.maxDepth + 3) INV = reciprocals(e.maxDepth + 3);
    this.d = new Int32Array(size);
    this.z = new Float64Array(size);
    this.o = new Float64Array(size);
    this.w = new Float64Array(size);
    for (let t = 0; t < e.nTrees; t++) if (usesOutput(e, t, k)) this.trees.push(e.roots[t]);
  }

  /** Adds the row's SHAP values into `phi`; returns the sum of its leaf values (margin minus base). */
  explainRow(x: Float64Array, base: number, phi: Float64Array): number {
    this.x = x;
    this.base = base;
    this.phi = phi;
    let margin = 0;
    const { feature, left, right, values, nOutputs } = this.e;
    for (const root of this.trees) {
      this.recurse(root, 0, 0, 1, 1, -1);
      let node = root;
      while (feature[node] !== LEAF) node = goesLeft(this.e, node, x[base + feature[node]]) ? left[node] : right[node];
      margin += values[node * nOutputs + this.k];
    }
    return margin;
  }

  /**
   * Visits `node` with the parent's path of `len` elements at `parentStart`, extended by feature
   * `pI` with zero fraction `pZ` and one fraction `pO`.
   */
  private recurse(node: number, parentStart: number, len: number, pZ: number, pO: number, pI: number): void {
    const { d, z, o, w } = this;
    const e = this.e;
    const s = parentStart + len;
    // Copy the parent's path into this level's segment, then EXTEND it.
    // (Plain loops: copyWithin's call overhead dominates on paths this short.)
    for (let i = 0; i < len; i++) {
      d[s + i] = d[parentStart + i];
      z[s + i] = z[parentStart + i];
      o[s + i] = o[parentStart + i];
      w[s + i] = w[parentStart + i];
    }
    const l = len;
    d[s + l] = pI;
    z[s + l] = pZ;
    o[s + l] = pO;
    w[s + l] = l === 0 ? 1 : 0;
    const oScaled = pO * INV[l + 1];
    const zScaled = pZ * INV[l + 1];
    for (let i = l - 1; i >= 0; i--) {
      w[s + i + 1] += oScaled * w[s + i] * (i + 1);
      w[s + i] = zScaled * w[s + i] * (l - i);
    }
    let last = l; // index of the last path element

    const f = e.feature[node];
    if (f === LEAF) {
      const v = e.values[node * e.nOutputs + this.k];
      if (v === 0) return;
      for (let i = 1; i <= last; i++) {
        const scale = unwoundSum(w, s, last, o[s + i], z[s + i]);
        this.phi[d[s + i]] += scale * (o[s + i] - z[s + i]) * v;
      }
      return;
    }
    const xv = this.x[this.base + f];
    const goLeft = goesLeft(e, node, xv);
    const hot = goLeft ? e.left[node] : e.right[node];
    const cold = goLeft ? e.right[node] : e.left[node];
    const cover = e.cover!;
    const c = cover[node];
    const hotZ = c > 0 ? cover[hot] / c : 0;
    const coldZ = c > 0 ? cover[cold] / c : 0;
    let iZ = 1;
    let iO = 1;
    // A feature met again on the path: undo its earlier entry and carry its fractions over.
    for (let i = 1; i <= last; i++) {
      if (d[s + i] === f) {
        iZ = z[s + i];
        iO = o[s + i];
        unwind(d, z, o, w, s, last, i);
        last--;
        break;
      }
    }
    this.recurse(hot, s, last + 1, iZ * hotZ, iO, f);
    this.recurse(cold, s, last + 1, iZ * coldZ, 0, f);
  }
}

/** Removes element i from the path at s with last index l (UNWIND). */
function unwind(d: Int32Array, z: Float64Array, o: Float64Array, w: Float64Array, s: number, l: number, i: number): void {
  const one = o[s + i];
  const zero = z[s + i];
  let next = w[s + l];
  for (let j = l - 1; j >= 0; j--) {
    if (one !== 0) {
      const t = w[s + j];
      w[s + j] = (next * (l + 1)) / ((j + 1) * one);
      next = t - (w[s + j] * zero * (l - j)) / (l + 1);
    } else {
      w[s + j] = (w[s + j] * (l + 1)) / (zero * (l - j));
    }
  }
  for (let j = i; j < l; j++) {
    d[s + j] = d[s + j + 1];
    z[s + j] = z[s + j + 1];
    o[s + j] = o[s + j + 1];
  }
}

/** Σ of the path weights after unwinding an element with fractions (one, zero), without changing the path. */
function unwoundSum(w: Float64Array, s: number, l: number, one: number, zero: number): number {
  let total = 0;
  // The divisions of the recurrence, as multiplications by precomputed reciprocals (hot loop).
  if (one !== 0) {
    const a = (l + 1) / one;
    const b = zero * INV[l + 1];
    let next = w[s + l];
    for (let j = l - 1; j >= 0; j--) {
      const t = next * a * INV[j + 1];
      total += t;
      next = w[s + j] - t * b * (l - j);
    }
  } else if (zero !== 0) {
    const a = (l + 1) / zero;
    for (let j = l - 1; j >= 0; j--) total += w[s + j] * a * INV[l - j];
  }
  return total;
}

/** INV[k] = 1 / k for path lengths up to any realistic tree depth (grown on demand). */
let INV = reciprocals(64);
function reciprocals(n: number): Float64Array {
  return Float64Array.from({ length: n + 1 }, (_, k) => (k === 0 ? 0 : 1 / k));
}
