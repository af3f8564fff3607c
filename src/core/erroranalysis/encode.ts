/**
 * Features → numeric columns for the error tree, and features → bins for the heat map and the
 * slice finder. Text features are one-hot encoded (one 0/1 column per frequent category), which
 * gives readable rules (`color == "red"`) rather than arbitrary ordinal cuts.
 */
import { formatNumber } from '../charts/format';
import type { Column } from '../data/table';
import { categoryCondition, conjunction, fieldName, missingCondition, numericCondition, type Condition } from './expressions';
import type { FeatureEncoding } from './types';

/** A tree input column and what it stands for. */
export interface EncodedColumn {
  feature: string;
  kind: 'numeric' | 'category';
  category?: string;
  values: Float64Array;
  hasMissing: boolean;
}

/** Categories by frequency (then name), the first `max` of them. */
export function topCategories(values: readonly (string | null)[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([k]) => k);
}

function hasNaN(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) return true;
  return false;
}

/** Encodes the features for the tree; returns the columns and, per feature, how it was encoded. */
export function encodeFeatures(columns: readonly Column[], maxCategories: number): { encoded: EncodedColumn[]; encodings: FeatureEncoding[] } {
  const encoded: EncodedColumn[] = [];
  const encodings: FeatureEncoding[] = [];
  for (const col of columns) {
    if (col.kind === 'number') {
      encoded.push({ feature: col.name, kind: 'numeric', values: col.values, hasMissing: hasNaN(col.values) });
      encodings.push({ name: col.name, kind: 'numeric' });
      continue;
    }
    const categories = topCategories(col.values, maxCategories);
    for (const category of categories) {
      const values = Float64Array.from(col.values, (v) => (v === category ? 1 : 0));
      encoded.push({ feature: col.name, kind: 'category', category, values, hasMissing: false });
    }
    encodings.push({ name: col.name, kind: 'categorical', categories });
  }
  return { encoded, encodings };
}

/** A feature cut into bins: per-row bin codes, labels and a condition per bin. */
export interface BinnedFeature {
  feature: string;
  codes: Uint16Array;
  labels: string[];
  /** Condition per bin; null for "other" categories, which have no single expression. */
  conditions: (Condition | null)[];
}

/**
 * Numeric features: `bins` quantile bins (edges deduplicated, so fewer when values repeat), plus
 * a "missing" bin when there are NaNs. Text features: the most frequent values, "other" and
 * "missing" as needed.
 */
export function binFeature(col: Column, bins: number, maxCategories: number): BinnedFeature {
  const n = col.values.length;
  const codes = new Uint16Array(n);
  const labels: string[] = [];
  const conditions: (Condition | null)[] = [];
  if (col.kind === 'number') {
    const v = col.values;
    const finite = v.filter((x) => x === x).sort();
    const edges: number[] = [];
    for (let k = 1; k < bins; k++) {
      if (finite.length === 0) break;
      const h = (finite.length - 1) * (k / bins);
      const lo = Math.floor(h);
      const e = finite[lo] + (h - lo) * (finite[Math.min(finite.length - 1, lo + 1)] - finite[lo]);
      // An edge at (or beyond) the maximum would leave an empty last bin.
      if (e < finite[finite.length - 1] && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
    }
    for (let b = 0; b <= edges.length; b++) {
      const parts: Condition[] = [];
      if (b > 0) parts.push(numericCondition(col.name, '>', edges[b - 1]));
      if (b < edges.length) parts.push(numericCondition(col.name, '<=', edges[b]));
      const fmt = (i: number): string => formatNumber(edges[i]);
      const text = parts.length === 2 ? `${fmt(b - 1)} < ${col.name} ≤ ${fmt(b)}` : parts.map((p) => p.text).join(' and ');
      conditions.push(parts.length === 0 ? { expr: `${fieldName(col.name)} is not missing`, text: `${col.name} present` } : { expr: conjunction(parts.map((p) => p.expr)), text });
      labels.push(edges.length === 0 ? 'all' : b === 0 ? `≤ ${fmt(0)}` : b === edges.length ? `> ${fmt(b - 1)}` : `(${fmt(b - 1)}, ${fmt(b)}]`);
    }
    const missingCode = edges.length + 1;
    let anyMissing = false;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x !== x) {
        codes[i] = missingCode;
        anyMissing = true;
        continue;
      }
      let b = 0;
      while (b < edges.length && x > edges[b]) b++;
      codes[i] = b;
    }
    if (anyMissing) {
      labels.push('missing');
      conditions.push(missingCondition(col.name));
    }
    return { feature: col.name, codes, labels, conditions };
  }
  const cats = topCategories(col.values, maxCategories);
  const index = new Map(cats.map((c, i) => [c, i] as const));
  cats.forEach((c) => {
    labels.push(c);
    conditions.push(categoryCondition(col.name, '==', c));
  });
  let other = -1;
  let missing = -1;
  for (let i = 0; i < n; i++) {
    const s = col.values[i];
    if (s === null) {
      if (missing < 0) missing = -2; // assigned after "other" so codes stay in label order
      codes[i] = 0xffff;
    } else {
      const k = index.get(s);
      if (k !== undefined) codes[i] = k;
      else {
        if (other < 0) {
          other = labels.length;
          labels.push('other');
          conditions.push(null);
        }
        codes[i] = other;
      }
    }
  }
  if (missing === -2) {
    missing = labels.length;
    labels.push('missing');
    conditions.push(missingCondition(col.name));
    for (let i = 0; i < n; i++) if (codes[i] === 0xffff) codes[i] = missing;
  }
  return { feature: col.name, codes, labels, conditions };
}
