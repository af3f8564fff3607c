/**
 * "Posthoc: Export for Serving…": a Triton model repository or a KServe bundle for an ONNX
 * model, written into a folder the user picks. Existing files are replaced only after a modal
 * confirmation; then the folder is revealed.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportResult, ExportTarget } from '../../core/deploy/export/exportModel';
import { PosthocError } from '../../core/errors';
import { log } from '../log';
import { toUri } from '../pickers';
import { argsOf, modelFrom, deployStrings as s } from './deployShared';

/** Arguments of `posthoc.exportModel` for programmatic callers. */
export interface ExportModelArgs {
  model?: string;
  target?: ExportTarget;
  /** Output folder (created if missing). */
  out?: string;
  name?: string;
  maxBatch?: number;
  /** Replace existing files without asking (programmatic callers only). */
  force?: boolean;
}

/**
 * `posthoc.exportModel`. It only reads the model file and writes text and a copy of it (no
 * inference), so it also works in Restricted Mode.
 */
export async function exportModelCommand(arg: unknown): Promise<ExportResult | undefined> {
  const args = argsOf<ExportModelArgs>(arg);
  const programmatic = Object.keys(args).length > 0;
  const model = await modelFrom(arg, args.model);
  if (!model) return undefined;
  let target = args.target;
  if (!target) {
    const items = (['triton', 'kserve'] as const).map((t) => ({ label: t === 'triton' ? 'Triton' : 'KServe', detail: s.exportTargets[t], target: t }));
    target = (await vscode.window.showQuickPick(items, { title: s.exportTargetTitle, ignoreFocusOut: true }))?.target;
    if (!target) return undefined;
  }
  let out = args.out ? toUri(args.out) : undefined;
  if (!out) {
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, title: s.exportFolderTitle, openLabel: s.exportFolderLabel, defaultUri: vscode.Uri.joinPath(model, '..') });
    out = picked?.[0];
    if (!out) return undefined;
  }
  const { exportModel } = await import('../../core/deploy/export/exportModel');
  const options = { target, model: model.fsPath, out: out.fsPath, ...(args.name ? { name: args.name } : {}), ...(args.maxBatch !== undefined ? { maxBatch: args.maxBatch } : {}) };
  let result: ExportResult;
  try {
    result = await exportModel({ ...options, force: args.force ?? false });
  } catch (error) {
    // The core refuses to replace files and names them: ask (modal) before trying again with force.
    if (!(error instanceof PosthocError && error.code === 'exists') || programmatic) throw error;
    const choice = await vscode.window.showWarningMessage(error.message.replace(/ Pass --force.*$/, ''), { modal: true }, s.overwrite);
    if (choice !== s.overwrite) return undefined;
    result = await exportModel({ ...options, force: true });
  }
  log().info(`exported ${model.fsPath} for ${target}: ${result.files.join(', ')}`);
  for (const note of result.notes) log().info(`export: ${note}`);
  const folder = out;
  void vscode.window.showInformationMessage(s.exported(result.files.length, vscode.workspace.asRelativePath(folder)), s.revealFolder).then((choice) => {
    if (choice === s.revealFolder) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(result.files[0] ?? folder.fsPath));
  });
  if (!programmatic) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(path.dirname(result.files[0] ?? folder.fsPath)));
  return result;
}
