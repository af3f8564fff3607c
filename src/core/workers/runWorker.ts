/**
 * The caller's side of a worker thread: start it with a request, relay progress, resolve with
 * its result or reject with the same error class it threw. Aborting terminates the worker at
 * once, so cancelling takes well under a second whatever the worker is doing.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError, PosthocError } from '../errors';
import type { AbortRequest, ProgressHooks, WorkerHooks, WorkerReply } from './protocol';
import { rebuildError } from './workerErrors';

/**
 * The script for worker `name`: `name.js` beside the running bundle (every bundle lives in
 * dist/), or `name.ts` in `sourceDir` when running from source under tsx.
 */
export function workerScript(sourceDir: string, name: string): string {
  return __filename.endsWith('.ts') ? path.join(sourceDir, `${name}.ts`) : path.join(__dirname, `${name}.js`);
}

/** Starts worker `script` with `data` (a `.ts` script runs through tsx: tests and development). */
export function startWorker(script: string, data: unknown): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { workerData: data });
  // tsx's hooks do not reach workers on Node 20; registering its CommonJS hook first makes the
  // TypeScript entry load (tests and development only).
  const tsx = require.resolve('tsx/cjs', { paths: [__dirname] });
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(script)});`, { eval: true, workerData: data });
}

/** How long a cancelled worker may take to wind down by itself before it is terminated. */
const ABORT_GRACE_MS = 2000;

/**
 * Stops a worker that is no longer wanted. After a cancel the worker may be inside native code
 * (an onnxruntime run): it is asked to stop at its next check and terminated once it has replied,
 * or after a grace period, rather than torn down mid-call.
 */
function stopWorker(worker: Worker, cancelled: boolean): void {
  if (!cancelled) {
    void worker.terminate();
    return;
  }
  worker.postMessage({ type: 'abort' } satisfies AbortRequest);
  const timer = setTimeout(() => void worker.terminate(), ABORT_GRACE_MS);
  timer.unref();
  worker.on('message', (m: WorkerReply<unknown>) => {
    if (m.type === 'progress') return;
    clearTimeout(timer);
    void worker.terminate();
  });
  worker.once('exit', () => clearTimeout(timer));
}

/**
 * Runs `script` with `data` as its workerData and returns what it posts as its result.
 * Aborting rejects at once with CancelledError; the worker itself winds down in the background.
 */
export function runWorker<R>(script: string, data: unknown, hooks: WorkerHooks = {}): Promise<R> {
  if (hooks.signal?.aborted) return Promise.reject(new CancelledError());
  const worker = startWorker(script, data);
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void, cancelled = false) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      stopWorker(worker, cancelled);
      fn();
    };
    const onAbort = () => finish(() => reject(new CancelledError()), true);
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerReply<R>) => {
      if (m.type === 'progress') hooks.onProgress?.(m.message, m.fraction);
      else if (m.type === 'result') finish(() => resolve(m.value));
      else finish(() => reject(rebuildError(m)));
    });
    worker.on('error', (err) => finish(() => reject(new PosthocError(`a Posthoc worker failed: ${err.message}`, 'worker'))));
    // Let a result posted just before exit be delivered first.
    worker.on('exit', (code) =>
      setImmediate(() => finish(() => reject(new PosthocError(`a Posthoc worker stopped unexpectedly (exit code ${code}).`, 'worker')))),
    );
  });
}

/**
 * The caller's {@link ProgressHooks} as worker hooks: the same signal, and progress relayed with
 * "Working" standing in for an update that came without a message.
 */
export function relayHooks(hooks: ProgressHooks): WorkerHooks {
  return { signal: hooks.signal, onProgress: (message, fraction) => hooks.onProgress?.(message ?? 'Working', fraction) };
}
