/**
 * buildCompareReport: a model comparison → a Report with a summary, warnings, charts, and tables
 * of variants, metric deltas, per-class changes and flipped rows.
 */
import { compareCharts } from '../charts/compare';
import { formatBytes, formatNumber } from '../charts/format';
import type { Cell } from '../charts/types';
import type { CompareResult } from '../deploy/compare/types';
import { formatInterval, formatP } from '../deploy/compare/verdict';
import type { Report, ReportSection, ReportTable } from './types';

/** Flipped rows shown per variant in the report (the JSON lists more). */
const FLIPPED_IN_REPORT = 200;

function variantTable(r: CompareResult): ReportTable {
  const metricKeys = Object.keys(r.variants[0].metrics);
  const rows: Cell[][] = r.variants.map((v) => [v.name, formatBytes(v.size_bytes), v.latency.single_row.mean_ms, v.latency.single_row.p50_ms, v.latency.batch.mean_ms, v.latency.batch.p50_ms, ...metricKeys.map((k) => v.metrics[k] ?? null)]);
  const b = r.variants[0].latency.batch.rows;
  return { caption: 'Variants (latency in ms over repeated calls)', table: { columns: ['Variant', 'Size', '1 row mean', '1 row p50', `${b} rows mean`, `${b} rows p50`, ...metricKeys], rows } };
}

function deltaTables(r: CompareResult): ReportTable[] {
  const tables: ReportTable[] = [];
  for (const d of r.deltas) {
    tables.push({
      caption: `${d.variant} vs ${r.variants[0].name}: metrics`,
      table: { columns: ['Metric', 'Baseline', 'Variant', 'Delta'], rows: Object.entries(d.metrics).map(([k, m]) => [k, m.baseline, m.variant, m.delta]) },
    });
    if (d.per_class) {
      tables.push({
        caption: `${d.variant}: per-class changes`,
        table: { columns: ['Class', 'Δ precision', 'Δ recall', 'Δ F1'], rows: d.per_class.map((c) => [c.class, c.precision_delta, c.recall_delta, c.f1_delta]) },
      });
    }
    if (d.n_flipped > 0) {
      const shown = d.flipped.slice(0, FLIPPED_IN_REPORT);
      tables.push({
        caption: `${d.variant}: ${d.n_flipped} flipped row${d.n_flipped === 1 ? '' : 's'}${d.n_flipped > shown.length ? ` (first ${shown.length})` : ''}`,
        table: { columns: ['Row', 'Label', 'Baseline class', 'Baseline score', 'Variant class', 'Variant score'], rows: shown.map((f) => [f.row, f.label, f.baseline_class, f.baseline_score, f.variant_class, f.variant_score]) },
      });
    }
  }
  return tables;
}

/** Per variant: metric, both values, difference, paired CI, test p-value and verdict; then McNemar's table. */
function significanceTables(r: CompareResult): ReportTable[] {
  const tables: ReportTable[] = [];
  for (const d of r.deltas) {
    const s = d.significance;
    const level = `${Math.round(s.confidence * 100)}% CI`;
    const how = s.bootstrap ? `paired bootstrap, ${s.bootstrap.n} resamples, seed ${s.bootstrap.seed}` : 'no bootstrap';
    tables.push({
      caption: `${d.variant} vs ${r.variants[0].name} (${how})`,
      table: {
        columns: ['Metric', 'Baseline', 'Variant', 'Difference', level, 'p-value', 'Verdict'],
        rows: s.metrics.map((m) => [m.metric, m.baseline, m.variant, m.difference, m.ci ? formatInterval(m.ci) : null, m.pvalue !== null && m.test ? `${m.test === 'delong' ? 'DeLong' : 'McNemar'} p ${formatP(m.pvalue)}` : null, m.verdict]),
      },
    });
    if (s.mcnemar) {
      const m = s.mcnemar;
      tables.push({
        caption: `${d.variant}: McNemar's exact test on right/wrong calls`,
        table: { columns: ['Only baseline right (b)', 'Only variant right (c)', 'Both right', 'Both wrong', 'p-value'], rows: [[m.b, m.c, m.both_correct, m.both_wrong, m.pvalue]] },
      });
    }
  }
  return tables;
}

/** Builds the comparison report. Order: summary, warnings, charts, tables. */
export function buildCompareReport(r: CompareResult): Report {
  const facts: [string, string][] = [
    ['Task', r.task],
    ['Rows', formatNumber(r.n_rows)],
    ['Data', r.data],
    ['Label', r.label],
    ['Output', `${r.output.name} (${r.output.kind})`],
    ['Baseline', `${r.variants[0].name} (${formatBytes(r.variants[0].size_bytes)})`],
  ];
  for (const d of r.deltas) {
    facts.push([d.variant, `${d.n_flipped} flipped · max |Δoutput| ${formatNumber(d.output_diff.max_abs)} · mean ${formatNumber(d.output_diff.mean_abs)} · size ×${formatNumber(d.size_ratio, 3)} · latency ×${formatNumber(d.latency_ratio, 3)}`]);
    for (const note of d.significance.notes) facts.push([`${d.variant}: note`, note]);
  }
  const sections: ReportSection[] = [{ kind: 'summary', id: 'summary', title: 'Summary', facts, cards: [] }];
  if (r.warnings.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: 'Warnings', items: [...r.warnings] });
  sections.push({ kind: 'charts', id: 'charts', title: 'Charts', charts: compareCharts(r) });
  sections.push({ kind: 'tables', id: 'variants', title: 'Variants', tables: [variantTable(r)] });
  sections.push({ kind: 'tables', id: 'significance', title: 'Significance', tables: significanceTables(r) });
  sections.push({ kind: 'tables', id: 'deltas', title: 'Changes against the baseline', tables: deltaTables(r) });
  return {
    title: `Model comparison: ${r.variants.map((v) => v.name).join(' vs ')}`,
    subtitle: `${r.task} · ${r.n_rows} rows · ${r.data}`,
    created: r.created,
    posthoc_version: r.posthoc_version,
    sections,
  };
}
