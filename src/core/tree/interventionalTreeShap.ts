/**
 * Interventional TreeSHAP (Lundberg et al. 2020, "Independent Tree SHAP"): exact Shapley values
 * of v(S) = mean_z f(x_S, z_S̄) over a background set, in time linear in the tree per (x, z) pair.
 *
 * For one tree and one pair, a leaf is reached by the hybrid input exactly when every feature on
 * its path where x and z part ways comes from the side the path takes. Walking the tree, a split
 * where both go the same way costs nothing; where they part, the walk follows x (the feature
 * joins S_x) and z (it joins S_z), unless the feature was already met, which fixes the side.
 * A leaf with p features in S_x and q in S_z is a unanimity game on those p + q players, so each
 * j in S_x gets +v·(p−1)!q!/(p+q)! and each j in S_z gets −v·p!(q−1)!/(p+q)!. Averaging over
 * the background gives φ with base value mean_z f(z) + Σφ = f(x).
 */
import { ModelError } from '../errors';
import { goesLeft, LEAF, modelInputs, type TreeEnsemble } from './ensemble';
import { checkOutputIndex, forEachRow, type TreeShapOptions, type TreeShapValues } from './shapResult';

/**
 * Interventional SHAP values of the margin of `outputIndex` for the rows of `x` against the rows
 * of `background` (both row-major × nFeatures, NaN = missing). Cost O(nRows · nBackground · T · L · D).
 */
export async function interventionalTreeShap(
  e: TreeEnsemble, x: Float64Array, nRows: number, background: Float64Array, nBackground: number, opts: TreeShapOptions = {},
): Promise<TreeShapValues> {
  const k = checkOutputIndex(e, opts.outputIndex);
  const m = e.nFeatures;
  if (x.length !== nRows * m) throw new ModelError(`Expected ${nRows} rows × ${m} features, got ${x.length} values.`);
  if (nBackground < 1) throw new ModelError('Interventional TreeSHAP needs at least one background row.');
  if (background.length !== nBackground * m) throw new ModelError(`Expected ${nBackground} background rows × ${m} features, got ${background.length} values.`);
  const xs = modelInputs(e, x);
  const zs = modelInputs(e, background);
  const walker = new PairWalker(e, k);
  const values = new Float64Array(nRows * m);
  const outputs = new Float64Array(nRows);
  const baseValue = walker.meanMargin(zs, nBackground) + e.baseValues[k];
  await forEachRow(nRows, opts, (r) => {
    const phi = values.subarray(r * m, r * m + m);
    for (let b = 0; b < nBackground; b++) walker.explainPair(xs, r * m, zs, b * m, phi);
    for (let j = 0; j < m; j++) phi[j] /= nBackground;
    outputs[r] = walker.margin(xs, r * m) + e.baseValues[k];
  });
  return { method: 'tree-shap', nRows, nFeatures: m, outputIndex: k, values, baseValue, outputs };
}

class PairWalker {
  private readonly trees: number[] = [];
  /** coef[a·(D+1) + b] = a!·b!/(a+b+1)!, so the weight of j in S_x is coef(p−1, q) and in S_z coef(p, q−1). */
  private readonly coef: Float64Array;
  private readonly width: number;
  /** Per feature: 0 not met on the path, 1 met and following x, 2 following z. */
  private readonly side: Uint8Array;
  private readonly pathFeature: Int32Array;
  private readonly pathSide: Uint8Array;
  private x!: Float64Array;
  private xb = 0;
  private z!: Float64Array;
  private zb = 0;
  private phi!: Float64Array;

  constructor(private readonly e: TreeEnsemble, private readonly k: number) {
    for (let t = 0; t < e.nTrees; t++) {
      const bits = e.treeOutputs[t];
      if (bits === -1 || k >= 31 || (bits & (1 << k)) !== 0) this.trees.push(e.roots[t]);
    }
    const n = e.maxDepth + 1;
    this.width = n;
    this.coef = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      let c = a === 0 ? 1 : this.coef[(a - 1) * n] * a / (a + 1);
      this.coef[a * n] = c;
      for (let b = 1; b < n; b++) {
        c = c * b / (a + b + 1);
        this.coef[a * n + b] = c;
      }
    }
    this.side = new Uint8Array(e.nFeatures);
    this.pathFeature = new Int32Array(e.maxDepth + 1);
    this.pathSide = new Uint8Array(e.maxDepth + 1);
  }

  /** Sum of output k's leaf values for row `base` of `x` (no base value). */
  margin(x: Float64Array, base: number): number {
    const { feature, left, right, values, nOutputs } = this.e;
    let sum = 0;
    for (const root of this.trees) {
      let node = root;
      while (feature[node] !== LEAF) node = goesLeft(this.e, node, x[base + feature[node]]) ? left[node] : right[node];
      sum += values[node * nOutputs + this.k];
    }
    return sum;
  }

  meanMargin(z: Float64Array, n: number): number {
    let sum = 0;
    for (let b = 0; b < n; b++) sum += this.margin(z, b * this.e.nFeatures);
    return sum / n;
  }

  /** Adds the Shapley values of the (x, z) pair, summed over trees, into phi. */
  explainPair(x: Float64Array, xb: number, z: Float64Array, zb: number, phi: Float64Array): void {
    this.x = x;
    this.xb = xb;
    this.z = z;
    this.zb = zb;
    this.phi = phi;
    for (const root of this.trees) this.walk(root, 0, 0);
  }

  private walk(node: number, p: number, q: number): void {
    const e = this.e;
    const f = e.feature[node];
    if (f === LEAF) {
      if (p + q === 0) return; // x and z share this leaf: no feature matters
      const v = e.values[node * e.nOutputs + this.k];
      if (v === 0) return;
      const n = this.width;
      const plus = p > 0 ? v * this.coef[(p - 1) * n + q] : 0;
      const minus = q > 0 ? v * this.coef[p * n + q - 1] : 0;
      for (let i = 0; i < p + q; i++) {
        if (this.pathSide[i] === 1) this.phi[this.pathFeature[i]] += plus;
        else this.phi[this.pathFeature[i]] -= minus;
      }
      return;
    }
    const xLeft = goesLeft(e, node, this.x[this.xb + f]);
    const zLeft = goesLeft(e, node, this.z[this.zb + f]);
    const xChild = xLeft ? e.left[node] : e.right[node];
    if (xLeft === zLeft) {
      this.walk(xChild, p, q);
      return;
    }
    const zChild = zLeft ? e.left[node] : e.right[node];
    const seen = this.side[f];
    if (seen === 1) {
      this.walk(xChild, p, q);
      return;
    }
    if (seen === 2) {
      this.walk(zChild, p, q);
      return;
    }
    const depth = p + q;
    this.pathFeature[depth] = f;
    this.side[f] = 1;
    this.pathSide[depth] = 1;
    this.walk(xChild, p + 1, q);
    this.side[f] = 2;
    this.pathSide[depth] = 2;
    this.walk(zChild, p, q + 1);
    this.side[f] = 0;
  }
}
