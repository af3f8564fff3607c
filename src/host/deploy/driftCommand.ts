/**
 * "Posthoc: Compare Datasets for Drift…": a reference and a current dataset (or a `posthoc
 * serve` request log), optionally a model → the drift report. Reading data is allowed in
 * Restricted Mode; comparing predictions runs the model, so it needs a trusted workspace.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DriftResult } from '../../core/drift/types';
import { log } from '../log';
import { pickModel } from '../pickers';
import { toUri } from '../pickers';
import { argsOf, requireTrust, deployStrings as s, withWorkProgress } from './deployShared';
import type { ShowReport } from './modelCommands';

/** Arguments of `posthoc.detectDrift` for programmatic callers. */
export interface DriftArgs {
  reference?: string;
  current?: string;
  /** Compare this model's predictions too (needs a trusted workspace). */
  model?: string;
  columns?: string[];
  showReport?: boolean;
}

const LOG_EXTENSIONS = ['jsonl', 'ndjson', 'log'];

/** `posthoc.detectDrift`. A Uri argument (Explorer) is taken as the current dataset. */
export async function detectDriftCommand(arg: unknown, show: ShowReport): Promise<DriftResult | undefined> {
  const args = argsOf<DriftArgs>(arg);
  const programmatic = Object.keys(args).length > 0;
  if (args.model) requireTrust();
  const reference = args.reference ? toUri(args.reference) : await pickData(s.driftReferenceTitle);
  if (!reference) return undefined;
  const current = arg instanceof vscode.Uri ? arg : args.current ? toUri(args.current) : await pickData(s.driftCurrentTitle, reference);
  if (!current) return undefined;
  let model = args.model ? toUri(args.model) : undefined;
  if (!model && !programmatic) {
    if (vscode.workspace.isTrusted) {
      const pick = await vscode.window.showQuickPick([{ label: s.driftNoModel, detail: s.driftNoModelDetail, pickModel: false }, { label: '$(file) Pick a model…', pickModel: true }], { title: s.driftModelTitle, ignoreFocusOut: true });
      if (!pick) return undefined;
      if (pick.pickModel) {
        model = await pickModel();
        if (!model) return undefined;
      }
    } else {
      log().info(s.driftModelNeedsTrust);
    }
  }
  const options = { reference: reference.fsPath, current: current.fsPath, ...(model ? { model: model.fsPath } : {}), ...(args.columns ? { columns: args.columns } : {}) };
  log().info(`drift ${JSON.stringify(options)}`);
  const { detectDriftInWorker } = await import('../../core/drift/driftInWorker');
  const result = await withWorkProgress(`${s.detectingDrift}: ${path.basename(current.fsPath)}`, (hooks) => detectDriftInWorker(options, hooks));
  for (const n of result.notes) log().info(`drift: ${n}`);
  if (args.showReport !== false) {
    const { buildDriftReport } = await import('../../core/report/driftReport');
    await show(buildDriftReport(result));
  }
  return result;
}

/** A dataset or a serving log. */
async function pickData(title: string, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const { SUPPORTED_DATA_EXTENSIONS } = await import('../../core/data/readTable');
  const exts = [...new Set([...SUPPORTED_DATA_EXTENSIONS.map((e) => e.replace(/^\./, '')), ...LOG_EXTENSIONS])];
  const found = await vscode.workspace.findFiles(`**/*.{${exts.join(',')}}`, '{**/node_modules/**,**/.git/**,**/dist/**}', 500);
  const home = near ? path.dirname(near.fsPath) : undefined;
  found.sort((a, b) => Number(path.dirname(a.fsPath) !== home) - Number(path.dirname(b.fsPath) !== home) || a.fsPath.localeCompare(b.fsPath));
  const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = found
    .filter((u) => !near || u.toString() !== near.toString())
    .map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri }));
  items.push({ label: '$(folder-opened) Browse…', alwaysShow: true });
  const pick = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true, matchOnDescription: true });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  return (await vscode.window.showOpenDialog({ canSelectMany: false, title, filters: { 'Datasets and serving logs': exts } }))?.[0];
}
