/**
 * Cohort charts: one metric per chart, a bar per cohort with its bootstrap interval and a
 * dashed line at the whole dataset's value, so a cohort that does worse stands out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CohortsResult } from '../../cohorts/cohortMetrics';
import { metricLabel } from '../../report/strings';
import { containerSized, finiteOrNull, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { ChartEntry } from '../types';

/** The chart of one metric across cohorts. */
export function cohortMetricChart(r: CohortsResult, metric: string): ChartEntry {
  const label = metricLabel(metric);
  const values = r.cohorts.map((c) => ({
    cohort: c.name, expression: c.expression ?? '', rows: c.n_rows,
    value: finiteOrNull(c.metrics[metric]), low: finiteOrNull(c.ci[metric]?.[0]), high: finiteOrNull(c.ci[metric]?.[1]),
  }));
  const overall = finiteOrNull(r.overall.metrics[metric]);
  const x = { type: 'quantitative' as const, title: label };
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `${label} per cohort with bootstrap intervals; the dashed line is the value over all rows.`,
    ...containerSized(Math.max(80, 28 * values.length + 40)),
    layer: [
      {
        data: { values },
        encoding: { y: { field: 'cohort', type: 'nominal', sort: values.map((v) => v.cohort), title: null } },
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              x: { ...x, field: 'value' },
              tooltip: [
                { field: 'cohort', title: 'Cohort' },
                { field: 'expression', title: 'Filter' },
                { field: 'rows', type: 'quantitative', title: 'Rows' },
                { field: 'value', type: 'quantitative', format: '.4f', title: label },
                { field: 'low', type: 'quantitative', format: '.4f', title: 'Interval low' },
                { field: 'high', type: 'quantitative', format: '.4f', title: 'Interval high' },
              ],
            },
          },
          { mark: { type: 'rule' }, encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } } },
        ],
      },
      {
        data: { values: [{ overall }] },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 2, tooltip: true },
        encoding: { x: { ...x, field: 'overall' }, tooltip: [{ field: 'overall', type: 'quantitative', format: '.4f', title: `${label}, all rows` }] },
      },
    ],
  };
  const defined = values.filter((v) => v.value !== null);
  const worst = defined.length > 0 ? defined.reduce((a, b) => ((a.value ?? 0) <= (b.value ?? 0) ? a : b)) : undefined;
  return {
    id: `cohort-${metric}`,
    title: `${label} by cohort`,
    summary: `${label} over all rows ${formatNumber(overall)}${worst ? `; lowest in '${worst.cohort}' (${formatNumber(worst.value)})` : ''}`,
    spec,
    table: { columns: ['Cohort', 'Rows', label, 'Interval low', 'Interval high'], rows: values.map((v) => [v.cohort, v.rows, v.value, v.low, v.high]) },
  };
}

/** One chart per headline metric of the task. */
export function cohortCharts(r: CohortsResult): ChartEntry[] {
  if (r.cohorts.length === 0) return [];
  return r.headline.map((m) => cohortMetricChart(r, m));
}
