/**
 * Fairness charts: per-group rates as grouped bars with bootstrap error bars and a tick at the
 * overall rate, and the between-group gaps (differences) with their intervals.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FairnessResult } from '../../fairness/fairness';
import { DISPARITY_NAMES, RATE_NAMES } from '../../fairness/metrics';
import { containerSized, finiteOrNull, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { Cell, ChartEntry } from '../types';
import { DISPARITY_LABELS, RATE_LABELS } from './labels';

const RATE_ORDER = RATE_NAMES.map((m) => RATE_LABELS[m]);

/** Per-group selection rate, TPR, FPR and precision, with the overall rate as a black tick. */
export function groupRatesChart(r: FairnessResult): ChartEntry {
  const bars = r.groups.flatMap((g) => RATE_NAMES.map((m) => ({
    metric: RATE_LABELS[m], group: g.group, value: finiteOrNull(g[m]), count: g.count,
    low: finiteOrNull(g.ci[m]?.[0]), high: finiteOrNull(g.ci[m]?.[1]),
  })));
  const overall = RATE_NAMES.map((m) => ({ metric: RATE_LABELS[m], overall: finiteOrNull(r.overall[m]) }));
  const x = { field: 'metric', type: 'nominal' as const, sort: RATE_ORDER, title: null, axis: { labelAngle: 0 } };
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'Rate' };
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: `Rates per ${r.sensitive} group; the black tick is the rate over all rows; whiskers are bootstrap intervals.`,
    ...containerSized(),
    layer: [
      {
        data: { values: bars },
        encoding: { x, xOffset: { field: 'group', type: 'nominal', sort: r.groups.map((g) => g.group) } },
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              y: { ...y, field: 'value' },
              color: { field: 'group', type: 'nominal', title: r.sensitive, sort: r.groups.map((g) => g.group) },
              tooltip: [
                { field: 'group', title: r.sensitive },
                { field: 'metric', title: 'Rate' },
                { field: 'value', type: 'quantitative', format: '.4f', title: 'Value' },
                { field: 'low', type: 'quantitative', format: '.4f', title: 'Interval low' },
                { field: 'high', type: 'quantitative', format: '.4f', title: 'Interval high' },
                { field: 'count', type: 'quantitative', title: 'Rows' },
              ],
            },
          },
          { mark: { type: 'rule' }, encoding: { y: { ...y, field: 'low' }, y2: { field: 'high' } } },
        ],
      },
      {
        data: { values: overall },
        mark: { type: 'tick', thickness: 2, color: 'black', tooltip: true },
        encoding: { x, y: { ...y, field: 'overall' }, tooltip: [{ field: 'metric', title: 'Rate' }, { field: 'overall', type: 'quantitative', format: '.4f', title: 'All rows' }] },
      },
    ],
  };
  const rows: Cell[][] = r.groups.map((g) => [g.group, g.count, ...RATE_NAMES.map((m) => finiteOrNull(g[m]))]);
  rows.push(['all rows', r.overall.count, ...RATE_NAMES.map((m) => finiteOrNull(r.overall[m]))]);
  return {
    id: 'fairness-rates',
    title: `Rates by ${r.sensitive}`,
    summary: `Selection rate from ${formatNumber(Math.min(...r.groups.map((g) => g.selection_rate)))} to ${formatNumber(Math.max(...r.groups.map((g) => g.selection_rate)))} across ${r.groups.length} groups of ${r.sensitive}`,
    spec,
    table: { columns: [r.sensitive, 'Rows', ...RATE_ORDER], rows },
  };
}

/** The between-group differences (0 = parity) with bootstrap intervals. */
export function disparityChart(r: FairnessResult): ChartEntry {
  const names = DISPARITY_NAMES.filter((d) => d.endsWith('_difference'));
  const values = names.map((d) => ({
    disparity: DISPARITY_LABELS[d], value: finiteOrNull(r.disparities[d]),
    low: finiteOrNull(r.ci[d]?.[0]), high: finiteOrNull(r.ci[d]?.[1]),
  }));
  const x = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'Difference between groups (max − min)' };
  const yEnc = { field: 'disparity', type: 'nominal' as const, sort: values.map((v) => v.disparity), title: null };
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Fairness gaps: 0 means every group has the same rate; whiskers are bootstrap intervals.',
    data: { values },
    ...containerSized(40 * values.length + 40),
    encoding: { y: yEnc },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { ...x, field: 'value' },
          tooltip: [
            { field: 'disparity', title: 'Gap' },
            { field: 'value', type: 'quantitative', format: '.4f', title: 'Value' },
            { field: 'low', type: 'quantitative', format: '.4f', title: 'Interval low' },
            { field: 'high', type: 'quantitative', format: '.4f', title: 'Interval high' },
          ],
        },
      },
      { mark: { type: 'rule' }, encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } } },
    ],
  };
  return {
    id: 'fairness-gaps',
    title: `Fairness gaps by ${r.sensitive}`,
    summary: `Demographic parity difference ${formatNumber(r.disparities.demographic_parity_difference)}, equalized odds difference ${formatNumber(r.disparities.equalized_odds_difference)}`,
    spec,
    table: { columns: ['Gap', 'Value', 'Interval low', 'Interval high'], rows: values.map((v) => [v.disparity, v.value, v.low, v.high]) },
  };
}
