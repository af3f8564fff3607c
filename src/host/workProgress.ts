/** Long work under a cancellable progress notification, shared by the host's commands. */
import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import type { WorkHooks } from '../core/evaluate/options';
import { log } from './log';

/**
 * Runs `work` under a cancellable progress notification; the notification's Cancel and the
 * caller's `signal` both abort it (the worker is asked to stop at once).
 */
export async function withWorkProgress<R>(title: string, work: (hooks: Required<WorkHooks>) => Promise<R>, callerSignal?: AbortSignal): Promise<R> {
  const started = Date.now();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const onAbort = () => abort.abort(new CancelledError());
    const sub = token.onCancellationRequested(onAbort);
    if (callerSignal?.aborted) onAbort();
    callerSignal?.addEventListener('abort', onAbort);
    let done = 0;
    try {
      const result = await work({
        signal: abort.signal,
        onProgress: (message, fraction) => {
          // withProgress wants increments; the core reports absolute fractions.
          const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - done);
          if (fraction !== undefined) done = Math.max(done, fraction * 100);
          progress.report({ message, increment });
        },
      });
      log().info(`${title}: done in ${Date.now() - started} ms`);
      return result;
    } finally {
      sub.dispose();
      callerSignal?.removeEventListener('abort', onAbort);
    }
  });
}
