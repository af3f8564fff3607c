/**
 * The "Rows to inspect" section of an evaluation report: a classifier's most confident mistakes
 * or a regressor's largest residuals, each with its 0-based data row. The same table reaches
 * HTML, Markdown and the webview, where each row also gets an "Explain" button.
 */
import type { Cell } from '../charts/types';
import type { EvaluationResult, RowsToInspect } from '../evaluate/types';
import type { TablesSection } from './types';

/** The section's id: the webview finds the table by it to add its buttons. */
export const ROWS_TO_INSPECT_SECTION_ID = 'rows-to-inspect';

/** First column of the table: the row number every explain entry point takes. */
export const ROW_COLUMN = 'Row';

const ROW_HINT = 'Row is the 0-based data row, as in posthoc explain --rows';

function caption(r: RowsToInspect): string {
  if (r.kind === 'largest_residuals') return `The ${r.rows.length} largest absolute residuals (true − predicted). ${ROW_HINT}.`;
  if (r.rows.length === 0) return 'No mistakes: every row was predicted right.';
  const scored = r.rows.some((row) => row.confidence !== undefined);
  return scored
    ? `The ${r.rows.length} most confident mistakes, of ${r.n_mistakes}. ${ROW_HINT}.`
    : `The first ${r.rows.length} mistakes in file order, of ${r.n_mistakes} (the model outputs labels, not scores). ${ROW_HINT}.`;
}

/** The table of rows to inspect, or undefined when the result has none (older results, image datasets). */
export function rowsToInspectSection(result: EvaluationResult): TablesSection | undefined {
  const r = result.rows_to_inspect;
  if (!r) return undefined;
  if (r.kind === 'largest_residuals') {
    const rows: Cell[][] = r.rows.map((x) => [x.row, x.true, x.predicted, x.residual]);
    return section(caption(r), [ROW_COLUMN, 'True', 'Predicted', 'Residual'], rows);
  }
  const scored = r.rows.some((row) => row.confidence !== undefined);
  const rows: Cell[][] = r.rows.map((x) => (scored ? [x.row, x.true, x.predicted, x.confidence ?? null, x.true_confidence ?? null] : [x.row, x.true, x.predicted]));
  const columns = scored ? [ROW_COLUMN, 'True', 'Predicted', 'Confidence', 'P(true class)'] : [ROW_COLUMN, 'True', 'Predicted'];
  return section(caption(r), columns, rows);
}

function section(text: string, columns: string[], rows: Cell[][]): TablesSection {
  return { kind: 'tables', id: ROWS_TO_INSPECT_SECTION_ID, title: 'Rows to inspect', tables: [{ caption: text, table: { columns, rows } }] };
}

/** The data rows the section lists, in table order: what the host lets the webview ask to explain. */
export function inspectableRows(result: EvaluationResult): number[] {
  return result.rows_to_inspect?.rows.map((r) => r.row) ?? [];
}
