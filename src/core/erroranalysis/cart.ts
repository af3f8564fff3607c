/**
 * CART for a 0/1 target (the error indicator) on numeric feature columns, with Gini impurity,
 * built to give the same tree as scikit-learn's DecisionTreeClassifier(criterion='gini',
 * splitter='best') for max_depth, min_samples_leaf and max_leaf_nodes:
 * - candidate thresholds are midpoints between consecutive sorted distinct values, a/2 + b/2 in
 *   double precision; values within 1e-7 of the previous one count as equal, added in float32
 *   for float32-representable data as sklearn does;
 * - within a feature the first best position wins; across features the lower index wins where
 *   sklearn breaks exact ties by a random feature order (the only place the two may differ);
 * - a node is a leaf when depth ≥ maxDepth, size < 2·minLeaf, impurity ≤ machine epsilon, or
 *   no split leaves minLeaf rows on both sides; a split that does not lower impurity is still
 *   taken, as sklearn does;
 * - without maxLeaves the tree grows depth-first; with it, best-first by weighted impurity
 *   decrease (sklearn's BestFirstTreeBuilder), expanding at most maxLeaves − 1 nodes.
 * Missing values (NaN) sort last and always go right; thresholds lie between finite values.
 *
 * Why presorting: every feature is argsorted once, and each node owns the same range
 * [start, end) in every feature's sorted row list. A split stably partitions those ranges, so a
 * node's split search is one sequential pass per feature, with no per-node sort.
 */
import { throwIfAborted } from '../errors';
import { argsortAscending } from '../metrics/sort';

/** Values closer than this are one value (sklearn's FEATURE_THRESHOLD, a float32 in sklearn). */
const FEATURE_THRESHOLD = 1e-7;
const FEATURE_THRESHOLD_F32 = Math.fround(1e-7);

/**
 * The largest value still "equal" to `prev`. sklearn adds the threshold in float32 arithmetic
 * (its X is float32); for float32-representable values we do the same so splits match exactly,
 * for other values we add in double precision.
 */
function sameValueLimit(prev: number): number {
  return Math.fround(prev) === prev ? Math.fround(prev + FEATURE_THRESHOLD_F32) : prev + FEATURE_THRESHOLD;
}
/** Impurity at or below this is pure (sklearn uses double epsilon). */
const EPSILON = 2.220446049250313e-16;

/** Growth limits of {@link fitCart}. */
export interface CartOptions {
  /** Maximum depth (root = 0); Infinity for none. */
  maxDepth: number;
  /** Minimum rows in each leaf (sklearn's min_samples_leaf). */
  minLeaf: number;
  /** At most this many leaves, grown best-first (sklearn's max_leaf_nodes); undefined: depth-first. */
  maxLeaves?: number;
  signal?: AbortSignal;
}

/** One node of a fitted tree. Node ids follow sklearn's numbering for the same builder. */
export interface CartNode {
  id: number;
  parent: number;
  depth: number;
  /** Rows in the node and, of those, rows with target 1 (errors). */
  n: number;
  errors: number;
  /** Gini impurity of the node. */
  impurity: number;
  /** Split feature (column index), or -1 for a leaf. Rows with value <= threshold go left. */
  feature: number;
  threshold: number;
  left: number;
  right: number;
  /** sklearn's weighted impurity decrease of the split (0 for leaves). */
  improvement: number;
}

function gini(n: number, e: number): number {
  const c0 = n - e;
  // Same operation order as sklearn's Gini (class 0 then class 1) so ties resolve alike.
  return 1.0 - (c0 * c0 + e * e) / (n * n);
}

interface Split {
  feature: number;
  threshold: number;
  /** Rows going left. */
  nLeft: number;
  improvement: number;
}

/**
 * Fits the tree. `columns[j][i]` is feature j of row i; `y[i]` is 0 or 1.
 * @returns nodes indexed by id; node 0 is the root.
 */
