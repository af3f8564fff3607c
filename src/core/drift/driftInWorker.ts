/**
 * Runs {@link detectDrift} in a worker thread, so the extension host's thread never blocks on
 * reading data, exact KS p-values or inference. What the VS Code host calls.
 */
import { relayHooks, runWorker, workerScript } from '../workers/runWorker';
import type { DriftHooks, DriftOptions, DriftResult } from './types';

/** Where the drift worker script is (dist/driftWorker.js, or the .ts source under tsx). */
export function driftWorkerPath(): string {
  return workerScript(__dirname, 'driftWorker');
}

/** Compares datasets in a worker thread; same options, result and errors as `detectDrift`. Abort cancels at once. */
export function detectDriftInWorker(opts: DriftOptions, hooks: DriftHooks = {}): Promise<DriftResult> {
  return runWorker<DriftResult>(driftWorkerPath(), opts, relayHooks(hooks));
}
