/**
 * Helpers the deployment commands share: the Restricted Mode check, argument resolution, a
 * cancellable progress notification around worker calls, and the pickers for datasets/labels.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkHooks } from '../../core/evaluate/options';
import { UntrustedWorkspaceError } from '../errors';
import { labelChoices, pickDataset, pickLabel, pickModel, toUri } from '../pickers';
import { deployStrings } from './deployStrings';

/** Refuses in Restricted Mode with the same message as evaluate: every caller runs a model. */
export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError();
}

/** An args object from a programmatic caller (tests, keybindings), as opposed to a Uri or nothing. */
export function argsOf<T extends object>(arg: unknown): Partial<T> {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as Partial<T>) : {};
}


/** The model: a Uri argument (Explorer, model card), `args.model`, else the model picker. */
export async function modelFrom(arg: unknown, given?: string): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (given) return toUri(given);
  return pickModel();
}

/** The dataset (`given`, else the picker, files near `near` first). */
export async function datasetFrom(given: string | undefined, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (given) return toUri(given);
  const { SUPPORTED_DATA_EXTENSIONS } = await import('../../core/data/readTable');
  return pickDataset(SUPPORTED_DATA_EXTENSIONS, near);
}

/** The label column (`given`, else a pick among the dataset's columns with the guess first). */
export async function labelFrom(given: string | undefined, data: vscode.Uri): Promise<string | undefined> {
  if (given) return given;
  const { columns, guess } = await labelChoices(data);
  return pickLabel(columns, guess);
}


/** Runs one request in the deploy worker (dist/deployWorker.js) with the given hooks. */
export async function inDeployWorker<K extends 'optimize' | 'compare' | 'bench'>(
  request: Extract<import('../../core/deploy/deployWorker').DeployRequest, { op: K }>,
  hooks: WorkHooks,
): Promise<import('../../core/deploy/deployWorker').DeployReplies[K]> {
  const { runWorker, workerScript } = await import('../../core/workers/runWorker');
  const script = workerScript(path.join(__dirname, '..', '..', 'core', 'deploy'), 'deployWorker');
  return runWorker(script, request, { signal: hooks.signal, onProgress: (m, f) => hooks.onProgress?.(m ?? 'Working', f) });
}

/** Every deploy notification names the command; keeps the title builder in one place. */
export const progressTitle = (verb: string, file: vscode.Uri) => `${verb} ${path.basename(file.fsPath)}`;

export { deployStrings };

export { withWorkProgress } from '../workProgress';
