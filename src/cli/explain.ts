/**
 * `posthoc explain`: runs the explanation pipeline in-process (the CLI has its own thread),
 * prints a short summary, and writes the JSON result and the HTML/Markdown report.
 */
import { explain } from '../core/explain/pipeline/explain';
import { renderExplainJson } from '../core/explain/pipeline/json';
import type { ExplainResult } from '../core/explain/pipeline/options';
import { formatNumber } from '../core/charts/format';
import { meanAbs, rankByMeanAbs } from '../core/charts/explain/common';
import { buildExplainReport, METHOD_LABELS } from '../core/report/explainReport';
import { EXPLAIN_USAGE, parseExplainArgs } from './explainArgs';
import { writeReportFiles } from './outputs';
import { runReportCommand } from './reportCommand';

/** The few lines printed on stdout: what was explained and the headline of the result. */
export function explainSummaryLines({ explanation: ex, context: ctx }: ExplainResult): string[] {
  const lines = [`${METHOD_LABELS[ctx.method]} of ${ctx.model.file_name} on ${ctx.data.n_rows} rows (${ctx.task}; output: ${ctx.class}, ${ctx.space})`];
  const top = (names: string[], scores: number[]): string => names.map((n, i) => `${n} ${formatNumber(scores[i])}`).join(', ');
  switch (ex.method) {
    case 'permutation':
      lines.push(`  top features: ${top(ex.importances.slice(0, 5).map((i) => i.feature), ex.importances.slice(0, 5).map((i) => i.mean))}`);
      break;
    case 'lime':
      lines.push(`  ${ex.rows.length} rows; mean surrogate R² ${formatNumber(ex.score.reduce((a, b) => a + b, 0) / Math.max(1, ex.score.length))}`);
      break;
    case 'anchors':
      for (const a of ex.anchors.slice(0, 5)) lines.push(`  row ${a.row}: ${a.rule.join(' AND ') || '(any)'} → ${a.prediction} (precision ${formatNumber(a.precision, 3)})`);
      break;
    case 'pdp':
    case 'ale':
      lines.push(`  features: ${ex.results.map((r) => ('features' in r ? r.features.join(' × ') : r.feature)).join(', ')}`);
      break;
    default: {
      const m = ex.feature_names.length;
      const order = rankByMeanAbs(ex.values, m).slice(0, 5);
      const abs = meanAbs(ex.values, m);
      lines.push(`  ${ex.rows.length} rows; top mean |SHAP|: ${top(order.map((j) => ex.feature_names[j]), order.map((j) => abs[j]))}`);
    }
  }
  for (const note of ctx.notes) lines.push(`note: ${note}`);
  return lines;
}

/** Runs `posthoc explain ARGS`; returns the exit status (errors are thrown to main). */
export async function runExplain(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: EXPLAIN_USAGE,
    parse: parseExplainArgs,
    work: (command, hooks) => explain(command.options, hooks),
    write: (result, command) =>
      writeReportFiles({ json: () => renderExplainJson(result), report: () => buildExplainReport(result.explanation, result.context) }, command),
    summary: explainSummaryLines,
  });
  return 0;
}
