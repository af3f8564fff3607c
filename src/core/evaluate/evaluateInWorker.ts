/**
 * Runs {@link evaluate} in a worker thread, so the extension host's thread (shared by every
 * extension) never blocks on inference or metrics. Aborting terminates the worker at once.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError, DataError, ModelError, PosthocError, UsageError } from '../errors';
import type { EvaluateOptions, WorkHooks } from './options';
import type { EvaluationResult } from './types';
import type { WorkerMessage } from './workerMessages';

/** The worker script: bundled beside the caller in dist/, or the TypeScript source under tsx. */
export function evaluateWorkerPath(): string {
  return __filename.endsWith('.ts')
    ? path.join(__dirname, 'evaluateWorker.ts')
    : path.join(__dirname, 'evaluateWorker.js');
}

function rebuildError(m: Extract<WorkerMessage, { type: 'error' }>): Error {
  const classes: Record<string, new (message: string) => PosthocError> = { DataError, ModelError, UsageError, CancelledError };
  const Cls = classes[m.name];
  if (Cls) return new Cls(m.message);
  if (m.name === 'PosthocError') return new PosthocError(m.message, 'error');
  const err = new Error(m.message);
  err.stack = m.stack;
  return err;
}

/** Evaluates in a worker thread; same options, result and errors as `evaluate`. */
export function evaluateInWorker(opts: EvaluateOptions, hooks: WorkHooks = {}): Promise<EvaluationResult> {
  return new Promise((resolve, reject) => {
    if (hooks.signal?.aborted) return reject(new CancelledError());
    const worker = new Worker(evaluateWorkerPath(), { workerData: opts });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new CancelledError()));
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') hooks.onProgress?.(m.message, m.fraction);
      else if (m.type === 'result') finish(() => resolve(m.result));
      else finish(() => reject(rebuildError(m)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new PosthocError(`the evaluation worker stopped unexpectedly (exit ${code})`, 'worker'))));
  });
}
