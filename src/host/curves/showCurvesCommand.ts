import * as vscode from 'vscode';
import { UsageError } from '../../core/errors';
import { curvesMessages } from './curvesMessages';
import { CurvesPanel, type CurvesPanelInfo } from './curvesPanel';

interface FolderItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/** Asks for the logdir: a workspace folder, or any folder through the open dialog. */
async function pickLogdir(): Promise<vscode.Uri | undefined> {
  const items: FolderItem[] = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ label: f.name, description: f.uri.fsPath, uri: f.uri }));
  items.push({ label: curvesMessages.browse, detail: curvesMessages.browseDetail, alwaysShow: true });
  const pick = await vscode.window.showQuickPick(items, { title: curvesMessages.pickTitle, placeHolder: curvesMessages.pickPlaceholder, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const chosen = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    title: curvesMessages.pickTitle,
    openLabel: curvesMessages.openLabel,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return chosen?.[0];
}

/**
 * `posthoc.showTrainingCurves`: a folder from the Explorer menu (a Uri), a path (programmatic
 * callers), or nothing (palette: pick one). Only reads files, so it works in Restricted Mode.
 * @returns the state of the panel it opened or revealed, or undefined when cancelled.
 * @throws UsageError when the argument is not a folder.
 */
export async function showTrainingCurves(extensionUri: vscode.Uri, arg?: unknown): Promise<CurvesPanelInfo | undefined> {
  const logdir = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : await pickLogdir();
  if (!logdir) return undefined;
  let type: vscode.FileType | undefined;
  try {
    type = (await vscode.workspace.fs.stat(logdir)).type;
  } catch {
    type = undefined;
  }
  if (type === undefined || !(type & vscode.FileType.Directory)) throw new UsageError(curvesMessages.notAFolder(logdir.fsPath));
  const panel = CurvesPanel.show(extensionUri, logdir);
  return CurvesPanel.describe().find((p) => p.logdir === panel.logdir.fsPath);
}
