/**
 * Drift charts: a bar of every column's drift score against its threshold, and reference vs
 * current distributions (overlaid histograms, or paired bars for categories) of the columns that
 * drifted most.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ColumnDrift, DriftResult } from '../../drift/types';
import { P_VALUE_TESTS } from '../../drift/types';
import { containerSized, finiteOrNull, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber, formatPercent } from '../format';
import type { Cell, ChartEntry } from '../types';

/** Overlay charts drawn at most. */
export const MAX_DISTRIBUTION_CHARTS = 6;

/** Test names for people. */
export const TEST_LABELS: Record<string, string> = {
  ks: 'Kolmogorov–Smirnov',
  chi2: 'Chi-square',
  z: 'Proportion z-test',
  wasserstein: 'Wasserstein (normed)',
  jensenshannon: 'Jensen–Shannon',
  psi: 'PSI',
  kl: 'KL divergence',
};

/**
 * How far past (or short of) its threshold a column is: > 1 means drift. p-value tests compare
 * threshold/p, distances score/threshold, so columns with different tests can be ranked together.
 */
export function driftSeverity(c: ColumnDrift): number {
  if (Number.isNaN(c.score)) return 0;
  return P_VALUE_TESTS.has(c.test) ? c.threshold / Math.max(c.score, 1e-300) : c.score / c.threshold;
}

/** Columns ordered by {@link driftSeverity}, strongest first. */
export function rankBySeverity(columns: readonly ColumnDrift[]): ColumnDrift[] {
  return [...columns].sort((a, b) => driftSeverity(b) - driftSeverity(a));
}

function bandHeight(n: number): number {
  return Math.max(120, Math.min(900, 22 * n + 40));
}

/** Display range of the relative score on its log axis. */
const SEVERITY_MIN = 1e-3;
const SEVERITY_MAX = 1e3;

/**
 * One bar per column: its score relative to its threshold ({@link driftSeverity}, log axis,
 * longer = more drift) with a rule at 1, coloured by verdict; tooltips give the raw numbers.
 */
export function driftScoreChart(columns: readonly ColumnDrift[], id = 'drift-scores', title = 'Drift score per column'): ChartEntry {
  const rows = columns.map((c) => ({
    column: c.column, test: TEST_LABELS[c.test], kind: P_VALUE_TESTS.has(c.test) ? 'p-value' : 'distance',
    relative: Math.min(SEVERITY_MAX, Math.max(SEVERITY_MIN, driftSeverity(c))),
    score: finiteOrNull(c.score), statistic: finiteOrNull(c.statistic), threshold: c.threshold, drift: c.drift ? 'drift' : 'no drift',
  }));
  const tooltip = [
    { field: 'column', title: 'Column' },
    { field: 'test', title: 'Test' },
    { field: 'kind', title: 'Score is' },
    { field: 'score', type: 'quantitative' as const, title: 'Score', format: '.4~g' },
    { field: 'statistic', type: 'quantitative' as const, title: 'Statistic', format: '.4~g' },
    { field: 'threshold', type: 'quantitative' as const, title: 'Threshold', format: '.4~g' },
    { field: 'relative', type: 'quantitative' as const, title: 'Relative to threshold', format: '.3~g' },
    { field: 'drift', title: 'Verdict' },
  ];
  const x = { field: 'relative', type: 'quantitative' as const, title: 'Score relative to threshold (threshold ÷ p, or distance ÷ threshold; > 1 is drift)', scale: { type: 'log' as const, domain: [SEVERITY_MIN, SEVERITY_MAX] } };
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Drift score of each column relative to its threshold on a log axis: threshold ÷ p-value for ks, chi2 and z, distance ÷ threshold for the others. Right of the line at 1 is drift.',
    data: { values: rows },
    ...containerSized(bandHeight(rows.length)),
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'column', type: 'nominal', sort: null, title: null },
          x: { ...x, stack: null },
          x2: { datum: SEVERITY_MIN },
          color: { field: 'drift', type: 'nominal', title: 'Verdict', scale: { domain: ['drift', 'no drift'], range: ['#e45756', '#4c78a8'] } },
          tooltip,
        },
      },
      { mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { x: { datum: 1, type: 'quantitative' } } },
    ],
  };
  const drifted = columns.filter((c) => c.drift).length;
  return {
    id, title,
    summary: `${drifted} of ${columns.length} column${columns.length === 1 ? '' : 's'} drifted`,
    spec,
    table: { columns: ['Column', 'Test', 'Statistic', 'p-value', 'Threshold', 'Drift'], rows: columns.map((c) => [c.column, c.test, finiteOrNull(c.statistic), c.p_value, c.threshold, c.drift ? 'yes' : 'no']) },
  };
}

