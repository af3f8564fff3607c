/**
 * Pieces the explanation charts share: stable DOM-safe ids, feature rankings by mean |SHAP|,
 * readable axis titles for the explained output, and sizing for one-bar-per-feature charts.
 */
import type { ExplainSpace } from '../../explain/types';
import { formatNumber } from '../format';

/** Features shown at most in per-feature charts; the rest are summarised or left to the table. */
export const MAX_FEATURES_SHOWN = 20;

/** Colours of increases/decreases; fixed hues that read on light and dark backgrounds alike. */
export const SIGN_COLORS = { domain: ['increases', 'decreases'], range: ['#e45756', '#4c78a8'] };

/** A DOM- and file-safe id fragment for a feature name ("mean radius (mm)" → "mean-radius-mm"). */
export function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s || 'feature';
}

/** Height for a chart with one band per item. */
export function bandHeight(items: number, perItem = 20, min = 120): number {
  return Math.max(min, items * perItem);
}

/** How the explained output reads on an axis: "P(benign)", "log-odds of benign", "prediction". */
export function outputTitle(className: string, space: ExplainSpace): string {
  switch (space) {
    case 'probability': return `P(${className})`;
    case 'logit': return `log-odds of ${className}`;
    case 'margin': return `raw score of ${className}`;
    default: return className;
  }
}

/** Mean |value| of each column of a row-major list of rows. */
export function meanAbs(values: readonly (readonly number[])[], nFeatures: number): number[] {
  const out = new Array<number>(nFeatures).fill(0);
  for (const row of values) for (let j = 0; j < nFeatures; j++) out[j] += Math.abs(row[j] ?? 0);
  return out.map((s) => (values.length ? s / values.length : 0));
}

/** Feature indices by decreasing mean |value| (ties by index). */
export function rankByMeanAbs(values: readonly (readonly number[])[], nFeatures: number): number[] {
  const m = meanAbs(values, nFeatures);
  return Array.from({ length: nFeatures }, (_, j) => j).sort((a, b) => m[b] - m[a] || a - b);
}

/** A cell of explained data as a number (NaN for missing or text). */
export function numeric(v: number | string | null | undefined): number {
  return typeof v === 'number' ? v : NaN;
}

/** "name = value" for labels, with the value formatted for people. */
export function featureWithValue(name: string, v: number | string | null | undefined): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return `${name} = missing`;
  return `${name} = ${typeof v === 'number' ? formatNumber(v) : v}`;
}

/** Pearson correlation over pairs where both values are finite; 0 when undefined. */
export function pearson(a: readonly number[], b: readonly number[]): number {
  const idx = a.map((_, i) => i).filter((i) => Number.isFinite(a[i]) && Number.isFinite(b[i]));
  if (idx.length < 2) return 0;
  const ma = idx.reduce((s, i) => s + a[i], 0) / idx.length;
  const mb = idx.reduce((s, i) => s + b[i], 0) / idx.length;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (const i of idx) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}
