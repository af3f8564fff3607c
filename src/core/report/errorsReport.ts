/**
 * buildErrorsReport: an ErrorAnalysisResult → Report (summary, notes, tree and slice tables,
 * charts), rendered by the same HTML/Markdown renderers and webview as evaluations.
 */
import { errorAnalysisCharts } from '../charts/erroranalysis';
import { formatNumber, formatPercent } from '../charts/format';
import type { Cell } from '../charts/types';
import type { ErrorAnalysisResult } from '../erroranalysis/types';
import { TASK_LABELS } from './strings';
import type { Report, ReportSection, ReportTable } from './types';

function summary(r: ErrorAnalysisResult): ReportSection {
  const t = r.tree;
  const facts: [string, string][] = [
    ['Task', TASK_LABELS[r.task]],
    ['Model', `${r.model.file_name} (${r.model.format})`],
    ['Data', `${r.dataset.path} (${formatNumber(r.n_rows)} rows, ${r.dataset.features.length} features, label ${r.dataset.label})`],
    ['Error', r.error_definition],
    ['Error tree', `${t.growth}, max depth ${t.max_depth ?? 'none'}, max leaves ${t.max_leaves ?? 'none'}, min ${t.min_leaf} rows per leaf`],
    ['Slices', `${r.slices.n_tested} tested, ${r.slices.slices.length} reported (one-sided tests, Benjamini–Hochberg q ≤ ${r.slices.alpha}, ≥ ${r.slices.min_size} rows)`],
    ['Time', `${formatNumber(r.elapsed_ms / 1000, 3)} s`],
  ];
  return {
    kind: 'summary', id: 'summary', title: 'Summary', facts,
    cards: [
      { key: 'error_rate', label: 'Error rate', value: r.error_rate },
      { key: 'errors', label: 'Errors', value: r.n_errors },
    ],
  };
}

function tables(r: ErrorAnalysisResult): ReportTable[] {
  const leaves = r.tree.nodes.filter((n) => n.left === undefined).sort((a, b) => b.error_rate - a.error_rate);
  const out: ReportTable[] = [{
    caption: 'Error tree leaves, highest error rate first (the JSON has every node with its cohort expression)',
    table: {
      columns: ['Node', 'Rule', 'Rows', 'Errors', 'Error rate', 'Share of errors'],
      rows: leaves.map((n): Cell[] => [n.id, n.rule.join(' and ') || 'all rows', n.size, n.errors, formatPercent(n.error_rate), formatPercent(n.error_coverage)]),
    },
  }];
  if (r.slices.slices.length > 0) {
    out.push({
      caption: `Worst slices by ${r.slices.effect === 'cohen_h' ? "Cohen's h" : 'error-rate difference'} (q: Benjamini–Hochberg adjusted p-value)`,
      table: {
        columns: ['Slice', 'Rows', 'Errors', 'Error rate', 'Rest', "Cohen's h", 'p', 'q', 'Test'],
        rows: r.slices.slices.map((s): Cell[] => [s.predicates.join(' and '), s.size, s.errors, formatPercent(s.error_rate), formatPercent(s.rest_error_rate), s.cohen_h, s.p_value, s.q_value, s.test]),
      },
    });
  }
  return out;
}

/** Builds the error-analysis report. */
export function buildErrorsReport(result: ErrorAnalysisResult): Report {
  const sections: ReportSection[] = [summary(result)];
  if (result.warnings.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: 'Notes', items: [...result.warnings] });
  sections.push({ kind: 'tables', id: 'errors', title: 'Where the model errs', tables: tables(result) });
  sections.push({ kind: 'charts', id: 'charts', title: 'Charts', charts: errorAnalysisCharts(result) });
  return {
    title: `Error analysis: ${result.model.file_name}`,
    subtitle: `${TASK_LABELS[result.task]} · ${result.dataset.path.split(/[\\/]/).pop() || result.dataset.path} · ${formatPercent(result.error_rate)} errors`,
    created: result.created,
    posthoc_version: result.posthoc_version,
    sections,
  };
}