/** Reference vs current distribution of one column. */
export function distributionChart(c: ColumnDrift, id: string): ChartEntry {
  const d = c.distribution;
  const labels = [...d.labels];
  const ref = [...d.reference];
  const cur = [...d.current];
  if (d.other) {
    labels.push('(other)');
    ref.push(d.other.reference);
    cur.push(d.other.current);
  }
  const value = c.p_value !== null ? `p = ${formatNumber(c.p_value)}` : `= ${formatNumber(c.statistic)}`;
  const verdict = `${TEST_LABELS[c.test]} ${value}, threshold ${c.threshold}: ${c.drift ? 'drift' : 'no drift'}`;
  const values: Record<string, string | number | null>[] = [];
  labels.forEach((label, i) => {
    const bin: Record<string, number> = d.edges ? { start: d.edges[i], end: d.edges[i + 1] } : {};
    values.push({ dataset: 'reference', label, share: ref[i], ...bin }, { dataset: 'current', label, share: cur[i], ...bin });
  });
  const color = { field: 'dataset', type: 'nominal' as const, title: 'Dataset', scale: { domain: ['reference', 'current'], range: ['#4c78a8', '#f58518'] } };
  const tooltip = [
    { field: 'dataset', title: 'Dataset' },
    { field: 'label', title: d.kind === 'histogram' ? 'Bin' : 'Category' },
    { field: 'share', type: 'quantitative' as const, title: 'Share', format: '.1%' },
  ];
  const spec: TopLevelSpec = d.kind === 'histogram'
    ? {
      $schema: VEGA_LITE_SCHEMA,
      description: `Histogram of ${c.column}, reference and current overlaid (shares of non-missing values).`,
      data: { values },
      ...containerSized(),
      mark: { type: 'bar', opacity: 0.55, tooltip: true, binSpacing: 0 },
      encoding: {
        x: { field: 'start', type: 'quantitative', title: c.column, scale: { zero: false } },
        x2: { field: 'end' },
        y: { field: 'share', type: 'quantitative', title: 'Share of rows', axis: { format: '%' }, stack: null },
        y2: { datum: 0 },
        color, tooltip,
      },
    }
    : {
      $schema: VEGA_LITE_SCHEMA,
      description: `Category shares of ${c.column}, reference next to current.`,
      data: { values },
      ...containerSized(),
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'label', type: 'nominal', title: c.column, sort: null },
        xOffset: { field: 'dataset', sort: ['reference', 'current'] },
        y: { field: 'share', type: 'quantitative', title: 'Share of rows', axis: { format: '%' } },
        color, tooltip,
      },
    };
  const table: Cell[][] = labels.map((label, i) => [label, ref[i], cur[i]]);
  return { id, title: `${c.column}: reference vs current`, summary: verdict, spec, table: { columns: [d.kind === 'histogram' ? 'Bin' : 'Category', 'Reference share', 'Current share'], rows: table } };
}

/** The overlay charts of the columns that drifted most (if none drifted, the closest few). */
export function distributionCharts(columns: readonly ColumnDrift[], prefix = 'distribution'): ChartEntry[] {
  const ranked = rankBySeverity(columns);
  const drifted = ranked.filter((c) => c.drift);
  const shown = (drifted.length > 0 ? drifted : ranked.slice(0, 3)).slice(0, MAX_DISTRIBUTION_CHARTS);
  return shown.map((c) => distributionChart(c, `${prefix}-${columns.indexOf(c)}`));
}

/** Every drift chart of a result: scores, overlays, and the same for predictions if any. */
export function driftCharts(result: DriftResult): ChartEntry[] {
  const charts = [driftScoreChart(result.columns), ...distributionCharts(result.columns)];
  if (result.prediction) {
    charts.push(...result.prediction.columns.map((c, i) => distributionChart(c, `prediction-${i}`)));
  }
  return charts;
}

/** "3 of 7 columns drifted (42.9%)". */
export function driftHeadline(result: DriftResult): string {
  return `${result.n_drifted} of ${result.n_columns} columns drifted (${formatPercent(result.share_drifted)})`;
}
