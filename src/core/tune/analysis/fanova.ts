/**
 * Hyperparameter importance by fANOVA (Hutter, Hoos & Leyton-Brown, ICML 2014), as Optuna's
 * FanovaImportanceEvaluator computes it: fit a random forest on (params → objective), then for
 * each tree decompose its prediction function over the search space (uniform measure) into
 * functional-ANOVA terms; a parameter's importance is the variance of its main effect (the
 * tree's prediction averaged over every other parameter) as a fraction of the tree's total
 * variance, averaged over trees and normalised to sum to 1.
 *
 * What it approximates: the share of the objective's variance over the whole search space that
 * each parameter explains on its own, as seen by the forest's surrogate. Interactions are not
 * credited to any parameter (they show as `mainEffects` < 1). Categorical parameters enter as
 * their choice index (the trees can still separate every choice); numeric ones in the
 * sampler's space (log scale for `log` params).
 */
import type { ParamSpec, ParamValue, Study, Trial } from '../types';
import { fitForest, type ForestOptions, type RegressionTree } from './forest';

/** One parameter's importance; importances of a study sum to 1. */
export interface ParamImportance {
  param: string;
  importance: number;
}

/** What {@link fanovaImportance} returns. */
export interface ImportanceResult {
  method: 'fanova';
  /** Most important first. */
  importances: ParamImportance[];
  /** COMPLETE trials with a finite value that were used. */
  trials: number;
  /** Parameters left out, and why (conditional, or a single value). */
  skipped: { param: string; reason: string }[];
  /**
   * Average share of each tree's variance its main effects explain (before normalising): near 1
   * when parameters act additively, lower when interactions matter.
   */
  mainEffects: number;
  /** One sentence saying what the numbers approximate. */
  note: string;
}

/** A parameter as the forest sees it: a column with its domain. */
interface Column {
  name: string;
  lo: number;
  hi: number;
  encode: (v: ParamValue) => number;
}

const NOTE =
  'fANOVA: share of the objective\'s variance over the search space explained by each parameter alone, ' +
  'from a seeded random forest (64 trees) fitted to the completed trials; interactions are not credited.';

function column(name: string, spec: ParamSpec | undefined, values: ParamValue[]): Column | string {
  if (spec?.type === 'categorical') {
    const keys = spec.choices.map((c) => JSON.stringify(c));
    if (keys.length < 2) return 'a single choice';
    return { name, lo: -0.5, hi: keys.length - 0.5, encode: (v) => keys.indexOf(JSON.stringify(v)) };
  }
  const nums = values.filter((v): v is number => typeof v === 'number');
  if (nums.length !== values.length) return 'non-numeric values without a categorical distribution';
  let low = spec ? spec.low : Math.min(...nums);
  let high = spec ? spec.high : Math.max(...nums);
  const log = spec?.log === true && low > 0;
  // Grid parameters (int, or float with a step) own half a step either side, as in Optuna's transform.
  const half = spec?.type === 'int' ? (spec.step ?? 1) / 2 : spec?.step ? spec.step / 2 : 0;
  if (!(high > low)) return 'a single value';
  low -= half;
  high += half;
  if (log) return { name, lo: Math.log(Math.max(low, Number.MIN_VALUE)), hi: Math.log(high), encode: (v) => Math.log(v as number) };
  return { name, lo: low, hi: high, encode: (v) => v as number };
}

/** The columns: parameters every used trial has (Optuna's intersection search space). */
function columns(trials: Trial[]): { cols: Column[]; skipped: { param: string; reason: string }[] } {
  const names = new Set<string>();
  for (const t of trials) for (const p of Object.keys(t.params)) names.add(p);
  const cols: Column[] = [];
  const skipped: { param: string; reason: string }[] = [];
  for (const name of names) {
    if (!trials.every((t) => name in t.params)) {
      skipped.push({ param: name, reason: 'conditional: not set in every trial' });
      continue;
    }
    const c = column(name, trials[0].distributions[name], trials.map((t) => t.params[name]));
    if (typeof c === 'string') skipped.push({ param: name, reason: c });
    else cols.push(c);
  }
  return { cols, skipped };
}

