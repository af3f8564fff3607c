/**
 * Runs {@link evaluate} in a worker thread, so the extension host's thread (shared by every
 * extension) never blocks on reading data, inference or metrics.
 */
import { relayHooks, runWorker, workerScript } from '../workers/runWorker';
import type { EvaluateOptions, WorkHooks } from './options';
import type { EvaluationResult } from './types';

/** Where the evaluation worker script is (dist/evaluateWorker.js, or the .ts source under tsx). */
export function evaluateWorkerPath(): string {
  return workerScript(__dirname, 'evaluateWorker');
}

/** Evaluates in a worker thread; same options, result and errors as `evaluate`. Abort cancels at once. */
export function evaluateInWorker(opts: EvaluateOptions, hooks: WorkHooks = {}): Promise<EvaluationResult> {
  return runWorker<EvaluationResult>(evaluateWorkerPath(), opts, relayHooks(hooks));
}
