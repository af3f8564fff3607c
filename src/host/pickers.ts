import * as path from 'node:path';
import * as vscode from 'vscode';
import { messages } from './messages';

/** Files listed in a picker at most; a workspace with more can still use Browse…. */
const MAX_FILES = 500;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**,**/dist/**}';

interface FileItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/** Lets the user pick a workspace file matching `glob`, or browse for one. */
async function pickFile(glob: string, title: string, placeHolder: string, filters: Record<string, string[]>, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(glob, EXCLUDE, MAX_FILES);
  // Files in the folder of `near` (the model) are the likeliest choice, so they come first.
  const home = near ? path.dirname(near.fsPath) : undefined;
  const rank = (u: vscode.Uri) => (home && path.dirname(u.fsPath) === home ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || a.fsPath.localeCompare(b.fsPath));
  const items: FileItem[] = found.map((uri) => ({
    label: path.basename(uri.fsPath),
    description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)),
    uri,
  }));
  items.push({ label: messages.browse, detail: messages.browseDetail, alwaysShow: true });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters, title, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return chosen?.[0];
}

/** Step 1: the ONNX model. */
export function pickModel(): Promise<vscode.Uri | undefined> {
  return pickFile('**/*.onnx', messages.pickModelTitle, messages.pickModelPlaceholder, { 'ONNX models': ['onnx'] });
}

/** Step 2: the dataset, among files with the extensions the readers support. */
export function pickDataset(extensions: readonly string[], near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const exts = extensions.map((e) => e.replace(/^\./, ''));
  return pickFile(`**/*.{${exts.join(',')}}`, messages.pickDataTitle, messages.pickDataPlaceholder, { Datasets: exts }, near);
}

/** Step 3: the label column; the guessed column comes first and is preselected. */
export async function pickLabel(columns: readonly string[], guessed: string | undefined): Promise<string | undefined> {
  const ordered = guessed && columns.includes(guessed) ? [guessed, ...columns.filter((c) => c !== guessed)] : [...columns];
  const items: vscode.QuickPickItem[] = ordered.map((name) => ({
    label: name,
    description: name === guessed ? messages.guessedLabel : undefined,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: messages.pickLabelTitle, placeHolder: messages.pickLabelPlaceholder, ignoreFocusOut: true });
  return pick?.label;
}

/**
 * A file named in command arguments: a URI string, an absolute path, or a path relative to the
 * first workspace folder (the folder posthoc.json and the CLI examples are written against).
 */
export function toUri(value: string | vscode.Uri): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (/^[a-z][\w+.-]+:\/\//i.test(value)) return vscode.Uri.parse(value);
  if (path.isAbsolute(value)) return vscode.Uri.file(value);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root ? vscode.Uri.joinPath(root, value) : vscode.Uri.file(path.resolve(value));
}

/** The dataset's column names (read from its first 50 rows) and the guessed label column, for a label picker. */
export async function labelChoices(data: vscode.Uri): Promise<{ columns: string[]; guess?: string }> {
  const { readTable } = await import('../core/data/readTable');
  const { guessLabelColumn } = await import('../core/data/columns');
  const head = await readTable(data.fsPath, { maxRows: 50 });
  return { columns: head.columns.map((c) => c.name), guess: guessLabelColumn(head) ?? undefined };
}