/** Main-effect variances of one tree, and its total variance, over the box `lo`..`hi`. */
export function treeVariances(tree: RegressionTree, lo: readonly number[], hi: readonly number[]): { total: number; main: number[] } {
  const d = lo.length;
  const leaves: { v: number; a: number[]; b: number[] }[] = [];
  const walk = (id: number, a: number[], b: number[]) => {
    const node = tree.nodes[id];
    if (node.feature < 0) {
      leaves.push({ v: node.value, a, b });
      return;
    }
    const f = node.feature;
    const t = Math.min(Math.max(node.threshold, a[f]), b[f]);
    walk(node.left, a, b.map((x, j) => (j === f ? t : x)));
    walk(node.right, a.map((x, j) => (j === f ? t : x)), b);
  };
  walk(0, [...lo], [...hi]);
  const frac = leaves.map((l) => l.a.map((x, j) => (l.b[j] - x) / (hi[j] - lo[j])));
  const vol = frac.map((fs) => fs.reduce((p, x) => p * x, 1));
  let mean = 0;
  leaves.forEach((l, k) => (mean += l.v * vol[k]));
  let total = 0;
  leaves.forEach((l, k) => (total += vol[k] * (l.v - mean) ** 2));
  const main: number[] = [];
  for (let i = 0; i < d; i++) {
    // The main effect of i is piecewise constant between the leaves' edges on i.
    const cuts = [...new Set([lo[i], hi[i], ...leaves.flatMap((l) => [l.a[i], l.b[i]])])].sort((x, y) => x - y);
    const diff = new Float64Array(cuts.length);
    const at = (x: number) => {
      let l = 0;
      let r = cuts.length - 1;
      while (l < r) {
        const mid = (l + r) >> 1;
        if (cuts[mid] < x) l = mid + 1;
        else r = mid;
      }
      return l;
    };
    leaves.forEach((leaf, k) => {
      let others = 1;
      for (let j = 0; j < d; j++) if (j !== i) others *= frac[k][j];
      if (others === 0 || leaf.b[i] <= leaf.a[i]) return;
      const c = leaf.v * others;
      diff[at(leaf.a[i])] += c;
      diff[at(leaf.b[i])] -= c;
    });
    let m = 0;
    let v = 0;
    for (let s = 0; s < cuts.length - 1; s++) {
      m += diff[s];
      v += ((cuts[s + 1] - cuts[s]) / (hi[i] - lo[i])) * (m - mean) ** 2;
    }
    main.push(v);
  }
  return { total, main };
}

/**
 * fANOVA importances of a study's parameters over its COMPLETE trials. Seeded (default 0):
 * the same study gives the same numbers. Needs at least two such trials; with fewer, or when
 * the objective never varies, every parameter gets an equal share and `mainEffects` is 0.
 */
export function fanovaImportance(study: Study, options: ForestOptions = {}): ImportanceResult {
  const used = study.trials.filter((t) => t.state === 'COMPLETE' && t.value !== undefined && Number.isFinite(t.value));
  const { cols, skipped } = columns(used);
  const d = cols.length;
  const base = { method: 'fanova' as const, trials: used.length, skipped, note: NOTE };
  const even = () => ({ ...base, importances: cols.map((c) => ({ param: c.name, importance: 1 / d })), mainEffects: 0 });
  if (d === 0) return { ...base, importances: [], mainEffects: 0 };
  if (used.length < 2) return even();
  const X = new Float64Array(used.length * d);
  const y = Float64Array.from(used, (t) => t.value as number);
  used.forEach((t, r) => cols.forEach((c, j) => (X[r * d + j] = c.encode(t.params[c.name]))));
  const forest = fitForest(X, d, y, options);
  const lo = cols.map((c) => c.lo);
  const hi = cols.map((c) => c.hi);
  const sums = new Float64Array(d);
  let share = 0;
  let counted = 0;
  for (const tree of forest) {
    const { total, main } = treeVariances(tree, lo, hi);
    if (!(total > 0)) continue; // a constant tree says nothing
    counted++;
    main.forEach((v, j) => (sums[j] += v / total));
    share += main.reduce((a, b) => a + b, 0) / total;
  }
  const sum = sums.reduce((a, b) => a + b, 0);
  if (counted === 0 || !(sum > 0)) return even();
  const importances = cols.map((c, j) => ({ param: c.name, importance: sums[j] / sum })).sort((a, b) => b.importance - a.importance);
  return { ...base, importances, mainEffects: share / counted };
}
