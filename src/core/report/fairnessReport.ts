/**
 * buildFairnessReport: group fairness → a Report with the disparities as cards, the warnings,
 * the rates and gaps charts, and tables of per-group rates and disparities with intervals.
 */
import { disparityChart, groupRatesChart } from '../charts/fairness/fairness';
import { DISPARITY_LABELS, RATE_LABELS } from '../charts/fairness/labels';
import { finiteOrNull } from '../charts/common';
import { formatNumber, formatPercent } from '../charts/format';
import type { Cell } from '../charts/types';
import type { FairnessResult } from '../fairness/fairness';
import { DISPARITY_NAMES, RATE_NAMES } from '../fairness/metrics';
import type { MetricCard, Report, ReportSection } from './types';

function ci(range: [number, number] | undefined): string {
  return range ? `${formatNumber(range[0])} – ${formatNumber(range[1])}` : '';
}

/** Builds the fairness report. Order: summary, warnings, charts, disparities, per-group rates. */
export function buildFairnessReport(r: FairnessResult): Report {
  const datasetName = r.dataset.path.split(/[\\/]/).pop() || r.dataset.path;
  const facts: [string, string][] = [
    ['Model', r.model.file_name],
    ['Dataset', `${r.dataset.path} (label '${r.dataset.label}')`],
    ['Rows', formatNumber(r.n_rows)],
    ['Sensitive column', `${r.sensitive} (${r.groups.length} groups)`],
    ['Positive class', r.positive_class],
  ];
  if (r.cohort) facts.push(['Cohort', `${r.cohort.name === r.cohort.expression ? r.cohort.expression : `${r.cohort.name}: ${r.cohort.expression}`} (${formatNumber(r.cohort.n_rows)} of ${formatNumber(r.cohort.n_total)} rows)`]);
  if (r.threshold !== undefined) facts.push(['Threshold', formatNumber(r.threshold)]);
  if (r.bootstrap) facts.push(['Intervals', `${formatPercent(r.bootstrap.confidence)} bootstrap, ${r.bootstrap.n} resamples (seed ${r.bootstrap.seed})`]);
  facts.push(['Definitions', 'as Fairlearn: difference = max − min over groups, ratio = min / max; equalized odds takes the worse of TPR and FPR']);
  const cards: MetricCard[] = DISPARITY_NAMES.filter((d) => Number.isFinite(r.disparities[d])).map((d) => ({
    key: d, label: DISPARITY_LABELS[d], value: r.disparities[d], ...(r.ci[d] ? { ci: r.ci[d] } : {}),
  }));
  const sections: ReportSection[] = [{ kind: 'summary', id: 'summary', title: 'Summary', facts, cards }];
  if (r.warnings.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: 'Warnings', items: [...r.warnings] });
  sections.push({ kind: 'charts', id: 'charts', title: 'Charts', charts: [groupRatesChart(r), disparityChart(r)] });
  const gapRows: Cell[][] = DISPARITY_NAMES.map((d) => [DISPARITY_LABELS[d], finiteOrNull(r.disparities[d]), ci(r.ci[d])]);
  const rateRows: Cell[][] = r.groups.map((g) => [g.group, g.count, ...RATE_NAMES.flatMap((m) => [finiteOrNull(g[m]), ci(g.ci[m])])]);
  rateRows.push(['all rows', r.overall.count, ...RATE_NAMES.flatMap((m) => [finiteOrNull(r.overall[m]), ''])]);
  sections.push(
    { kind: 'tables', id: 'disparities', title: 'Disparities', tables: [{ table: { columns: ['Disparity', 'Value', 'Interval'], rows: gapRows } }] },
    {
      kind: 'tables', id: 'groups', title: `Rates by ${r.sensitive}`,
      tables: [{ table: { columns: [r.sensitive, 'Rows', ...RATE_NAMES.flatMap((m) => [RATE_LABELS[m], 'Interval'])], rows: rateRows } }],
    },
  );
  return {
    title: `${r.model.file_name} on ${datasetName}: fairness by ${r.sensitive}`,
    subtitle: `${r.groups.length} groups · ${formatNumber(r.n_rows)} rows`,
    created: r.created,
    posthoc_version: r.posthoc_version,
    sections,
  };
}
