/**
 * buildCohortsReport: per-cohort metrics → a Report with a summary, the warnings, one chart per
 * headline metric, a table of every metric per cohort beside all rows, and the intervals.
 */
import { cohortCharts } from '../charts/fairness/cohorts';
import { formatNumber, formatPercent } from '../charts/format';
import type { Cell } from '../charts/types';
import type { CohortMetrics, CohortsResult } from '../cohorts/cohortMetrics';
import { metricLabel, TASK_LABELS } from './strings';
import type { Report, ReportSection } from './types';

function interval(c: CohortMetrics, m: string): string {
  const ci = c.ci[m];
  return ci ? `${formatNumber(ci[0])} – ${formatNumber(ci[1])}` : '';
}

/** Builds the cohorts report. Order: summary, warnings, charts, metric table, interval table. */
export function buildCohortsReport(r: CohortsResult): Report {
  const datasetName = r.dataset.path.split(/[\\/]/).pop() || r.dataset.path;
  const facts: [string, string][] = [
    ['Task', TASK_LABELS[r.task]],
    ['Model', r.model.file_name],
    ['Dataset', `${r.dataset.path} (${formatNumber(r.n_rows)} rows, label '${r.dataset.label}')`],
    ['Cohorts', r.cohorts.map((c) => (c.expression !== undefined && c.expression !== c.name ? `${c.name}: ${c.expression}` : c.name)).join('; ') || 'none'],
  ];
  if (r.threshold !== undefined) facts.push(['Threshold', formatNumber(r.threshold)]);
  if (r.bootstrap) facts.push(['Intervals', `${formatPercent(r.bootstrap.confidence)} bootstrap, ${r.bootstrap.n} resamples per cohort (seed ${r.bootstrap.seed})`]);
  const sections: ReportSection[] = [{ kind: 'summary', id: 'summary', title: 'Summary', facts, cards: [] }];
  if (r.warnings.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: 'Warnings', items: [...r.warnings] });
  const charts = cohortCharts(r);
  if (charts.length > 0) sections.push({ kind: 'charts', id: 'charts', title: 'Headline metrics by cohort', charts });
  const all = [r.overall, ...r.cohorts];
  const metricNames = Object.keys(r.overall.metrics);
  const rows: Cell[][] = metricNames.map((m) => [metricLabel(m), ...all.map((c) => (m in c.metrics ? c.metrics[m] : null))]);
  rows.unshift(['Rows', ...all.map((c) => c.n_rows)], ['Share of rows', ...all.map((c) => formatPercent(c.fraction))]);
  const header = all.map((c) => c.name);
  sections.push({ kind: 'tables', id: 'metrics', title: 'Metrics by cohort', tables: [{ caption: 'Every metric, all rows first', table: { columns: ['Metric', ...header], rows } }] });
  if (r.bootstrap) {
    const ciRows: Cell[][] = r.headline.map((m) => [metricLabel(m), ...all.map((c) => interval(c, m))]);
    sections.push({ kind: 'tables', id: 'intervals', title: 'Bootstrap intervals', tables: [{ table: { columns: ['Metric', ...header], rows: ciRows } }] });
  }
  return {
    title: `${r.model.file_name} on ${datasetName}: cohorts`,
    subtitle: `${TASK_LABELS[r.task]} · ${r.cohorts.length} cohort${r.cohorts.length === 1 ? '' : 's'} · ${formatNumber(r.n_rows)} rows`,
    created: r.created,
    posthoc_version: r.posthoc_version,
    sections,
  };
}
