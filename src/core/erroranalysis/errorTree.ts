/**
 * The error tree: CART on the encoded features predicting the error indicator, with each node
 * described by its rule path, exact cohort expression, error rate and share of all errors.
 */
import { formatNumber } from '../charts/format';
import { fitCart } from './cart';
import type { EncodedColumn } from './encode';
import { categoryCondition, conjunction, numericCondition, type Condition } from './expressions';
import type { ErrorTree, ErrorTreeNode } from './types';

/** Limits of {@link buildErrorTree}; 0 for maxDepth or maxLeaves means no limit. */
export interface ErrorTreeOptions {
  maxDepth: number;
  maxLeaves: number;
  minLeaf: number;
  signal?: AbortSignal;
}

/** One step of a path, kept structured so the displayed rule can merge bounds. */
interface Step {
  col: EncodedColumn;
  left: boolean;
  threshold: number;
}

/**
 * The path for people: numeric bounds on the same feature merge into one interval
 * (`0.7 < a ≤ 0.9` rather than `a > 0.7 and a ≤ 0.95 and a ≤ 0.9`); categories stay as they are.
 */
function displayRule(steps: readonly Step[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    if (step.col.kind === 'category') {
      out.push(sideCondition(step.col, step.threshold, step.left).text);
      continue;
    }
    const name = step.col.feature;
    if (seen.has(name)) continue;
    seen.add(name);
    const same = steps.filter((s) => s.col.kind === 'numeric' && s.col.feature === name);
    const lows = same.filter((s) => !s.left);
    const highs = same.filter((s) => s.left);
    const low = lows.length ? lows.reduce((a, b) => (b.threshold > a.threshold ? b : a)) : undefined;
    const high = highs.length ? highs.reduce((a, b) => (b.threshold < a.threshold ? b : a)) : undefined;
    if (low && high) {
      // Rows going left once (≤) are never missing, so no "or missing" here.
      out.push(`${formatNumber(low.threshold)} < ${name} ≤ ${formatNumber(high.threshold)}`);
    } else {
      const s = (low ?? high)!;
      out.push(sideCondition(s.col, s.threshold, s.left).text);
    }
  }
  return out;
}

function sideCondition(col: EncodedColumn, threshold: number, left: boolean): Condition {
  if (col.kind === 'category') return categoryCondition(col.feature, left ? '!=' : '==', col.category!);
  // Missing values always go right (see cart.ts).
  return numericCondition(col.feature, left ? '<=' : '>', threshold, !left && col.hasMissing);
}

/** Fits the error tree on `encoded` columns against `isError` (1 = the model erred on that row). */
export function buildErrorTree(encoded: readonly EncodedColumn[], isError: Uint8Array, opts: ErrorTreeOptions): ErrorTree {
  const nodes = fitCart(encoded.map((c) => c.values), isError, {
    maxDepth: opts.maxDepth > 0 ? opts.maxDepth : Infinity,
    minLeaf: opts.minLeaf,
    maxLeaves: opts.maxLeaves > 0 ? opts.maxLeaves : undefined,
    signal: opts.signal,
  });
  const totalErrors = nodes.length ? nodes[0].errors : 0;
  const out: ErrorTreeNode[] = [];
  const paths: Condition[][] = [];
  const stepsOf: Step[][] = [];
  const decrease = new Map<string, number>();
  for (const node of nodes) {
    let path: Condition[] = [];
    let steps: Step[] = [];
    if (node.parent >= 0) {
      const parent = nodes[node.parent];
      const step = { col: encoded[parent.feature], left: parent.left === node.id, threshold: parent.threshold };
      path = [...paths[node.parent], sideCondition(step.col, step.threshold, step.left)];
      steps = [...stepsOf[node.parent], step];
    }
    paths.push(path);
    stepsOf.push(steps);
    const entry: ErrorTreeNode = {
      id: node.id,
      parent: node.parent >= 0 ? node.parent : null,
      depth: node.depth,
      rule: displayRule(steps),
      cohort: conjunction(path.map((c) => c.expr)),
      size: node.n,
      errors: node.errors,
      error_rate: node.n > 0 ? node.errors / node.n : NaN,
      error_coverage: totalErrors > 0 ? node.errors / totalErrors : 0,
      gini: node.impurity,
    };
    if (node.feature >= 0) {
      const col = encoded[node.feature];
      entry.split = col.kind === 'category'
        ? { feature: col.feature, kind: 'category', category: col.category }
        : { feature: col.feature, kind: 'numeric', threshold: node.threshold };
      entry.left = node.left;
      entry.right = node.right;
      decrease.set(col.feature, (decrease.get(col.feature) ?? 0) + node.improvement);
    }
    out.push(entry);
  }
  // Paths of children are built after their parents: ids grow from parent to child in both builders.
  const importance = [...decrease.entries()].map(([feature, d]) => ({ feature, decrease: d })).sort((a, b) => b.decrease - a.decrease);
  return {
    growth: opts.maxLeaves > 0 ? 'best-first' : 'depth-first',
    max_depth: opts.maxDepth > 0 ? opts.maxDepth : null,
    max_leaves: opts.maxLeaves > 0 ? opts.maxLeaves : null,
    min_leaf: opts.minLeaf,
    nodes: out,
    importance,
  };
}
