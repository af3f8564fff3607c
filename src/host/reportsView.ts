import * as path from 'node:path';
import * as vscode from 'vscode';
import { UsageError } from '../core/errors';
import type { EvaluationResult } from '../core/evaluate/types';
import { guarded } from './errors';
import { exportReport, isReportFormat, pickFormat, type ExportArgs } from './exportReport';
import { messages } from './messages';
import { ReportPanel } from './reportPanel';
import type { ReportEntry, ReportsStore } from './reportsStore';

/** Options of the delete command for programmatic callers (tests): skip the confirmation. */
interface DeleteArgs {
  confirmed?: boolean;
}

/**
 * The "Reports" view: the last results evaluated in this workspace, newest first, with
 * re-open, export and delete actions.
 */
export class ReportsView implements vscode.TreeDataProvider<ReportEntry> {
  static readonly id = 'posthoc.reports';

  private constructor(private readonly store: ReportsStore) {}

  readonly onDidChangeTreeData: vscode.Event<void> = (listener, thisArg, disposables) => this.store.onDidChange(listener, thisArg, disposables);

  /** Registers the view and its item commands. */
  static register(store: ReportsStore, extensionUri: vscode.Uri): vscode.Disposable {
    const provider = new ReportsView(store);
    const entryOf = (arg: unknown): ReportEntry => {
      const id = typeof arg === 'string' ? arg : (arg as Partial<ReportEntry> | undefined)?.id;
      const entry = typeof id === 'string' ? store.find(id) : undefined;
      if (!entry) throw new UsageError(messages.reportGone);
      return entry;
    };
    const load = async (entry: ReportEntry): Promise<EvaluationResult> => {
      try {
        return await store.result(entry.id);
      } catch {
        throw new UsageError(messages.reportFileGone(path.basename(entry.model)));
      }
    };
    const programmatic = (_arg: unknown, opts?: unknown) => typeof opts === 'object' && opts !== null;
    return vscode.Disposable.from(
      vscode.window.createTreeView(ReportsView.id, { treeDataProvider: provider }),
      vscode.commands.registerCommand('posthoc.reports.open', guarded(async (arg: unknown) => {
        await ReportPanel.show(extensionUri, await load(entryOf(arg)));
      }, (arg) => typeof arg === 'string')),
      vscode.commands.registerCommand('posthoc.reports.export', guarded(async (arg: unknown, opts?: ExportArgs) => {
        const result = await load(entryOf(arg));
        const format = isReportFormat(opts?.format) ? opts.format : await pickFormat();
        if (!format) return undefined;
        const { buildReport } = await import('../core/report/build');
        const target = typeof opts?.target === 'string' ? vscode.Uri.file(opts.target) : opts?.target;
        return exportReport(extensionUri, { report: buildReport(result), result }, format, target);
      }, programmatic)),
      vscode.commands.registerCommand('posthoc.reports.delete', guarded(async (arg: unknown, opts?: DeleteArgs) => {
        const entry = entryOf(arg);
        if (!opts?.confirmed) {
          const choice = await vscode.window.showWarningMessage(messages.confirmDeleteReport(itemLabel(entry)), { modal: true }, messages.delete);
          if (choice !== messages.delete) return false;
        }
        await store.remove(entry.id);
        return true;
      }, programmatic)),
      // Internal: lets e2e tests read the entries the view lists.
      vscode.commands.registerCommand('posthoc._reports', () => store.entries()),
    );
  }

  getTreeItem(entry: ReportEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(itemLabel(entry), vscode.TreeItemCollapsibleState.None);
    const when = new Date(entry.created);
    const headline = entry.headline ? `${entry.headline.label} ${formatMetric(entry.headline.value)}` : '';
    item.description = [headline, when.toLocaleString()].filter(Boolean).join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${messages.modelLabel}: ${entry.model}\n${messages.dataLabel}: ${entry.data} (${entry.label})\n${when.toLocaleString()}`);
    if (headline) tooltip.appendText(`\n${headline}`);
    item.tooltip = tooltip;
    item.id = entry.id;
    item.contextValue = 'posthoc.reportEntry';
    item.iconPath = new vscode.ThemeIcon('graph');
    item.command = { command: 'posthoc.reports.open', title: messages.reopenReport, arguments: [entry] };
    return item;
  }

  getChildren(element?: ReportEntry): ReportEntry[] {
    return element ? [] : this.store.entries();
  }
}

function itemLabel(entry: ReportEntry): string {
  return `${path.basename(entry.model)} on ${path.basename(entry.data)}`;
}

function formatMetric(v: number): string {
  return Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(3)) : String(v);
}
