import * as vscode from 'vscode';
import { UsageError } from '../core/errors';
import { log } from './log';
import { messages } from './messages';

/** A file to save: its bytes or text, a suggested name and the dialog's filter. */
export interface SaveRequest {
  content: string | Uint8Array;
  suggestedName: string;
  filterName: string;
  extensions: string[];
  /**
   * Programmatic target (tests, automation). Used only when no file is there: an existing file
   * is overwritten only after the save dialog's own confirmation.
   */
  target?: vscode.Uri;
}

/** Folder the save dialog starts in: the last one used, else the first workspace folder. */
let lastFolder: vscode.Uri | undefined;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves through the save dialog (which asks before replacing a file). Resolves to the written
 * Uri, or `undefined` when the user cancelled.
 */
export async function saveWithDialog(request: SaveRequest): Promise<vscode.Uri | undefined> {
  let uri = request.target;
  if (uri && (await exists(uri))) throw new UsageError(messages.fileExists(uri.fsPath));
  if (!uri) {
    const folder = lastFolder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    uri = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, request.suggestedName) : undefined,
      filters: { [request.filterName]: request.extensions },
      saveLabel: 'Save',
    });
    if (!uri) return undefined;
    lastFolder = vscode.Uri.joinPath(uri, '..');
  }
  const bytes = typeof request.content === 'string' ? new TextEncoder().encode(request.content) : request.content;
  await vscode.workspace.fs.writeFile(uri, bytes);
  log().info(`saved ${uri.fsPath} (${bytes.byteLength} bytes)`);
  void vscode.window.showInformationMessage(messages.exported(vscode.workspace.asRelativePath(uri)));
  return uri;
}

/** Turns a file name (model, chart title) into something safe for a suggested file name. */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'report';
}
