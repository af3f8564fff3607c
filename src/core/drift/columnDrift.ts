/**
 * One column, reference vs current: its type, the test (chosen or requested), the verdict, the
 * distributions for charts and the data-quality counts.
 *
 * Rules (documented in the README, "Monitor drift"):
 * - a column numeric in both datasets with more than {@link MAX_CATEGORICAL_UNIQUE} distinct
 *   reference values is numeric; any other column is categorical (numbers become category names);
 *   a categorical column with at most two categories over both datasets is binary;
 * - auto test, by reference rows: ≤ {@link SMALL_REFERENCE_ROWS}: ks (numeric), z (binary),
 *   chi2 (categorical); more rows: wasserstein (numeric), jensenshannon (categorical/binary).
 */
import type { Column } from '../data/table';
import { countByEdges, countByKeys, equalWidthEdges, histogramCounts, pooledRange, quantileEdges } from './binning';
import { ks2samp } from './ks';
import { chiSquare, jensenShannon, klDivergence, normedWasserstein, proportionZ, psi, type TestOutcome } from './statTests';
import { P_VALUE_TESTS, type ColumnDrift, type ColumnQuality, type ColumnType, type DistributionData, type DriftTestName } from './types';

/** Numeric columns with at most this many distinct reference values count as categorical. */
export const MAX_CATEGORICAL_UNIQUE = 5;
/** References up to this many rows get the small-sample tests (ks, z, chi2). */
export const SMALL_REFERENCE_ROWS = 1000;
/** Equal-width bins for Jensen–Shannon on numeric columns (pooled range). */
export const JS_BINS = 30;
/** Quantile bins of the reference for PSI, KL and chi-square on numeric columns. */
export const QUANTILE_BINS = 10;
/** Bins of the overlay histogram, and categories shown before "other". */
const CHART_BINS = 20;
const CHART_CATEGORIES = 15;
const MAX_NEW_CATEGORIES = 20;

/** The two samples of a column with missing values set aside. */
export interface ColumnSamples {
  name: string;
  type: ColumnType;
  /** Numbers (numeric and numeric-categorical columns). */
  refNumbers?: Float64Array;
  curNumbers?: Float64Array;
  /** Category names (categorical and binary columns). */
  refCategories?: string[];
  curCategories?: string[];
  missingRef: number;
  missingCur: number;
}

function finite(values: Float64Array): Float64Array {
  return values.filter((v) => v === v);
}

function asStrings(column: Column): string[] {
  if (column.kind === 'string') return column.values.filter((v): v is string => v !== null);
  return Array.from(finite(column.values), (v) => String(v));
}

function countMissing(column: Column): number {
  if (column.kind === 'string') return column.values.filter((v) => v === null).length;
  return column.values.length - finite(column.values).length;
}

/** Splits a column pair into samples and decides its type. */
export function columnSamples(ref: Column, cur: Column): ColumnSamples {
  const base = { name: ref.name, missingRef: countMissing(ref), missingCur: countMissing(cur) };
  if (ref.kind === 'number' && cur.kind === 'number') {
    const refNumbers = finite(ref.values);
    const curNumbers = finite(cur.values);
    if (new Set(refNumbers).size > MAX_CATEGORICAL_UNIQUE) return { ...base, type: 'numeric', refNumbers, curNumbers };
    const refCategories = Array.from(refNumbers, String);
    const curCategories = Array.from(curNumbers, String);
    const type = new Set([...refCategories, ...curCategories]).size <= 2 ? 'binary' : 'categorical';
    return { ...base, type, refNumbers, curNumbers, refCategories, curCategories };
  }
  const refCategories = asStrings(ref);
  const curCategories = asStrings(cur);
  const type = new Set([...refCategories, ...curCategories]).size <= 2 ? 'binary' : 'categorical';
  return { ...base, type, refCategories, curCategories };
}

/** The test auto mode picks for a column type and reference size. */
export function autoTest(type: ColumnType, referenceRows: number): DriftTestName {
  if (referenceRows <= SMALL_REFERENCE_ROWS) return type === 'numeric' ? 'ks' : type === 'binary' ? 'z' : 'chi2';
  return type === 'numeric' ? 'wasserstein' : 'jensenshannon';
}

