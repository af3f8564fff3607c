import * as path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import type { EvaluateOptions } from '../core/evaluate/options';
import type { EvaluationResult } from '../core/evaluate/types';
import { evaluateSettings } from './config';
import { UntrustedWorkspaceError } from './errors';
import { log } from './log';
import { messages } from './messages';
import { isFolder, labelChoices, pickDataset, pickLabel, pickModel, toUri } from './pickers';

/**
 * Arguments of `posthoc.evaluateModel` for programmatic callers (tests, CodeLens, keybindings):
 * any {@link EvaluateOptions} field, with `model`/`data` as absolute paths, paths relative to
 * the first workspace folder, or URI strings. Given fields skip their picker.
 */
export interface EvaluateArgs extends Partial<EvaluateOptions> {
  /** Open the report panel when done (default true). */
  showReport?: boolean;
  /** Cancels like the notification's Cancel button; only callers in the same extension host can pass one. */
  signal?: AbortSignal;
}

/** True when the command was called with an args object rather than from a menu (Uri) or palette. */
export function isArgsObject(arg: unknown): arg is EvaluateArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
}

/**
 * `posthoc.evaluateModel`: picks model, dataset and label (each skipped when given), runs the
 * evaluation in a worker thread under a cancellable progress notification, opens the report.
 * Resolves to the result, or `undefined` when the user dismissed a picker.
 */
export async function evaluateModel(
  showReport: (result: EvaluationResult) => Promise<void>,
  arg?: vscode.Uri | EvaluateArgs,
): Promise<EvaluationResult | undefined> {
  // Refuse before any picker: the user should not choose files for nothing.
  if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError();
  const args: EvaluateArgs = isArgsObject(arg) ? arg : {};
  const model = arg instanceof vscode.Uri ? arg : args.model ? toUri(args.model) : await pickModel();
  if (!model) return undefined;

  // Readers are bundled but only evaluated on first use, keeping activation cheap.
  const { SUPPORTED_DATA_EXTENSIONS } = await import('../core/data/readTable');
  const data = args.data ? toUri(args.data) : await pickDataset(SUPPORTED_DATA_EXTENSIONS, model, true);
  if (!data) return undefined;

  let label = args.label;
  // An image folder's labels are its class subfolders: no column to pick.
  if (!label && !(await isFolder(data))) {
    const { columns, guess } = await labelChoices(data);
    label = await pickLabel(columns, guess);
    if (!label) return undefined;
  }

  const settings = evaluateSettings(model);
  const { showReport: wantReport = true, signal, ...overrides } = args;
  const options: EvaluateOptions = {
    threshold: settings.threshold,
    bootstrap: settings.bootstrap,
    seed: settings.seed,
    maxRows: settings.maxRows || undefined,
    ...(settings.decodeWorkers !== undefined ? { decodeWorkers: settings.decodeWorkers } : {}),
    ...overrides,
    model: model.fsPath,
    data: data.fsPath,
    label,
  };
  const result = await runWithProgress(options, signal);
  if (wantReport) await showReport(result);
  return result;
}

/** Runs the evaluation in a worker with a notification that reports progress and can cancel. */
async function runWithProgress(options: EvaluateOptions, callerSignal?: AbortSignal): Promise<EvaluationResult> {
  const { evaluateInWorker } = await import('../core/evaluate/evaluateInWorker');
  const title = `${messages.progressTitle} ${path.basename(options.model)}`;
  log().info(`evaluate ${JSON.stringify(options)}`);
  const started = Date.now();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort(new CancelledError()));
    const onCallerAbort = () => abort.abort(new CancelledError());
    if (callerSignal?.aborted) onCallerAbort();
    callerSignal?.addEventListener('abort', onCallerAbort);
    let done = 0;
    try {
      const result = await evaluateInWorker(options, {
        signal: abort.signal,
        onProgress: (message, fraction) => {
          // withProgress wants increments; the core reports absolute fractions.
          const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - done);
          if (fraction !== undefined) done = Math.max(done, fraction * 100);
          progress.report({ message, increment });
        },
      });
      log().info(`evaluated ${result.n_rows} rows in ${Date.now() - started} ms`);
      for (const w of result.warnings) log().warn(w);
      return result;
    } finally {
      sub.dispose();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  });
}
