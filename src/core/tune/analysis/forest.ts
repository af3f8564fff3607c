/**
 * A small random forest of regression trees (CART, squared error), as fANOVA needs it: bootstrap
 * samples, all features tried at every split, thresholds at midpoints between distinct values,
 * grown until leaves are pure or hold one sample (the defaults of scikit-learn's
 * RandomForestRegressor, which Optuna's fANOVA evaluator uses).
 */
import { Rng } from '../rng';

/** A node of a fitted tree: a split (`feature`, `threshold`, children) or a leaf (`value`). */
export interface TreeNode {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  /** Mean target of the node's samples (the prediction at leaves). */
  value: number;
}

/** A fitted regression tree: nodes in creation order, the root first. Leaves have feature -1. */
export interface RegressionTree {
  nodes: TreeNode[];
}

/** Forest options. */
export interface ForestOptions {
  nTrees?: number;
  maxDepth?: number;
  seed?: number;
}

/**
 * Fits one tree on rows `sample` (indices into X, repeats allowed) of X (row-major, `d` columns).
 * Each feature's sample order is sorted once and partitioned stably at each split, so a level
 * costs O(d·n) rather than a sort per node.
 */
export function fitTree(X: Float64Array, d: number, y: Float64Array, sample: readonly number[], maxDepth: number): RegressionTree {
  const n = sample.length;
  const orders: Int32Array[] = [];
  for (let f = 0; f < d; f++) {
    const o = Int32Array.from({ length: n }, (_, k) => k);
    o.sort((a, b) => X[sample[a] * d + f] - X[sample[b] * d + f]);
    orders.push(o);
  }
  const xs = (k: number, f: number) => X[sample[k] * d + f];
  const ys = (k: number) => y[sample[k]];
  const nodes: TreeNode[] = [];
  const goLeft = new Uint8Array(n);

  const grow = (sorted: Int32Array[], depth: number): number => {
    const m = sorted[0].length;
    let sum = 0;
    let sumSq = 0;
    for (let k = 0; k < m; k++) {
      const v = ys(sorted[0][k]);
      sum += v;
      sumSq += v * v;
    }
    const id = nodes.length;
    nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: sum / m });
    const sse = sumSq - (sum * sum) / m;
    if (m < 2 || depth >= maxDepth || sse <= 1e-12 * Math.max(1, sumSq)) return id;
    // Best split: the largest reduction of the sum of squared errors (equivalently, the largest
    // sum_left²/n_left + sum_right²/n_right).
    let bestScore = (sum * sum) / m;
    let bestF = -1;
    let bestT = 0;
    for (let f = 0; f < d; f++) {
      const o = sorted[f];
      let left = 0;
      for (let k = 0; k < m - 1; k++) {
        left += ys(o[k]);
        const a = xs(o[k], f);
        const b = xs(o[k + 1], f);
        if (b <= a) continue;
        const nl = k + 1;
        const score = (left * left) / nl + ((sum - left) * (sum - left)) / (m - nl);
        if (score > bestScore * (1 + 1e-12) + 1e-300) {
          bestScore = score;
          bestF = f;
          bestT = (a + b) / 2;
        }
      }
    }
    if (bestF < 0) return id;
    for (let k = 0; k < m; k++) goLeft[sorted[0][k]] = xs(sorted[0][k], bestF) <= bestT ? 1 : 0;
    const lefts: Int32Array[] = [];
    const rights: Int32Array[] = [];
    for (const o of sorted) {
      let nl = 0;
      for (let k = 0; k < m; k++) nl += goLeft[o[k]];
      const l = new Int32Array(nl);
      const r = new Int32Array(m - nl);
      let i = 0;
      let j = 0;
      for (let k = 0; k < m; k++) {
        if (goLeft[o[k]]) l[i++] = o[k];
        else r[j++] = o[k];
      }
      lefts.push(l);
      rights.push(r);
    }
    const node = nodes[id];
    node.feature = bestF;
    node.threshold = bestT;
    node.left = grow(lefts, depth + 1);
    node.right = grow(rights, depth + 1);
    return id;
  };
  grow(orders, 0);
  return { nodes };
}

/** Fits `nTrees` trees on bootstrap samples of the rows (seeded: the same inputs give the same forest). */
export function fitForest(X: Float64Array, d: number, y: Float64Array, options: ForestOptions = {}): RegressionTree[] {
  const n = y.length;
  const nTrees = options.nTrees ?? 64;
  const maxDepth = options.maxDepth ?? 64;
  const rng = new Rng(options.seed ?? 0, 0x7ee5);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < nTrees; t++) {
    const sample = Array.from({ length: n }, () => rng.int(n));
    trees.push(fitTree(X, d, y, sample, maxDepth));
  }
  return trees;
}

/** The tree's prediction for one row. */
export function predictTree(tree: RegressionTree, row: ArrayLike<number>): number {
  let node = tree.nodes[0];
  while (node.feature >= 0) node = tree.nodes[row[node.feature] <= node.threshold ? node.left : node.right];
  return node.value;
}