export function fitCart(columns: readonly Float64Array[], y: Uint8Array, opts: CartOptions): CartNode[] {
  const n = y.length;
  const m = columns.length;
  const minLeaf = Math.max(1, opts.minLeaf);
  const minSplit = Math.max(2, 2 * minLeaf);
  // order[j*n + k]: the k-th row of feature j's sorted list, partitioned by node.
  // sorted[j*n + k]: the value of that row, kept alongside so split search reads sequentially.
  const order = new Uint32Array(n * m);
  const sorted = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    throwIfAborted(opts.signal);
    // Radix argsort shared with the metrics: stable, NaN rows last.
    const s = argsortAscending(columns[j]);
    order.set(s.order, j * n);
    sorted.set(s.sorted, j * n);
  }
  const goesLeft = new Uint8Array(n);
  const scratch = new Uint32Array(n);
  const scratchValues = new Float64Array(n);
  const nodes: CartNode[] = [];
  const ranges: { start: number; end: number }[] = [];

  const findSplit = (start: number, end: number, errors: number, impurity: number): Split | undefined => {
    const nNode = end - start;
    let best: Split | undefined;
    let bestProxy = -Infinity;
    for (let j = 0; j < m; j++) {
      throwIfAborted(opts.signal); // a feature of a million rows takes milliseconds: cancel between them
      const base = j * n;
      let nL = 0;
      let eL = 0;
      let prev = NaN;
      let limit = NaN;
      for (let k = start; k < end; k++) {
        const v = sorted[base + k];
        if (v !== v) break; // missing values sort last: no threshold beyond them
        if (nL >= minLeaf && v > limit) {
          const nR = nNode - nL;
          if (nR < minLeaf) break;
          const proxy = -nR * gini(nR, errors - eL) - nL * gini(nL, eL);
          if (proxy > bestProxy) {
            bestProxy = proxy;
            let threshold = prev / 2.0 + v / 2.0;
            if (threshold === v || !Number.isFinite(threshold)) threshold = prev;
            best = { feature: j, threshold, nLeft: nL, improvement: 0 };
          }
        }
        nL++;
        eL += y[order[base + k]];
        if (v !== prev) limit = sameValueLimit(v);
        prev = v;
      }
    }
    if (!best) return undefined;
    // Recount the left side's errors and score the split exactly as sklearn's impurity_improvement.
    let eL = 0;
    const base = best.feature * n;
    for (let k = start; k < start + best.nLeft; k++) eL += y[order[base + k]];
    const nL = best.nLeft;
    const nR = nNode - nL;
    best.improvement = (nNode / n) * (impurity - (nR / nNode) * gini(nR, errors - eL) - (nL / nNode) * gini(nL, eL));
    return best;
  };

  /** Creates a node over [start, end) and, unless it must be a leaf, finds its best split. */
  const addNode = (start: number, end: number, parent: number, depth: number): { id: number; split?: Split } => {
    throwIfAborted(opts.signal);
    const size = end - start;
    let errors = 0;
    for (let k = start; k < end; k++) errors += y[order[k]];
    const impurity = gini(size, errors);
    const id = nodes.length;
    nodes.push({ id, parent, depth, n: size, errors, impurity, feature: -1, threshold: NaN, left: -1, right: -1, improvement: 0 });
    ranges.push({ start, end });
    const leaf = depth >= opts.maxDepth || size < minSplit || impurity <= EPSILON;
    return { id, split: leaf ? undefined : findSplit(start, end, errors, impurity) };
  };

  /** Applies a split: partitions every feature's range stably into left rows then right rows. */
  const applySplit = (id: number, split: Split): { mid: number } => {
    const { start, end } = ranges[id];
    const mid = start + split.nLeft;
    const fBase = split.feature * n;
    for (let k = start; k < end; k++) goesLeft[order[fBase + k]] = k < mid ? 1 : 0;
    for (let j = 0; j < m; j++) {
      throwIfAborted(opts.signal);
      if (j === split.feature) continue;
      const base = j * n;
      let l = base + start;
      let r = 0;
      for (let k = base + start; k < base + end; k++) {
        const row = order[k];
        const v = sorted[k];
        if (goesLeft[row]) {
          order[l] = row;
          sorted[l++] = v;
        } else {
          scratch[r] = row;
          scratchValues[r++] = v;
        }
      }
      order.set(scratch.subarray(0, r), l);
      sorted.set(scratchValues.subarray(0, r), l);
    }
    const node = nodes[id];
    node.feature = split.feature;
    node.threshold = split.threshold;
    node.improvement = split.improvement;
    return { mid };
  };

  if (n === 0) return nodes;
  if (opts.maxLeaves === undefined) {
    // Depth-first, left before right: ids in preorder, like sklearn's DepthFirstTreeBuilder.
    const grow = (start: number, end: number, parent: number, depth: number): number => {
      const { id, split } = addNode(start, end, parent, depth);
      if (!split) return id;
      const { mid } = applySplit(id, split);
      nodes[id].left = grow(start, mid, id, depth + 1);
      nodes[id].right = grow(mid, end, id, depth + 1);
      return id;
    };
    grow(0, n, -1, 0);
    return nodes;
  }

  // Best-first: expand the frontier node with the largest impurity decrease; ties go to the older node.
  let budget = opts.maxLeaves - 1;
  const frontier: { id: number; split?: Split }[] = [addNode(0, n, -1, 0)];
  while (frontier.length > 0) {
    let pick = 0;
    const imp = (r: { split?: Split }): number => r.split?.improvement ?? 0;
    for (let i = 1; i < frontier.length; i++) if (imp(frontier[i]) > imp(frontier[pick])) pick = i;
    const record = frontier.splice(pick, 1)[0];
    if (!record.split || budget <= 0) continue; // stays a leaf
    budget--;
    const { start, end } = ranges[record.id];
    const { mid } = applySplit(record.id, record.split);
    const depth = nodes[record.id].depth + 1;
    const left = addNode(start, mid, record.id, depth);
    const right = addNode(mid, end, record.id, depth);
    nodes[record.id].left = left.id;
    nodes[record.id].right = right.id;
    frontier.push(left, right);
  }
  return nodes;
}
