/**
 * Plain-language verdicts for the significance table: which way a metric moved, by how much,
 * the interval and test behind it, and whether that is more than chance.
 */
import { formatNumber } from '../../charts/format';
import type { SignificanceRow } from './types';

/** Display names of the headline metrics; others show their key. */
const LABELS: Record<string, string> = {
  accuracy: 'accuracy', f1: 'F1', precision: 'precision', recall: 'recall', roc_auc: 'AUC',
  average_precision: 'average precision', log_loss: 'log loss', f1_macro: 'macro F1',
  balanced_accuracy: 'balanced accuracy', roc_auc_ovr: 'AUC (one-vs-rest)', mae: 'MAE', rmse: 'RMSE', r2: 'R²',
};

/** Metrics where lower is better. */
const LOWER_IS_BETTER = new Set(['log_loss', 'mae', 'rmse', 'mse', 'brier']);

const TEST_NAMES = { mcnemar: 'McNemar', delong: 'DeLong' } as const;

/** A p-value as people read it: two significant digits, "< 0.0001" below that. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 1e-4) return '< 0.0001';
  return `= ${p >= 0.01 ? p.toFixed(3) : p.toPrecision(2)}`;
}

/** Three significant digits without trailing zeros, minus as "−" (0.0040 → "0.004"). */
export function short(v: number): string {
  if (!Number.isFinite(v)) return formatNumber(v);
  const abs = Math.abs(v);
  const text = abs !== 0 && (abs < 1e-4 || abs >= 1e6) ? v.toExponential(2) : String(Number(v.toPrecision(3)));
  return text.replace(/^-/, '−');
}

/** An interval as "0.004–0.020", or "−0.02 to 0.01" when a dash would read as a minus. */
export function formatInterval(ci: [number, number]): string {
  const [lo, hi] = ci.map(short);
  return ci[0] < 0 || ci[1] < 0 ? `${lo} to ${hi}` : `${lo}–${hi}`;
}

/** Is the difference beyond chance at `confidence`? The test decides when there is one, else the interval. */
export function isSignificant(row: SignificanceRow, confidence: number): boolean | undefined {
  if (row.pvalue !== null) return row.pvalue < 1 - confidence;
  if (row.ci) return row.ci[0] > 0 || row.ci[1] < 0;
  return undefined;
}

/**
 * e.g. "q.onnx's AUC is higher by 0.012 (95% CI 0.004–0.020, DeLong p = 0.003): likely a real improvement."
 */
export function verdict(variant: string, row: SignificanceRow, confidence: number): string {
  const label = LABELS[row.metric] ?? row.metric;
  const evidence: string[] = [];
  if (row.ci) evidence.push(`${Math.round(confidence * 100)}% CI ${formatInterval(row.ci)}`);
  if (row.test && row.pvalue !== null) evidence.push(`${TEST_NAMES[row.test]} p ${formatP(row.pvalue)}`);
  const why = evidence.length > 0 ? ` (${evidence.join(', ')})` : '';
  const d = row.difference;
  if (!Number.isFinite(d)) return `${variant}'s ${label} cannot be compared (${formatNumber(d)}).`;
  const significant = isSignificant(row, confidence);
  if (d === 0) return `${variant}'s ${label} is the same as the baseline's${why}.`;
  const better = LOWER_IS_BETTER.has(row.metric) ? d < 0 : d > 0;
  const moved = `${variant}'s ${label} is ${d > 0 ? 'higher' : 'lower'} by ${short(Math.abs(d))}${why}`;
  if (significant === undefined) return `${moved}; no interval or test to judge it by.`;
  if (!significant) return `${moved}: consistent with chance.`;
  return `${moved}: likely a real ${better ? 'improvement' : 'decline'}.`;
}
