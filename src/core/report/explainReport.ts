/**
 * buildExplainReport: an explanation and its context → Report, the same shape evaluations use,
 * so the HTML and Markdown renderers and the webview show it unchanged.
 */
import { anchorSentence, explainCharts, meanAbs, outputTitle, rankByMeanAbs } from '../charts/explain';
import { formatNumber } from '../charts/format';
import type { Cell } from '../charts/types';
import type { ExplainContext, ExplainMethod, Explanation } from '../explain/pipeline/options';
import type { AttributionResult } from '../explain/types';
import { metricLabel, TASK_LABELS } from './strings';
import type { MetricCard, Report, ReportSection, ReportTable } from './types';

/** Method names for people. */
export const METHOD_LABELS: Record<ExplainMethod, string> = {
  permutation: 'Permutation importance',
  'kernel-shap': 'KernelSHAP',
  'tree-shap': 'TreeSHAP',
  lime: 'LIME',
  anchors: 'Anchors',
  pdp: 'Partial dependence (PD/ICE)',
  ale: 'Accumulated local effects',
};

/** Top features listed in tables, and per-row value columns. */
const TOP_FEATURES = 20;
const ROW_COLUMNS = 8;

function rowsText(rows: number[]): string {
  const shown = rows.slice(0, 20).join(', ');
  return rows.length > 20 ? `${rows.length} rows (${shown}, …)` : `${rows.length} (${shown})`;
}

function summarySection(ex: Explanation, ctx: ExplainContext): ReportSection {
  const method = ex.method === 'tree-shap-path' ? 'TreeSHAP (path-dependent)' : ex.method === 'tree-shap' ? 'TreeSHAP (interventional)' : METHOD_LABELS[ctx.method];
  const facts: [string, string][] = [
    ['Method', method],
    ['Model', `${ctx.model.file_name} (${ctx.model.format})`],
    ['Task', TASK_LABELS[ctx.task]],
    ['Data', `${ctx.data.path} (${formatNumber(ctx.data.n_rows)} rows, ${ctx.data.features.length} features)`],
  ];
  if (ctx.rows) facts.push(['Rows explained', rowsText(ctx.rows)]);
  facts.push(['Explained output', ctx.method === 'anchors' ? 'the predicted class of each row' : outputTitle(ctx.class, ctx.space)]);
  if (ctx.classes) facts.push(['Classes', ctx.classes.join(', ')]);
  if (ctx.background) facts.push(['Background', ctx.background.source]);
  if (ctx.metric) facts.push(['Metric', metricLabel(ctx.metric)]);
  if (ctx.samples !== undefined) facts.push(['Samples', formatNumber(ctx.samples)]);
  facts.push(['Seed', String(ctx.seed)], ['Time', `${formatNumber(ctx.elapsed_ms / 1000, 3)} s`]);
  return { kind: 'summary', id: 'summary', title: 'Summary', facts, cards: cards(ex) };
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

function cards(ex: Explanation): MetricCard[] {
  switch (ex.method) {
    case 'permutation':
      return [{ key: ex.metric, label: `${metricLabel(ex.metric)} (unpermuted)`, value: ex.baseline }];
    case 'lime':
      return ex.score.length ? [{ key: 'fit', label: 'Mean surrogate fit (R²)', value: mean(ex.score) }] : [];
    case 'anchors':
      return ex.anchors.length
        ? [{ key: 'precision', label: 'Mean precision', value: mean(ex.anchors.map((a) => a.precision)) }, { key: 'coverage', label: 'Mean coverage', value: mean(ex.anchors.map((a) => a.coverage)) }]
        : [];
    case 'pdp':
    case 'ale':
      return [];
    default:
      return ex.rows.length ? [{ key: 'base', label: 'Base value', value: ex.base_values[0] }, { key: 'output', label: 'Mean output', value: mean(ex.outputs) }] : [];
  }
}

function attributionTables(ex: AttributionResult): ReportTable[] {
  const m = ex.feature_names.length;
  const abs = meanAbs(ex.values, m);
  const order = rankByMeanAbs(ex.values, m);
  const signed = Array.from({ length: m }, (_, j) => mean(ex.values.map((r) => r[j])));
  const top: Cell[][] = order.slice(0, TOP_FEATURES).map((j) => [ex.feature_names[j], abs[j], signed[j]]);
  const cols = order.slice(0, ROW_COLUMNS);
  const perRow: Cell[][] = ex.rows.map((row, r) => [row, ex.base_values[r], ex.outputs[r], ...cols.map((j) => ex.values[r][j])]);
  return [
    { caption: `Top features by mean |SHAP|${m > TOP_FEATURES ? ` (${TOP_FEATURES} of ${m})` : ''}`, table: { columns: ['Feature', 'Mean |SHAP|', 'Mean SHAP'], rows: top } },
    { caption: `SHAP values per row (top ${cols.length} features; the JSON has all)`, table: { columns: ['Row', 'Base value', 'Output', ...cols.map((j) => ex.feature_names[j])], rows: perRow } },
  ];
}

function tables(ex: Explanation): ReportTable[] {
  switch (ex.method) {
    case 'permutation':
      return [{ caption: `Importance = drop in ${metricLabel(ex.metric)} over ${ex.n_repeats} shuffles`, table: { columns: ['Feature', 'Mean', 'Std'], rows: ex.importances.map((i) => [i.feature, i.mean, i.std]) } }];
    case 'lime': {
      const rows: Cell[][] = ex.rows.map((row, r) => {
        const w = ex.weights[r];
        const labels = ex.conditions?.[r] ?? ex.feature_names;
        const top = w.map((_, j) => j).filter((j) => w[j] !== 0).sort((a, b) => Math.abs(w[b]) - Math.abs(w[a])).slice(0, 3);
        return [row, ex.intercept[r], ex.score[r], top.map((j) => `${labels[j]} (${formatNumber(w[j])})`).join('; ')];
      });
      return [{ caption: `Local surrogates of ${ex.class}`, table: { columns: ['Row', 'Intercept', 'Fit (R²)', 'Strongest conditions'], rows } }];
    }
    case 'anchors':
      return [{ caption: 'Rules that keep the prediction', table: { columns: ['Row', 'Rule', 'Precision', 'Coverage'], rows: ex.anchors.map((a) => [a.row, anchorSentence(a), a.precision, a.coverage]) } }];
    case 'pdp':
    case 'ale':
      return [];
    default:
      return attributionTables(ex);
  }
}

/**
 * Builds the report. Order: summary, notes (where they are seen), the values as tables, then the
 * charts. `context` is the one {@link explain} returned with the explanation.
 */
export function buildExplainReport(explanation: Explanation, context: ExplainContext): Report {
  const sections: ReportSection[] = [summarySection(explanation, context)];
  if (context.notes.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: 'Notes', items: [...context.notes] });
  const t = tables(explanation);
  if (t.length > 0) sections.push({ kind: 'tables', id: 'values', title: 'Values', tables: t });
  const charts = explainCharts(explanation);
  if (charts.length > 0) sections.push({ kind: 'charts', id: 'charts', title: 'Charts', charts });
  return {
    title: `${METHOD_LABELS[context.method]}: ${context.model.file_name}`,
    subtitle: `${TASK_LABELS[context.task]} · ${context.data.path.split(/[\\/]/).pop() || context.data.path}`,
    created: context.created,
    posthoc_version: context.posthoc_version,
    sections,
  };
}
