/**
 * Benchmark charts: latency percentiles per batch size, and throughput per batch size.
 * Batch sizes are drawn on an ordinal axis: they are chosen values (1, 8, 32, 128), and equal
 * spacing reads better than a log scale for four points.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BenchResult } from '../../deploy/bench/types';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { ChartEntry } from '../types';

const PERCENTILES = [
  { key: 'p50', label: 'p50' },
  { key: 'p90', label: 'p90' },
  { key: 'p99', label: 'p99' },
] as const;

/** Grouped bars of p50/p90/p99 latency (ms per call) for each batch size. */
export function latencyPercentilesChart(result: BenchResult): ChartEntry {
  const values = result.batches.flatMap((b) =>
    PERCENTILES.map((p, order) => ({ batch: String(b.batch_size), percentile: p.label, order, ms: b.latency_ms[p.key], per_row_ms: b.latency_ms[p.key] / b.batch_size })),
  );
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Latency per call at the 50th, 90th and 99th percentile, for each batch size.',
    ...containerSized(280),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'batch', type: 'ordinal', title: 'Batch size', sort: result.batches.map((b) => String(b.batch_size)), axis: { labelAngle: 0 } },
      xOffset: { field: 'percentile', sort: PERCENTILES.map((p) => p.label) },
      y: { field: 'ms', type: 'quantitative', title: 'Latency per call (ms)' },
      color: { field: 'percentile', type: 'nominal', title: 'Percentile', sort: PERCENTILES.map((p) => p.label) },
      tooltip: [
        { field: 'batch', type: 'ordinal', title: 'Batch size' },
        { field: 'percentile', type: 'nominal', title: 'Percentile' },
        { field: 'ms', type: 'quantitative', title: 'ms per call', format: '.4~g' },
        { field: 'per_row_ms', type: 'quantitative', title: 'ms per row', format: '.4~g' },
      ],
    },
  };
  const first = result.batches[0];
  return {
    id: 'latency-percentiles',
    title: 'Latency percentiles per batch size',
    summary: first ? `p50 ${formatNumber(first.latency_ms.p50)} ms, p99 ${formatNumber(first.latency_ms.p99)} ms at batch size ${first.batch_size}` : 'no batches measured',
    spec,
    table: {
      columns: ['Batch size', 'p50 (ms)', 'p90 (ms)', 'p99 (ms)'],
      rows: result.batches.map((b) => [b.batch_size, b.latency_ms.p50, b.latency_ms.p90, b.latency_ms.p99]),
    },
  };
}

/** Bars of throughput (rows per second) for each batch size. */
export function throughputChart(result: BenchResult): ChartEntry {
  const values = result.batches.map((b) => ({ batch: String(b.batch_size), rows_per_s: b.throughput_rows_per_s, calls_per_s: b.calls_per_s }));
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Throughput in rows per second for each batch size.',
    ...containerSized(240),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'batch', type: 'ordinal', title: 'Batch size', sort: values.map((v) => v.batch), axis: { labelAngle: 0 } },
      y: { field: 'rows_per_s', type: 'quantitative', title: 'Throughput (rows/s)' },
      tooltip: [
        { field: 'batch', type: 'ordinal', title: 'Batch size' },
        { field: 'rows_per_s', type: 'quantitative', title: 'Rows/s', format: ',.0f' },
        { field: 'calls_per_s', type: 'quantitative', title: 'Calls/s', format: ',.0f' },
      ],
    },
  };
  const best = result.batches.reduce<(typeof result.batches)[number] | undefined>((a, b) => (!a || b.throughput_rows_per_s > a.throughput_rows_per_s ? b : a), undefined);
  return {
    id: 'throughput',
    title: 'Throughput per batch size',
    summary: best ? `highest throughput ${formatNumber(best.throughput_rows_per_s)} rows/s at batch size ${best.batch_size}` : 'no batches measured',
    spec,
    table: { columns: ['Batch size', 'Rows/s', 'Calls/s'], rows: result.batches.map((b) => [b.batch_size, b.throughput_rows_per_s, b.calls_per_s]) },
  };
}

/** Both benchmark charts, latency first. */
export function benchCharts(result: BenchResult): ChartEntry[] {
  return result.batches.length > 0 ? [latencyPercentilesChart(result), throughputChart(result)] : [];
}
