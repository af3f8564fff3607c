import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResult } from '../core/evaluate/types';
import { log } from './log';

/** What the Reports view lists for one past evaluation; the result itself lives in a file. */
export interface ReportEntry {
  id: string;
  /** Model and dataset paths, as evaluated. */
  model: string;
  data: string;
  label: string;
  /** ISO time the evaluation finished. */
  created: string;
  /** The first headline metric, e.g. `{ label: 'ROC AUC', value: 0.99 }`. */
  headline?: { label: string; value: number };
}

const STATE_KEY = 'posthoc.reports';
/** How many results a workspace keeps; older ones are deleted with their files. */
export const MAX_REPORTS = 20;

/**
 * The recent evaluation results of this workspace: metadata in workspaceState (small, read
 * at startup), each result as a JSON file under the extension's storage folder (big curves).
 */
export class ReportsStore {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after an entry is added or removed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Newest first. */
  entries(): ReportEntry[] {
    const raw = this.context.workspaceState.get<unknown>(STATE_KEY);
    return Array.isArray(raw) ? raw.filter(isEntry) : [];
  }

  /** Saves a finished evaluation and drops the oldest beyond {@link MAX_REPORTS}. */
  async add(result: EvaluationResult): Promise<ReportEntry> {
    const { buildReport } = await import('../core/report/build');
    const summary = buildReport(result).sections.find((s) => s.kind === 'summary');
    const card = summary?.kind === 'summary' ? summary.cards[0] : undefined;
    const entry: ReportEntry = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      model: result.model.path,
      data: result.dataset.path,
      label: result.dataset.label,
      created: result.created || new Date().toISOString(),
      ...(card ? { headline: { label: card.label, value: card.value } } : {}),
    };
    await vscode.workspace.fs.createDirectory(this.folder());
    await vscode.workspace.fs.writeFile(this.fileOf(entry.id), new TextEncoder().encode(JSON.stringify(result)));
    const all = [entry, ...this.entries()];
    for (const old of all.slice(MAX_REPORTS)) await this.deleteFile(old.id);
    await this.context.workspaceState.update(STATE_KEY, all.slice(0, MAX_REPORTS));
    this.changed.fire();
    return entry;
  }

  /** The saved result of an entry. Throws if its file is gone or unreadable. */
  async result(id: string): Promise<EvaluationResult> {
    const bytes = await vscode.workspace.fs.readFile(this.fileOf(id));
    return JSON.parse(new TextDecoder().decode(bytes)) as EvaluationResult;
  }

  /** Removes an entry and its file. */
  async remove(id: string): Promise<void> {
    await this.deleteFile(id);
    await this.context.workspaceState.update(STATE_KEY, this.entries().filter((e) => e.id !== id));
    this.changed.fire();
  }

  /** Finds an entry by id, for commands called with an id string. */
  find(id: string): ReportEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** storageUri exists only with a workspace open; without one, results go to global storage. */
  private folder(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.storageUri ?? this.context.globalStorageUri, 'reports');
  }

  private fileOf(id: string): vscode.Uri {
    // Ids come from add() or from workspaceState; basename() keeps a forged one inside the folder.
    return vscode.Uri.joinPath(this.folder(), `${path.basename(id)}.json`);
  }

  private async deleteFile(id: string): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.fileOf(id));
    } catch (error) {
      log().info(`report file ${id} was already gone (${(error as Error).message})`);
    }
  }
}

function isEntry(x: unknown): x is ReportEntry {
  const e = x as Partial<ReportEntry>;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.model === 'string' && typeof e.data === 'string' && typeof e.created === 'string';
}
