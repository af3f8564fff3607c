/**
 * Runs {@link analyzeErrors} in a worker thread, so the extension host's thread never blocks on
 * inference or growing the error tree. Same options, result and errors; an AbortSignal cancels.
 */
import type { WorkHooks } from '../evaluate/options';
import { relayHooks, runWorker, workerScript } from '../workers/runWorker';
import type { ErrorAnalysisOptions, ErrorAnalysisResult } from './types';

/** Where the worker script is (dist/errorsWorker.js, or the .ts source under tsx). */
export function errorsWorkerPath(): string {
  return workerScript(__dirname, 'errorsWorker');
}

/** {@link analyzeErrors} in a worker thread. */
export function analyzeErrorsInWorker(opts: ErrorAnalysisOptions, hooks: WorkHooks = {}): Promise<ErrorAnalysisResult> {
  return runWorker<ErrorAnalysisResult>(errorsWorkerPath(), opts, relayHooks(hooks));
}
