/**
 * buildReport: EvaluationResult → Report. Decides what is shown and in which order; the
 * renderers only decide how.
 */
import { chartsFor } from '../charts';
import { formatBytes, formatNumber, formatPercent } from '../charts/format';
import type { Cell } from '../charts/types';
import type { EvaluationResult, TensorSpec } from '../evaluate/types';
import { gallerySection } from './gallery';
import { rowsToInspectSection } from './inspectRows';
import { HEADLINE_METRICS, metricLabel, SECTION_TITLES, TASK_LABELS } from './strings';
import type { MetricCard, Report, ReportSection, ReportTable } from './types';

const MAX_HEADLINE = 4;

/** "[0.8200, 0.9100]" — the interval as one cell, so tables stay two numbers wide. */
function ciText(ci: [number, number] | undefined): string {
  return ci ? `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : '';
}

function shapeText(t: TensorSpec): string {
  return t.shape.length === 0 ? '—' : `[${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

function headlineCards(result: EvaluationResult): MetricCard[] {
  const keys = Object.keys(result.metrics);
  const preferred = HEADLINE_METRICS[result.task].filter((k) => keys.includes(k));
  const chosen = (preferred.length > 0 ? preferred : keys).slice(0, MAX_HEADLINE);
  return chosen.map((key) => ({ key, label: metricLabel(key), value: result.metrics[key], ...(result.ci[key] ? { ci: result.ci[key] } : {}) }));
}

function summarySection(result: EvaluationResult): ReportSection {
  const facts: [string, string][] = [
    ['Task', TASK_LABELS[result.task]],
    ['Rows', formatNumber(result.n_rows)],
    ['Model', result.model.file_name],
    ['Dataset', result.dataset.path],
    ['Label column', result.dataset.label],
    ['Model output', `${result.output.name} read as ${result.output.kind}${result.output.detected ? ' (detected)' : ''}`],
  ];
  if (result.positive_class !== undefined) facts.push(['Positive class', result.positive_class]);
  if (result.threshold !== undefined) facts.push(['Threshold', formatNumber(result.threshold)]);
  if (result.bootstrap) {
    const b = result.bootstrap;
    facts.push(['Intervals', `${Math.round(b.confidence * 100)}% bootstrap, ${b.n} resamples, seed ${b.seed}`]);
  }
  return { kind: 'summary', id: 'summary', title: SECTION_TITLES.summary, facts, cards: headlineCards(result) };
}

function metricsSection(result: EvaluationResult): ReportSection {
  const level = result.bootstrap ? `${Math.round(result.bootstrap.confidence * 100)}% CI` : 'CI';
  const hasCi = Object.keys(result.ci).length > 0;
  const rows: Cell[][] = Object.entries(result.metrics).map(([k, v]) => (hasCi ? [metricLabel(k), v, ciText(result.ci[k])] : [metricLabel(k), v]));
  return { kind: 'tables', id: 'metrics', title: SECTION_TITLES.metrics, tables: [{ table: { columns: hasCi ? ['Metric', 'Value', level] : ['Metric', 'Value'], rows } }] };
}

function perClassSection(result: EvaluationResult): ReportSection | undefined {
  if (!result.per_class || result.per_class.length === 0) return undefined;
  const rows: Cell[][] = result.per_class.map((c) => [c.class, c.precision, c.recall, c.f1, c.support]);
  return { kind: 'tables', id: 'per-class', title: SECTION_TITLES.perClass, tables: [{ table: { columns: ['Class', 'Precision', 'Recall', 'F1', 'Support'], rows } }] };
}

function modelSection(result: EvaluationResult): ReportSection {
  const m = result.model;
  const props: Cell[][] = [
    ['File', m.file_name],
    ['Path', m.path],
    ['Size', formatBytes(m.size_bytes)],
    ['Format', `${m.format.toUpperCase()} (IR version ${m.ir_version})`],
    ['Producer', [m.producer, m.producer_version].filter(Boolean).join(' ') || 'unknown'],
    ['Opsets', m.opsets.map((o) => `${o.domain || 'ai.onnx'} v${o.version}`).join(', ')],
    ['Parameters', formatNumber(m.parameter_count)],
    ['Operators', Object.entries(m.operators).sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ×${n}`).join(', ')],
  ];
  if (m.class_labels?.length) props.push(['Class labels', m.class_labels.join(', ')]);
  for (const [k, v] of Object.entries(m.metadata)) props.push([`Metadata: ${k}`, v]);
  const io: Cell[][] = [
    ...m.inputs.map((t) => ['input', t.name, t.type, shapeText(t)]),
    ...m.outputs.map((t) => ['output', t.name, t.type, shapeText(t)]),
  ];
  const tables: ReportTable[] = [
    { caption: 'Model card', table: { columns: ['Property', 'Value'], rows: props } },
    { caption: 'Inputs and outputs', table: { columns: ['Kind', 'Name', 'Type', 'Shape'], rows: io } },
  ];
  return { kind: 'tables', id: 'model', title: SECTION_TITLES.model, tables };
}

function datasetSection(result: EvaluationResult): ReportSection {
  const d = result.dataset;
  const props: Cell[][] = [
    ['Path', d.path],
    // Numbers as text in property tables: they sit with other text and read better left-aligned.
    ['Rows', formatNumber(d.n_rows)],
    ['Columns', formatNumber(d.n_columns)],
    ['Label', d.label],
    ['Features', `${d.features.length}: ${d.features.slice(0, 30).join(', ')}${d.features.length > 30 ? ', …' : ''}`],
  ];
  if (d.weight) props.push(['Weights', d.weight]);
  if (d.label_stats) {
    const s = d.label_stats;
    props.push(['Label mean ± std', `${formatNumber(s.mean)} ± ${formatNumber(s.std)}`], ['Label range', `${formatNumber(s.min)} to ${formatNumber(s.max)}`]);
  }
  const tables: ReportTable[] = [{ table: { columns: ['Property', 'Value'], rows: props } }];
  if (d.class_balance) {
    const total = Object.values(d.class_balance).reduce((a, b) => a + b, 0);
    const rows: Cell[][] = Object.entries(d.class_balance).map(([c, n]) => [c, n, formatPercent(total > 0 ? n / total : 0)]);
    tables.push({ caption: 'Class balance', table: { columns: ['Class', 'Rows', 'Share'], rows } });
  }
  const missing = Object.entries(d.missing).filter(([, n]) => n > 0);
  const missingRows: Cell[][] = missing.map(([c, n]) => [c, n, formatPercent(d.n_rows > 0 ? n / d.n_rows : 0)]);
  tables.push({
    caption: missing.length ? 'Missing values' : 'Missing values: none',
    table: { columns: ['Column', 'Missing', 'Share of rows'], rows: missingRows },
  });
  return { kind: 'tables', id: 'dataset', title: SECTION_TITLES.dataset, tables };
}

/**
 * Builds the report. Order: summary, warnings (right after the summary, where they are seen),
 * metrics with intervals, per-class metrics, charts, rows to inspect, then the model and dataset details.
 */
export function buildReport(result: EvaluationResult): Report {
  const sections: ReportSection[] = [summarySection(result)];
  if (result.warnings.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: SECTION_TITLES.warnings, items: [...result.warnings] });
  sections.push(metricsSection(result));
  const perClass = perClassSection(result);
  if (perClass) sections.push(perClass);
  const charts = chartsFor(result);
  if (charts.length > 0) sections.push({ kind: 'charts', id: 'charts', title: SECTION_TITLES.charts, charts });
  const inspect = rowsToInspectSection(result);
  if (inspect) sections.push(inspect);
  const gallery = gallerySection(result);
  if (gallery) sections.push(gallery);
  sections.push(modelSection(result), datasetSection(result));
  const datasetName = result.dataset.path.split(/[\\/]/).pop() || result.dataset.path;
  return {
    title: `${result.model.file_name} on ${datasetName}`,
    subtitle: `${TASK_LABELS[result.task]} · ${formatNumber(result.n_rows)} rows`,
    created: result.created,
    posthoc_version: result.posthoc_version,
    sections,
  };
}