/** Default threshold of a test: p < 0.05, or distance ≥ 0.1. */
export function defaultThreshold(test: DriftTestName): number {
  return P_VALUE_TESTS.has(test) ? 0.05 : 0.1;
}

/** Union of categories, numbers in numeric order, strings in code-unit order. */
export function categoryKeys(s: ColumnSamples): string[] {
  if (s.refNumbers && s.curNumbers) {
    const all = [...new Set([...s.refNumbers, ...s.curNumbers])].sort((a, b) => a - b);
    return all.map(String);
  }
  return [...new Set([...s.refCategories!, ...s.curCategories!])].sort();
}

/** Reference and current counts over shared bins or categories, as the test needs them. */
function binned(s: ColumnSamples, test: DriftTestName): [number[], number[]] {
  if (s.type !== 'numeric') {
    const keys = categoryKeys(s);
    return [countByKeys(s.refCategories!, keys), countByKeys(s.curCategories!, keys)];
  }
  if (test === 'jensenshannon') {
    const [lo, hi] = pooledRange(s.refNumbers!, s.curNumbers!);
    const edges = equalWidthEdges(lo, hi, JS_BINS);
    return [histogramCounts(s.refNumbers!, edges), histogramCounts(s.curNumbers!, edges)];
  }
  const edges = quantileEdges(s.refNumbers!, QUANTILE_BINS);
  return [countByEdges(s.refNumbers!, edges), countByEdges(s.curNumbers!, edges)];
}

/** Runs one test on a column's samples (the test must suit the column; see {@link resolveTest}). */
export function runTest(s: ColumnSamples, test: DriftTestName): TestOutcome & { method?: string } {
  switch (test) {
    case 'ks': {
      const r = ks2samp(s.refNumbers!, s.curNumbers!);
      return { statistic: r.statistic, pValue: r.pValue, method: r.method };
    }
    case 'wasserstein':
      return { statistic: normedWasserstein(s.refNumbers!, s.curNumbers!) };
    case 'z': {
      const keys = categoryKeys(s);
      const success = keys[keys.length - 1];
      const count = (xs: string[]) => xs.reduce((n, x) => n + (x === success ? 1 : 0), 0);
      return proportionZ(count(s.refCategories!), s.refCategories!.length, count(s.curCategories!), s.curCategories!.length);
    }
    case 'chi2':
      return chiSquare(...binned(s, test));
    case 'jensenshannon':
      return { statistic: jensenShannon(...binned(s, test)) };
    case 'psi':
      return { statistic: psi(...binned(s, test)) };
    case 'kl':
      return { statistic: klDivergence(...binned(s, test)) };
  }
}

/** The test a column gets: the requested one when it suits the column, else the auto one with a note. */
export function resolveTest(s: ColumnSamples, requested: DriftTestName | 'auto', referenceRows: number): { test: DriftTestName; note?: string } {
  const auto = autoTest(s.type, referenceRows);
  if (requested === 'auto') return { test: auto };
  if ((requested === 'ks' || requested === 'wasserstein') && !s.refNumbers) {
    return { test: auto, note: `${requested} needs numbers; '${s.name}' holds text, so it got ${auto}` };
  }
  if (requested === 'z' && s.type !== 'binary') return { test: auto, note: `z needs two categories; '${s.name}' has more, so it got ${auto}` };
  return { test: requested };
}

