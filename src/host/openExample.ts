import * as path from 'node:path';
import * as vscode from 'vscode';
import { UsageError } from '../core/errors';
import { log } from './log';
import { messages } from './messages';

const EXAMPLE = 'breast-cancer';
/** The files that make a folder "the example": when present, it is opened as it is. */
const MARKERS = ['model.onnx', 'test.csv'];

/** Options for programmatic callers (tests): the folder to copy into, skipping the dialogs. */
export interface OpenExampleArgs {
  folder?: string;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The example already in an open workspace folder (at its root or in breast-cancer/), if any. */
async function findInWorkspace(): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const dir of [vscode.Uri.joinPath(folder.uri, EXAMPLE), vscode.Uri.joinPath(folder.uri, 'examples', EXAMPLE), folder.uri]) {
      const all = await Promise.all(MARKERS.map((m) => exists(vscode.Uri.joinPath(dir, m))));
      if (all.every(Boolean)) return dir;
    }
  }
  return undefined;
}

/** Copies every file of `from` into `to` that is not there yet; returns how many were kept. */
async function copyMissing(from: vscode.Uri, to: vscode.Uri): Promise<number> {
  await vscode.workspace.fs.createDirectory(to);
  let kept = 0;
  for (const [name, type] of await vscode.workspace.fs.readDirectory(from)) {
    const source = vscode.Uri.joinPath(from, name);
    const target = vscode.Uri.joinPath(to, name);
    if (type === vscode.FileType.Directory) kept += await copyMissing(source, target);
    else if (await exists(target)) kept++;
    else await vscode.workspace.fs.copy(source, target, { overwrite: false });
  }
  return kept;
}

/** Where to copy the example: the given folder, the one workspace folder, or the user's pick. */
async function chooseParent(args: OpenExampleArgs): Promise<{ parent: vscode.Uri; inWorkspace: boolean } | undefined> {
  if (args.folder) return { parent: vscode.Uri.file(args.folder), inWorkspace: true };
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 0) {
    const pick = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: messages.examplePickFolder });
    return pick ? { parent: pick.uri, inWorkspace: true } : undefined;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title: messages.exampleNoFolder, openLabel: messages.exampleCopyHere });
  return chosen?.[0] ? { parent: chosen[0], inWorkspace: false } : undefined;
}

/**
 * `posthoc.openExample` (walkthrough step 1): opens the bundled breast-cancer example. If the
 * workspace has it, shows it; otherwise copies it from the extension folder into a folder the
 * user picks, never replacing a file that is already there. Resolves to the example folder.
 */
export async function openExample(extensionUri: vscode.Uri, arg?: unknown): Promise<vscode.Uri | undefined> {
  const args: OpenExampleArgs = typeof arg === 'object' && arg !== null ? (arg as OpenExampleArgs) : {};
  const present = args.folder ? undefined : await findInWorkspace();
  if (present) {
    await reveal(present);
    return present;
  }
  const source = vscode.Uri.joinPath(extensionUri, 'examples', EXAMPLE);
  if (!(await exists(source))) throw new UsageError(messages.exampleMissing);
  const choice = await chooseParent(args);
  if (!choice) return undefined;
  const target = vscode.Uri.joinPath(choice.parent, EXAMPLE);
  const kept = await copyMissing(source, target);
  log().info(`example copied to ${target.fsPath} (${kept} existing files kept)`);
  if (kept > 0) void vscode.window.showInformationMessage(messages.exampleKept(kept));
  if (!choice.inWorkspace) {
    // No folder was open: open the copy as the workspace (this reloads the window).
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
    return target;
  }
  await reveal(target);
  return target;
}

/** Shows the example's README beside its model card, so the next step has something to act on. */
async function reveal(dir: vscode.Uri): Promise<void> {
  const readme = vscode.Uri.joinPath(dir, 'README.md');
  if (await exists(readme)) await vscode.commands.executeCommand('markdown.showPreview', readme).then(undefined, () => vscode.window.showTextDocument(readme));
  await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(dir, 'model.onnx')).then(undefined, () => undefined);
  log().info(`example at ${path.relative(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', dir.fsPath) || '.'}`);
}
