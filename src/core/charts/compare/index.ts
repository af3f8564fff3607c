/**
 * Charts of a model comparison: metric deltas against the baseline, baseline-vs-variant score
 * scatters with flipped rows highlighted, and latency/size bars.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CompareResult, VariantDelta } from '../../deploy/compare/types';
import { VEGA_LITE_SCHEMA, containerSized, finiteOrNull } from '../common';
import { formatNumber } from '../format';
import type { Cell, ChartEntry } from '../types';

/** Bars of `variant − baseline` per metric, one colour per variant. */
export function metricDeltaChart(result: CompareResult): ChartEntry {
  const rows: Cell[][] = [];
  for (const d of result.deltas) for (const [metric, m] of Object.entries(d.metrics)) rows.push([d.variant, metric, finiteOrNull(m.baseline), finiteOrNull(m.variant), finiteOrNull(m.delta)]);
  const values = rows.map(([variant, metric, baseline, value, delta]) => ({ variant, metric, baseline, value, delta }));
  const worst = result.deltas.flatMap((d) => Object.entries(d.metrics).map(([k, m]) => ({ v: d.variant, k, d: m.delta }))).sort((a, b) => Math.abs(b.d) - Math.abs(a.d))[0];
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    ...containerSized(Math.max(200, 18 * values.length)),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'metric', type: 'nominal', title: null },
      yOffset: { field: 'variant' },
      x: { field: 'delta', type: 'quantitative', title: 'variant − baseline' },
      color: { field: 'variant', type: 'nominal', title: 'Variant' },
      tooltip: [
        { field: 'variant', type: 'nominal' }, { field: 'metric', type: 'nominal' },
        { field: 'baseline', type: 'quantitative', format: '.4f' }, { field: 'value', type: 'quantitative', format: '.4f' },
        { field: 'delta', type: 'quantitative', format: '+.4f' },
      ],
    },
  };
  return {
    id: 'compare-metric-deltas',
    title: `Metric changes against ${result.variants[0].name}`,
    summary: worst ? `Largest change: ${worst.k} ${worst.d >= 0 ? '+' : ''}${formatNumber(worst.d)} (${worst.v})` : 'No metrics to compare',
    spec,
    table: { columns: ['Variant', 'Metric', 'Baseline', 'Variant value', 'Delta'], rows },
  };
}

/** Baseline score (x) against variant score (y) per row; flipped rows drawn on top in another colour. */
export function scoreScatterChart(result: CompareResult, delta: VariantDelta, index: number): ChartEntry {
  const base = result.variants[0].name;
  const what = result.task === 'regression' ? 'prediction' : result.task === 'binary' ? `P(${result.positive_class ?? 'positive'})` : "score of the baseline's class";
  const values = delta.scores.map((p) => ({ row: p.row, baseline: p.baseline, variant: p.variant, flipped: p.flipped ? 'flipped' : 'same call' }));
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    ...containerSized(),
    data: { values },
    layer: [
      {
        mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.5 },
        encoding: {
          x: { aggregate: 'min', field: 'baseline', type: 'quantitative' },
          y: { aggregate: 'min', field: 'baseline', type: 'quantitative' },
          x2: { aggregate: 'max', field: 'baseline' },
          y2: { aggregate: 'max', field: 'baseline' },
        },
      },
      {
        mark: { type: 'point', filled: true, tooltip: true },
        encoding: {
          x: { field: 'baseline', type: 'quantitative', title: `${base}: ${what}`, scale: { zero: false } },
          y: { field: 'variant', type: 'quantitative', title: `${delta.variant}: ${what}`, scale: { zero: false } },
          color: { field: 'flipped', type: 'nominal', title: null, scale: { domain: ['same call', 'flipped'] } },
          opacity: { condition: { test: "datum.flipped === 'flipped'", value: 1 }, value: 0.35 },
          order: { field: 'flipped', sort: 'descending' },
          tooltip: [{ field: 'row', type: 'quantitative' }, { field: 'baseline', type: 'quantitative', format: '.4f' }, { field: 'variant', type: 'quantitative', format: '.4f' }, { field: 'flipped', type: 'nominal' }],
        },
      },
    ],
  };
  return {
    id: `compare-scores-${index + 1}`,
    title: `Scores: ${base} vs ${delta.variant}`,
    summary: `${delta.n_flipped} flipped row${delta.n_flipped === 1 ? '' : 's'}; max |Δoutput| ${formatNumber(delta.output_diff.max_abs)}`,
    spec,
    table: { columns: ['Row', base, delta.variant, 'Flipped'], rows: values.map((v) => [v.row, v.baseline, v.variant, v.flipped]) },
  };
}

/**
 * Bars of file size and single-row/batch latency per variant, drawn relative to the baseline
 * (1 = same) so quantities in KiB and ms share one axis; tooltips carry the absolute values.
 */
export function latencySizeChart(result: CompareResult): ChartEntry {
  const b = result.variants[0];
  const measures = (v: CompareResult['variants'][number]) => [
    { measure: 'file size', value: v.size_bytes / 1024, unit: 'KiB', base: b.size_bytes / 1024 },
    { measure: 'latency, 1 row (p50)', value: v.latency.single_row.p50_ms, unit: 'ms', base: b.latency.single_row.p50_ms },
    { measure: `latency, ${v.latency.batch.rows} rows (p50)`, value: v.latency.batch.p50_ms, unit: 'ms', base: b.latency.batch.p50_ms },
  ];
  const values = result.variants.flatMap((v) => measures(v).map((m) => ({ variant: v.name, measure: m.measure, value: m.value, unit: m.unit, relative: m.base > 0 ? m.value / m.base : null })));
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    ...containerSized(Math.max(160, 22 * values.length)),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'measure', type: 'nominal', title: null, sort: null },
      yOffset: { field: 'variant', sort: null },
      x: { field: 'relative', type: 'quantitative', title: `relative to ${b.name} (1 = same)` },
      color: { field: 'variant', type: 'nominal', title: 'Variant', sort: null },
      tooltip: [
        { field: 'variant', type: 'nominal' }, { field: 'measure', type: 'nominal' },
        { field: 'value', type: 'quantitative', format: '.3f' }, { field: 'unit', type: 'nominal' },
        { field: 'relative', type: 'quantitative', format: '.3f' },
      ],
    },
  };
  const smallest = [...result.variants].sort((x, y) => x.size_bytes - y.size_bytes)[0];
  return {
    id: 'compare-latency-size',
    title: 'File size and latency',
    summary: `Smallest file: ${smallest.name} (${formatNumber(smallest.size_bytes / 1024, 3)} KiB)`,
    spec,
    table: { columns: ['Variant', 'Measure', 'Value', 'Unit', 'Relative to baseline'], rows: values.map((v) => [v.variant, v.measure, v.value, v.unit, v.relative]) },
  };
}

/** Every chart of a comparison, in report order. */
export function compareCharts(result: CompareResult): ChartEntry[] {
  return [metricDeltaChart(result), ...result.deltas.map((d, i) => scoreScatterChart(result, d, i)), latencySizeChart(result)];
}