function distribution(s: ColumnSamples): DistributionData {
  if (s.type === 'numeric') {
    const [lo, hi] = pooledRange(s.refNumbers!, s.curNumbers!);
    const edges = equalWidthEdges(lo, hi, CHART_BINS);
    const share = (counts: number[], n: number) => counts.map((c) => (n > 0 ? c / n : 0));
    const labels = edges.slice(0, -1).map((e, i) => `[${fmt(e)}, ${fmt(edges[i + 1])}${i === CHART_BINS - 1 ? ']' : ')'}`);
    return {
      kind: 'histogram', labels, edges,
      reference: share(histogramCounts(s.refNumbers!, edges), s.refNumbers!.length),
      current: share(histogramCounts(s.curNumbers!, edges), s.curNumbers!.length),
    };
  }
  const keys = categoryKeys(s);
  const ref = countByKeys(s.refCategories!, keys);
  const cur = countByKeys(s.curCategories!, keys);
  const nRef = Math.max(1, s.refCategories!.length);
  const nCur = Math.max(1, s.curCategories!.length);
  const order = keys.map((_, i) => i).sort((a, b) => ref[b] / nRef + cur[b] / nCur - (ref[a] / nRef + cur[a] / nCur));
  const shown = order.slice(0, CHART_CATEGORIES);
  const rest = order.slice(CHART_CATEGORIES);
  const out: DistributionData = { kind: 'categories', labels: shown.map((i) => keys[i]), reference: shown.map((i) => ref[i] / nRef), current: shown.map((i) => cur[i] / nCur) };
  if (rest.length > 0) out.other = { reference: rest.reduce((a, i) => a + ref[i], 0) / nRef, current: rest.reduce((a, i) => a + cur[i], 0) / nCur };
  return out;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/** Tests one column; `threshold` undefined means the test's default. */
export function columnDrift(s: ColumnSamples, requested: DriftTestName | 'auto', referenceRows: number, threshold?: number): ColumnDrift {
  const { test, note } = resolveTest(s, requested, referenceRows);
  const limit = threshold ?? defaultThreshold(test);
  const nRef = s.refNumbers?.length ?? s.refCategories!.length;
  const nCur = s.curNumbers?.length ?? s.curCategories!.length;
  const base = { column: s.name, type: s.type, test, threshold: limit, n_reference: nRef, n_current: nCur, distribution: distribution(s) };
  if (nRef === 0 || nCur === 0) {
    const which = nRef === 0 ? 'reference' : 'current';
    return { ...base, statistic: NaN, p_value: null, drift: false, score: NaN, note: `no values in the ${which} dataset; not tested` };
  }
  const r = runTest(s, test);
  const isP = P_VALUE_TESTS.has(test);
  const score = isP ? r.pValue! : r.statistic;
  const drift = isP ? score < limit : score >= limit;
  const out: ColumnDrift = { ...base, statistic: r.statistic, p_value: isP ? r.pValue! : null, drift, score };
  if (r.method) out.method = r.method;
  const remarks = [note, r.statistic === Infinity ? 'categories the reference never had make the chi-square statistic infinite (p = 0)' : undefined].filter(Boolean);
  if (remarks.length) out.note = remarks.join('; ');
  return out;
}

/** Missing values, new categories and out-of-range values of one column. */
export function columnQuality(s: ColumnSamples): ColumnQuality {
  const nRef = (s.refNumbers?.length ?? s.refCategories!.length) + s.missingRef;
  const nCur = (s.curNumbers?.length ?? s.curCategories!.length) + s.missingCur;
  const q: ColumnQuality = {
    column: s.name, type: s.type,
    missing_reference: s.missingRef, missing_reference_share: nRef ? s.missingRef / nRef : 0,
    missing_current: s.missingCur, missing_current_share: nCur ? s.missingCur / nCur : 0,
  };
  if (s.type === 'numeric') {
    const [lo, hi] = pooledRange(s.refNumbers!, []);
    const cur = s.curNumbers!;
    let out = 0;
    for (const v of cur) if (v < lo || v > hi) out++;
    Object.assign(q, { reference_min: lo, reference_max: hi, out_of_range: out, out_of_range_share: cur.length ? out / cur.length : 0 });
  } else {
    const known = new Set(s.refCategories);
    const fresh = new Map<string, number>();
    for (const c of s.curCategories!) if (!known.has(c)) fresh.set(c, (fresh.get(c) ?? 0) + 1);
    const rows = [...fresh.values()].reduce((a, b) => a + b, 0);
    Object.assign(q, { new_categories: [...fresh.keys()].sort().slice(0, MAX_NEW_CATEGORIES), new_category_count: fresh.size, new_category_rows: rows });
  }
  return q;
}
