/**
 * buildBenchReport: a model benchmark → a Report with a summary (model, settings, machine,
 * memory), warnings, the latency and throughput charts, and a table per batch size.
 */
import { benchCharts } from '../charts/latency';
import { formatBytes, formatNumber } from '../charts/format';
import type { BenchResult } from '../deploy/bench/types';
import type { MetricCard, Report, ReportSection } from './types';

/** Builds the benchmark report. Order: summary, warnings, charts, tables. */
export function buildBenchReport(result: BenchResult): Report {
  const s = result.settings;
  const m = result.memory;
  const env = result.environment;
  const facts: [string, string][] = [
    ['Model', `${result.model.file_name} (${formatBytes(result.model.size_bytes)})`],
    ['Inputs', result.model.inputs.map((i) => `${i.name}: ${i.type}[${i.shape.map((d) => d ?? '?').join(', ')}]`).join('; ')],
    ['Input values', result.inputs_from === 'random' ? `random (seed ${s.seed})` : `rows of ${result.inputs_from}`],
    ['Threads', s.threads === 'default' ? "onnxruntime's default (intra-op pool of one per core)" : `${s.threads} intra-op`],
    ['Timed', s.mode === 'iterations' ? `${s.iterations} calls per batch size` : `${s.seconds} s per batch size`],
    ['Warm-up', `${s.warmup} calls per batch size, not timed`],
    ['Percentiles', s.percentile_method],
    ['Session load', `${formatNumber(result.load_ms)} ms`],
    ['Memory (RSS)', `${formatBytes(m.rss_before_load)} before load, ${formatBytes(m.rss_after_load)} after, peak ${formatBytes(m.peak_rss_during_run)} during the run`],
    ['Machine', `${env.cpu_model}, ${env.cpus} CPUs, ${env.platform}/${env.arch}, Node ${env.node}, onnxruntime ${env.onnxruntime}`],
  ];
  const first = result.batches[0];
  const best = [...result.batches].sort((a, b) => b.throughput_rows_per_s - a.throughput_rows_per_s)[0];
  const cards: MetricCard[] = [];
  if (first) cards.push({ key: 'p50', label: `p50 latency, batch ${first.batch_size} (ms)`, value: first.latency_ms.p50 }, { key: 'p99', label: `p99 latency, batch ${first.batch_size} (ms)`, value: first.latency_ms.p99 });
  if (best) cards.push({ key: 'throughput', label: `Best throughput, batch ${best.batch_size} (rows/s)`, value: best.throughput_rows_per_s });
  cards.push({ key: 'peak_rss_mib', label: 'Peak RSS (MiB)', value: m.peak_rss_during_run / 2 ** 20 });

  const sections: ReportSection[] = [{ kind: 'summary', id: 'summary', title: 'Summary', facts, cards }];
  if (result.warnings.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: 'Warnings', items: [...result.warnings] });
  const charts = benchCharts(result);
  if (charts.length > 0) sections.push({ kind: 'charts', id: 'charts', title: 'Latency and throughput', charts });
  sections.push({
    kind: 'tables',
    id: 'batches',
    title: 'Per batch size',
    tables: [
      {
        caption: 'Latency per call in milliseconds (warm-up excluded); throughput in rows per second',
        table: {
          columns: ['Batch size', 'Calls', 'Mean', 'Std', 'Min', 'p50', 'p90', 'p99', 'Max', 'Rows/s', 'Peak RSS (MiB)'],
          rows: result.batches.map((b) => [
            b.batch_size, b.iterations, b.latency_ms.mean, b.latency_ms.std, b.latency_ms.min, b.latency_ms.p50, b.latency_ms.p90,
            b.latency_ms.p99, b.latency_ms.max, b.throughput_rows_per_s, b.peak_rss_bytes / 2 ** 20,
          ]),
        },
      },
    ],
  });
  return {
    title: `Benchmark: ${result.model.file_name}`,
    subtitle: `${result.batches.length} batch size${result.batches.length === 1 ? '' : 's'} · ${s.threads === 'default' ? 'default threads' : `${s.threads} thread${s.threads === 1 ? '' : 's'}`}`,
    created: result.created,
    posthoc_version: result.posthoc_version,
    sections,
  };
}
