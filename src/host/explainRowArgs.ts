/**
 * Which explanation the "Explain" button of a rows-to-inspect row asks for. No `vscode` import,
 * so it is unit-tested in plain Node; the webview's row is untrusted and checked here.
 */
import * as fs from 'node:fs';
import { DataError, UsageError } from '../core/errors';
import type { EvaluationResult } from '../core/evaluate/types';
import type { ExplainMethod } from '../core/explain/pipeline/options';
import { inspectableRows } from '../core/report/inspectRows';
import type { ExplainArgs } from './explain/explainCommand';

/** The per-row method the button uses: model-agnostic, in probability space like the report's confidences. */
export const EXPLAIN_ROW_METHOD: ExplainMethod = 'kernel-shap';

/**
 * The `posthoc.explainModel` arguments for one listed row of a tabular evaluation. Throws a
 * UsageError when the row is not listed (the webview is untrusted input) or the result is not
 * tabular, and a DataError when the model or data file is gone.
 */
export function explainRowArgs(result: EvaluationResult | undefined, row: number): ExplainArgs {
  if (!result || result.images) throw new UsageError('This report has no table rows to explain.');
  if (!inspectableRows(result).includes(row)) throw new UsageError(`Row ${row} is not one of this report's rows to inspect.`);
  for (const [what, file] of [['model', result.model.path], ['dataset', result.dataset.path]] as const) {
    if (!fs.existsSync(file)) throw new DataError(`The ${what} file ${file} of this report no longer exists; evaluate again to explain its rows.`);
  }
  const listed = result.rows_to_inspect?.kind === 'confident_mistakes' ? result.rows_to_inspect.rows.find((r) => r.row === row) : undefined;
  return {
    model: result.model.path,
    data: result.dataset.path,
    label: result.dataset.label,
    // The evaluation's features, so a weight column is not taken for one.
    features: [...result.dataset.features],
    task: result.task,
    method: EXPLAIN_ROW_METHOD,
    rows: [row],
    // Multiclass: explain the class the model wrongly chose; binary keeps the positive class, as the report does.
    ...(result.task === 'multiclass' && listed ? { class: listed.predicted } : {}),
    ...(result.output.detected ? {} : { output: result.output.name, outputKind: result.output.kind }),
  };
}
