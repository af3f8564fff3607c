import * as path from 'node:path';
import * as vscode from 'vscode';
import { messages } from './messages';

const GLOB = '**/*.onnx';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**}';
/** Enough for any real workspace; the view says so when it is cut. */
const MAX_MODELS = 1000;

/**
 * The "Models" view: every `.onnx` file in the workspace. Elements are the files' Uris, so
 * the inline actions can pass them straight to `posthoc.evaluateModel` and the model card.
 */
export class ModelsView implements vscode.TreeDataProvider<vscode.Uri>, vscode.Disposable {
  static readonly id = 'posthoc.models';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    // Many files change at once during a git checkout or an export: refresh once.
    const refresh = () => this.refreshSoon();
    this.disposables.push(watcher, watcher.onDidCreate(refresh), watcher.onDidDelete(refresh), vscode.workspace.onDidChangeWorkspaceFolders(refresh), this.changed);
  }

  /** Registers the view and its refresh command. */
  static register(): vscode.Disposable {
    const provider = new ModelsView();
    const view = vscode.window.createTreeView(ModelsView.id, { treeDataProvider: provider, showCollapseAll: false });
    return vscode.Disposable.from(
      provider,
      view,
      vscode.commands.registerCommand('posthoc.models.refresh', () => provider.changed.fire()),
      // Internal: lets e2e tests read what the view lists.
      vscode.commands.registerCommand('posthoc._models', async () => (await provider.getChildren()).map((u) => u.fsPath)),
    );
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), 300);
  }

  getTreeItem(uri: vscode.Uri): vscode.TreeItem {
    const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
    item.label = path.basename(uri.fsPath);
    const folder = vscode.workspace.asRelativePath(path.dirname(uri.fsPath), true);
    item.description = folder === path.dirname(uri.fsPath) ? undefined : folder;
    item.tooltip = uri.fsPath;
    item.contextValue = 'posthoc.model';
    item.iconPath = new vscode.ThemeIcon('symbol-class');
    // A click opens the model card (the default editor for .onnx).
    item.command = { command: 'posthoc.openModelCard', title: messages.openModelCard, arguments: [uri] };
    return item;
  }

  async getChildren(element?: vscode.Uri): Promise<vscode.Uri[]> {
    if (element || !vscode.workspace.workspaceFolders?.length) return [];
    const found = await vscode.workspace.findFiles(GLOB, EXCLUDE, MAX_MODELS);
    return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
