/**
 * "Explain" on a row of an evaluation report's "Rows to inspect": the webview names a row, the
 * host checks it is one the report lists, then runs `posthoc.explainModel` on that one row with
 * the evaluation's model, data, label and features, and the explain report opens beside.
 */
import * as vscode from 'vscode';
import type { EvaluationResult } from '../core/evaluate/types';
import type { ExplainRowMessage, ReplyMessage } from '../shared/protocol';
import type { ExplainArgs } from './explain/explainCommand';
import { explainRowArgs } from './explainRowArgs';
import { log } from './log';

/**
 * Answers an `explainRow` request: runs the explanation (the command shows its own progress and
 * errors, including the Restricted Mode refusal) and replies with the row, or the error's message
 * for the webview's status line.
 */
export async function answerExplainRow(m: ExplainRowMessage, result: EvaluationResult | undefined, post: (reply: ReplyMessage) => void): Promise<void> {
  const fail = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    log().warn(`explain row ${m.row}: ${message}`);
    post({ type: 'reply', id: m.id, ok: false, error: message });
  };
  let args: ExplainArgs;
  try {
    args = explainRowArgs(result, m.row);
  } catch (error) {
    // Refused before the command, which would otherwise have shown the error itself.
    fail(error);
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return;
  }
  try {
    await vscode.commands.executeCommand('posthoc.explainModel', args);
    post({ type: 'reply', id: m.id, ok: true, value: m.row });
  } catch (error) {
    fail(error);
  }
}
