import * as vscode from 'vscode';
import { CancelledError, UsageError } from '../../core/errors';
import type { SweepRun } from '../../core/runfile/types';
import type { SweepResult } from '../../core/tune/runner';
import { UntrustedWorkspaceError } from '../errors';
import { log } from '../log';
import { messages } from '../messages';
import { StudyPanel } from './studyPanel';
import { tuneMessages } from './tuneMessages';
import { toUri } from '../pickers';

/** Milliseconds between SIGTERM and SIGKILL for the trials of a cancelled sweep. */
const CANCEL_GRACE_MS = 800;

/** Refusal of a sweep in Restricted Mode: reported like any untrusted action, with its own reason. */
export class UntrustedSweepError extends UntrustedWorkspaceError {
  constructor() {
    super();
    this.message = tuneMessages.untrusted;
  }
}

/** Arguments of `posthoc.runSweep` for programmatic callers (tests, the Tune lens passes (uri, name)). */
export interface RunSweepArgs {
  /** The run file: a path, or a URI string. */
  file: string;
  /** The sweep's name under `runs`. */
  sweep: string;
  /** Override the sweep's trial count or parallelism. */
  trials?: number;
  parallel?: number;
  /** Cancels like the notification's Cancel button (same extension host only). */
  signal?: AbortSignal;
}

/** What the command resolves to: the core's result and the study panel's storage. */
export interface RunSweepResult extends SweepResult {
  sweep: string;
}

/** The text to run: the open editor's (what the user sees), else the file's. */
async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
}

/** Every sweep of a run file; file problems become one readable error. */
async function sweepsOf(uri: vscode.Uri): Promise<SweepRun[]> {
  const { validateRunFile } = await import('../../core/runfile/index');
  const { runFile, problems } = validateRunFile(await readText(uri), uri.fsPath);
  if (!runFile) {
    const first = problems.slice(0, 3).map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('; ');
    throw new UsageError(messages.runFileInvalid(vscode.workspace.asRelativePath(uri), first));
  }
  return runFile.sweeps;
}

/** Quick pick over the sweeps of every posthoc.json in the workspace. */
async function pickSweep(): Promise<{ uri: vscode.Uri; run: SweepRun } | undefined> {
  const files = await vscode.workspace.findFiles('**/posthoc.json', '**/node_modules/**', 50);
  const items: (vscode.QuickPickItem & { uri: vscode.Uri; run: SweepRun })[] = [];
  for (const uri of files) {
    let sweeps: SweepRun[];
    try {
      sweeps = await sweepsOf(uri);
    } catch (e) {
      log().warn(`skipped ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    for (const run of sweeps) {
      items.push({ label: run.name, description: vscode.workspace.asRelativePath(uri), detail: `${run.sweep.trials} trials · ${Object.keys(run.sweep.space).join(', ')}`, uri, run });
    }
  }
  if (items.length === 0) throw new UsageError(tuneMessages.noSweeps);
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Posthoc: Run Sweep', placeHolder: tuneMessages.pickSweep });
  return picked && { uri: picked.uri, run: picked.run };
}

/**
 * `posthoc.runSweep`: runs (or resumes) a sweep of posthoc.json under a cancellable progress
 * notification, with its study panel updating live. Refused in Restricted Mode before any
 * picker: trials execute the sweep's command. Resolves to the sweep's result, or undefined
 * when the user dismissed the picker.
 */
export async function runSweepCommand(extensionUri: vscode.Uri, first?: unknown, second?: unknown): Promise<RunSweepResult | undefined> {
  if (!vscode.workspace.isTrusted) throw new UntrustedSweepError();
  let args: Partial<RunSweepArgs> = {};
  let target: { uri: vscode.Uri; run: SweepRun } | undefined;
  if (first instanceof vscode.Uri || typeof first === 'string') args = { file: first.toString(), sweep: second as string };
  else if (typeof first === 'object' && first !== null) args = first as Partial<RunSweepArgs>;
  if (args.file !== undefined || args.sweep !== undefined) {
    if (typeof args.file !== 'string' || typeof args.sweep !== 'string') throw new UsageError(tuneMessages.needArgs);
    const uri = first instanceof vscode.Uri ? first : toUri(args.file);
    const run = (await sweepsOf(uri)).find((s) => s.name === args.sweep);
    if (!run) throw new UsageError(tuneMessages.sweepNotFound(args.sweep, vscode.workspace.asRelativePath(uri)));
    target = { uri, run };
  } else target = await pickSweep();
  if (!target) return undefined;
  return runWithProgress(extensionUri, target.run, args);
}

async function runWithProgress(extensionUri: vscode.Uri, run: SweepRun, args: Partial<RunSweepArgs>): Promise<RunSweepResult> {
  const { runSweep, journalPath } = await import('../../core/tune/index');
  const { formatNumber } = await import('../../core/charts/format');
  const sweep = run.sweep;
  const storage = journalPath(sweep.storage);
  const panel = StudyPanel.show(extensionUri, storage, sweep.study);
  log().info(`sweep "${run.name}": study ${sweep.study} in ${storage}`);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: tuneMessages.progressTitle(run.name), cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort(new CancelledError()));
    const onCallerAbort = () => abort.abort(new CancelledError());
    if (args.signal?.aborted) onCallerAbort();
    args.signal?.addEventListener('abort', onCallerAbort);
    let target = args.trials ?? sweep.trials;
    let done = 0;
    try {
      return await runSweep(sweep, {
        signal: abort.signal,
        // Cancel must finish within a second: trials that ignore SIGTERM are killed after this.
        graceMs: CANCEL_GRACE_MS,
        ...(args.trials !== undefined ? { trials: args.trials } : {}),
        ...(args.parallel !== undefined ? { parallel: args.parallel } : {}),
        onEvent: (e) => {
          if (e.type === 'start') {
            target = e.target;
            done = e.finished;
            progress.report({ message: tuneMessages.progressStart(done, target), increment: (100 * done) / Math.max(1, target) });
            panel.setStatus(tuneMessages.running(done, target));
            panel.refresh();
          } else if (e.type === 'trialEnd') {
            done++;
            const value = e.value === undefined ? '' : formatNumber(e.value);
            progress.report({ message: tuneMessages.progressTrial(e.number, e.state, value, e.best ? formatNumber(e.best.value) : '', done, target), increment: 100 / Math.max(1, target) });
            if (e.state === 'FAIL') log().warn(`trial ${e.number} failed: ${e.reason ?? ''}`);
            panel.setStatus(tuneMessages.running(done, target));
            panel.refreshThrottled();
          } else if (e.type === 'trialReport') panel.refreshThrottled();
        },
      });
    } finally {
      sub.dispose();
      args.signal?.removeEventListener('abort', onCallerAbort);
      // The final report: no "running" note, and every trial the sweep finished.
      panel.setStatus(undefined);
      panel.refresh();
    }
  });
  await panel.idle();
  const best = result.summary.best_value;
  void vscode.window.showInformationMessage(tuneMessages.finished(run.name, result.ran, best === null ? '' : formatNumber(best)));
  return { ...result, sweep: run.name };
}
