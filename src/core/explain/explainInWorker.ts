/**
 * Runs {@link explain} in a worker thread, so the extension host's thread (shared by every
 * extension) never blocks on inference or the explanation numerics.
 */
import { relayHooks, runWorker, workerScript } from '../workers/runWorker';
import type { ExplainHooks, ExplainOptions, ExplainResult } from './pipeline/options';

/** Where the explanation worker script is (dist/explainWorker.js, or the .ts source under tsx). */
export function explainWorkerPath(): string {
  return workerScript(__dirname, 'explainWorker');
}

/** Explains in a worker thread; same options, result and errors as `explain`. Abort terminates the worker at once. */
export function explainInWorker(opts: ExplainOptions, hooks: ExplainHooks = {}): Promise<ExplainResult> {
  return runWorker<ExplainResult>(explainWorkerPath(), opts, relayHooks(hooks));
}
