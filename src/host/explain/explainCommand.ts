/**
 * `posthoc.explainModel`: picks model, dataset, label, method and rows (each skipped when given),
 * runs the explanation in a worker thread under a cancellable progress notification, and opens
 * the explain report beside the editor.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError } from '../../core/errors';
import type { ExplainOptions, ExplainResult } from '../../core/explain/pipeline/options';
import { log } from '../log';
import { labelChoices, pickDataset, toUri } from '../pickers';
import { explainStrings as s } from './explainStrings';
import { isLocalMethod, isTreeModel, pickExplainModel, pickMethod, pickOptionalLabel, pickRows } from './explainPickers';
import { UntrustedExplainError, explainSettings } from './explainShared';

/**
 * Arguments of `posthoc.explainModel` for programmatic callers (tests, keybindings): any
 * {@link ExplainOptions} field, with `model`/`data` as absolute paths, paths relative to the first
 * workspace folder, or URI strings. Given fields skip their picker; with an args object, a missing
 * label means "guess or none" and missing rows mean the first ten.
 */
export interface ExplainArgs extends Partial<Omit<ExplainOptions, 'rows' | 'label'>> {
  /** Label column; `null` for none. */
  label?: string | null;
  /** Row selection as text ("0-9") or indices. */
  rows?: string | number[];
  /** Background rows sampled for SHAP (overrides `posthoc.explain.backgroundSize`). */
  backgroundSize?: number;
  /** Open the report panel when done (default true). */
  showReport?: boolean;
  /** Cancels like the notification's Cancel button (callers in the same extension host only). */
  signal?: AbortSignal;
}

/** True when the command was called with an args object rather than from a menu (Uri) or palette. */
export function isExplainArgs(arg: unknown): arg is ExplainArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
}

/**
 * Runs the Explain flow. Resolves to the result, or `undefined` when the user dismissed a picker.
 * `show` opens the report (the caller owns the panel class).
 */
export async function explainModel(show: (result: ExplainResult) => Promise<void>, arg?: vscode.Uri | ExplainArgs): Promise<ExplainResult | undefined> {
  // Refuse before any picker: the user should not choose files for nothing.
  if (!vscode.workspace.isTrusted) throw new UntrustedExplainError();
  const programmatic = isExplainArgs(arg);
  const args: ExplainArgs = programmatic ? arg : {};
  const model = arg instanceof vscode.Uri ? arg : args.model ? toUri(args.model) : await pickExplainModel();
  if (!model) return undefined;

  const { SUPPORTED_DATA_EXTENSIONS } = await import('../../core/data/readTable');
  const data = args.data ? toUri(args.data) : await pickDataset(SUPPORTED_DATA_EXTENSIONS, model);
  if (!data) return undefined;

  let label: string | undefined;
  if (typeof args.label === 'string') label = args.label;
  else if (!programmatic) {
    const { columns, guess } = await labelChoices(data);
    const picked = await pickOptionalLabel(columns, guess);
    if (picked === undefined) return undefined;
    label = picked ?? undefined;
  }

  const method = args.method ?? (await pickMethod({ tree: await isTreeModel(model), hasLabel: label !== undefined }));
  if (!method) return undefined;

  let rows: number[] | undefined;
  if (typeof args.rows === 'string') rows = (await import('../../core/explain/pipeline/rows')).parseRowSpec(args.rows);
  else if (Array.isArray(args.rows)) rows = args.rows;
  else if (!programmatic && isLocalMethod(method)) {
    rows = await pickRows();
    if (!rows) return undefined;
  }

  const settings = explainSettings(model);
  const { showReport = true, signal, backgroundSize = settings.backgroundSize, label: _label, rows: _rows, ...overrides } = args;
  const options: ExplainOptions = {
    seed: settings.seed,
    ...(settings.samples > 0 ? { samples: settings.samples } : {}),
    ...(settings.maxRows > 0 ? { maxRows: settings.maxRows } : {}),
    background: { kind: 'sample', n: backgroundSize },
    ...overrides,
    model: model.fsPath,
    data: data.fsPath,
    method,
    ...(label !== undefined ? { label } : {}),
    ...(rows ? { rows } : {}),
  };
  const result = await runWithProgress(options, signal);
  if (showReport) await show(result);
  return result;
}

/** Runs the explanation in a worker with a notification that reports progress and can cancel. */
async function runWithProgress(options: ExplainOptions, callerSignal?: AbortSignal): Promise<ExplainResult> {
  const { explainInWorker } = await import('../../core/explain/explainInWorker');
  log().info(`explain ${JSON.stringify(options)}`);
  const started = Date.now();
  const title = s.progressTitle(path.basename(options.model));
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancel = () => abort.abort(new CancelledError());
    const sub = token.onCancellationRequested(cancel);
    if (callerSignal?.aborted) cancel();
    callerSignal?.addEventListener('abort', cancel);
    let done = 0;
    try {
      const result = await explainInWorker(options, {
        signal: abort.signal,
        onProgress: (message, fraction) => {
          // withProgress wants increments; the core reports absolute fractions.
          const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - done);
          if (fraction !== undefined) done = Math.max(done, fraction * 100);
          progress.report({ message, increment });
        },
      });
      log().info(`explained with ${options.method} in ${Date.now() - started} ms`);
      for (const note of result.context.notes) log().info(`note: ${note}`);
      return result;
    } finally {
      sub.dispose();
      callerSignal?.removeEventListener('abort', cancel);
    }
  });
}
