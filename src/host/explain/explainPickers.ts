/**
 * The quick picks of `posthoc.explainModel` and `posthoc.whatIf`: model (ONNX or tree files),
 * label (with "(none)"), method (TreeSHAP only for tree models) and the rows to explain.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXPLAIN_METHODS, LOCAL_METHODS, type ExplainMethod } from '../../core/explain/pipeline/options';
import { parseRowSpec } from '../../core/explain/pipeline/rows';
import type { ModelCard } from '../../core/evaluate/types';
import { log } from '../log';
import { messages } from '../messages';
import { explainStrings as s, METHOD_DESCRIPTIONS } from './explainStrings';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**,**/dist/**}';

interface FileItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/**
 * Picks a model: workspace .onnx files are listed; XGBoost .json and LightGBM .txt models are
 * too ambiguous to list (any JSON or text file), so Browse… reaches them.
 */
export async function pickExplainModel(title: string = s.pickModelTitle): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/*.onnx', EXCLUDE, 500);
  found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  const items: FileItem[] = found.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri }));
  items.push({ label: messages.browse, detail: 'Pick an ONNX, XGBoost (.json) or LightGBM (.txt) model', alwaysShow: true });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: s.pickModelPlaceholder, matchOnDescription: true, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Models: ['onnx', 'json', 'txt'] }, title, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return chosen?.[0];
}

/** Result of {@link pickOptionalLabel}: a column, `null` for "(none)", `undefined` when dismissed. */
export async function pickOptionalLabel(columns: readonly string[], guessed: string | undefined, title: string = s.pickLabelTitle): Promise<string | null | undefined> {
  const ordered = guessed && columns.includes(guessed) ? [guessed, ...columns.filter((c) => c !== guessed)] : [...columns];
  const items: vscode.QuickPickItem[] = ordered.map((name) => ({ label: name, description: name === guessed ? messages.guessedLabel : undefined }));
  // Without a guessed label, "(none)" is the likely answer and comes first.
  const none: vscode.QuickPickItem = { label: s.noLabel, detail: s.noLabelDetail };
  if (guessed) items.push(none);
  else items.unshift(none);
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: s.pickLabelPlaceholder, ignoreFocusOut: true });
  if (!pick) return undefined;
  return pick === none ? null : pick.label;
}

/**
 * True when the model is a tree ensemble: XGBoost/LightGBM files always; an ONNX file when its
 * operator histogram holds a TreeEnsemble* node. The ONNX file is read in the card worker, off
 * the extension host's thread.
 */
export async function isTreeModel(model: vscode.Uri): Promise<boolean> {
  if (!model.fsPath.toLowerCase().endsWith('.onnx')) return true;
  try {
    const { runWorker, workerScript } = await import('../../core/workers/runWorker');
    const script = workerScript(path.join(__dirname, '..', '..', 'core', 'onnx'), 'cardWorker');
    const card = await runWorker<ModelCard>(script, { path: model.fsPath });
    return Object.keys(card.operators).some((op) => /^TreeEnsemble/.test(op));
  } catch (error) {
    log().warn(`could not read the operators of ${model.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Picks the method; TreeSHAP only for tree models, permutation only with a label. */
export async function pickMethod(opts: { tree: boolean; hasLabel: boolean }): Promise<ExplainMethod | undefined> {
  const offered = EXPLAIN_METHODS.filter((m) => (m !== 'tree-shap' || opts.tree) && (m !== 'permutation' || opts.hasLabel));
  const items = offered.map((method) => ({ label: METHOD_DESCRIPTIONS[method].label, description: method, detail: METHOD_DESCRIPTIONS[method].detail, method }));
  const pick = await vscode.window.showQuickPick(items, { title: s.pickMethodTitle, placeHolder: s.pickMethodPlaceholder, matchOnDetail: true, ignoreFocusOut: true });
  return pick?.method;
}

/** True when the method explains individual rows, so the rows input box applies. */
export function isLocalMethod(method: ExplainMethod): boolean {
  return LOCAL_METHODS.includes(method);
}

/** Validates a row selection for the input box: undefined when fine, else the parser's message. */
export function rowSpecProblem(text: string): string | undefined {
  try {
    parseRowSpec(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^--rows:?\s*/, '') : String(error);
  }
}

/** Asks for the rows to explain (default "0-9"), validated as the user types. */
export async function pickRows(): Promise<number[] | undefined> {
  const text = await vscode.window.showInputBox({ title: s.rowsTitle, prompt: s.rowsPrompt, value: '0-9', validateInput: rowSpecProblem, ignoreFocusOut: true });
  return text === undefined ? undefined : parseRowSpec(text);
}
