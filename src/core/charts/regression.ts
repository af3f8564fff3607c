/**
 * Regression charts: predicted against actual values, and the residual histogram.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ResidualPlotData } from '../evaluate/types';
import { containerSized, VEGA_LITE_SCHEMA } from './common';
import { formatNumber } from './format';
import type { ChartEntry } from './types';

/** Scatter of predicted against actual values with the y = x line of a perfect model. */
export function predictedVsActualChart(data: ResidualPlotData): ChartEntry {
  const n = Math.min(data.actual.length, data.predicted.length);
  const points = Array.from({ length: n }, (_, i) => ({ actual: data.actual[i], predicted: data.predicted[i], residual: data.actual[i] - data.predicted[i] }))
    .filter((p) => Number.isFinite(p.actual) && Number.isFinite(p.predicted));
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.actual, p.predicted);
    hi = Math.max(hi, p.actual, p.predicted);
  }
  if (!(lo < hi)) [lo, hi] = [Number.isFinite(lo) ? lo - 1 : 0, Number.isFinite(hi) ? hi + 1 : 1];
  // Same domain on both axes, so the y = x line is a true 45° diagonal.
  const scale = { domain: [lo, hi], nice: false, zero: false };
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Predicted against actual values; points on the dashed line y = x are exact predictions.',
    ...containerSized(340),
    layer: [
      {
        data: { values: [{ from: lo, to: hi }] },
        mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.6 },
        encoding: { x: { field: 'from', type: 'quantitative' }, y: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y2: { field: 'to' } },
      },
      {
        data: { values: points },
        mark: { type: 'circle', opacity: points.length > 1000 ? 0.35 : 0.6, size: points.length > 1000 ? 12 : 30, tooltip: true },
        encoding: {
          x: { field: 'actual', type: 'quantitative', title: 'Actual', scale },
          y: { field: 'predicted', type: 'quantitative', title: 'Predicted', scale },
          tooltip: [
            { field: 'actual', type: 'quantitative', title: 'Actual', format: '.4~g' },
            { field: 'predicted', type: 'quantitative', title: 'Predicted', format: '.4~g' },
            { field: 'residual', type: 'quantitative', title: 'Residual', format: '.4~g' },
          ],
        },
      },
    ],
  };
  return {
    id: 'predicted-vs-actual',
    title: 'Predicted vs actual',
    summary: `${points.length} points; actual and predicted span ${formatNumber(lo)} to ${formatNumber(hi)}`,
    spec,
    table: { columns: ['Actual', 'Predicted', 'Residual'], rows: points.map((p) => [p.actual, p.predicted, p.residual]) },
  };
}

/** Histogram of residuals (actual − predicted) with a rule at zero. */
export function residualHistogramChart(data: ResidualPlotData): ChartEntry {
  const edges = data.residual_bin_edges;
  const bins = data.residual_counts.map((count, i) => ({ from: edges[i], to: edges[i + 1], count }));
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Histogram of residuals, actual minus predicted; the rule marks zero error.',
    ...containerSized(240),
    layer: [
      {
        data: { values: bins },
        mark: { type: 'bar', tooltip: true, binSpacing: 1 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: 'Residual (actual − predicted)', bin: { binned: true } },
          x2: { field: 'to' },
          y: { field: 'count', type: 'quantitative', title: 'Rows' },
          tooltip: [
            { field: 'from', type: 'quantitative', title: 'From', format: '.4~g' },
            { field: 'to', type: 'quantitative', title: 'To', format: '.4~g' },
            { field: 'count', type: 'quantitative', title: 'Rows' },
          ],
        },
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
    ],
  };
  const total = data.residual_counts.reduce((a, b) => a + b, 0);
  return {
    id: 'residuals',
    title: 'Residuals',
    summary: `${formatNumber(total)} residuals from ${formatNumber(edges[0])} to ${formatNumber(edges[edges.length - 1])}`,
    spec,
    table: { columns: ['From', 'To', 'Rows'], rows: bins.map((b) => [b.from, b.to, b.count]) },
  };
}
