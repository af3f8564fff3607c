/**
 * The worker's side: run one request from workerData, post throttled progress, then the result
 * (with its typed arrays transferred, not copied) or the error's class name and message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AbortRequest, ProgressHooks, WorkerReply } from './protocol';
import { errorFields } from './workerErrors';

/** What a handler gets besides its request. */
export interface WorkerContext {
  signal: AbortSignal;
  progress: (message?: string, fraction?: number) => void;
  /** `signal` and `progress` as the hooks a core pipeline takes (`evaluate(opts, ctx.hooks)`). */
  hooks: Required<ProgressHooks>;
}

/** What a handler returns: the value, and buffers to transfer with it. */
export interface WorkerOutcome<R> {
  value: R;
  transfer?: ArrayBuffer[];
}

/** Serves one request in this worker thread with `handler`. Does nothing on the main thread. */
export function serveWorker<Req, R>(handler: (request: Req, ctx: WorkerContext) => Promise<WorkerOutcome<R>>): void {
  const port = parentPort;
  if (!port) return;
  const controller = new AbortController();
  port.on('message', (m: AbortRequest) => {
    if (m?.type === 'abort') controller.abort();
  });
  const post = (m: WorkerReply<R>, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  let last = 0;
  const progress = (message?: string, fraction?: number) => {
    // No need to flood the caller: at most one message every 50 ms, plus the final one.
    const now = Date.now();
    if (now - last < 50 && fraction !== undefined && fraction < 1) return;
    last = now;
    post({ type: 'progress', message, fraction });
  };
  handler(workerData as Req, { signal: controller.signal, progress, hooks: { signal: controller.signal, onProgress: progress } }).then(
    ({ value, transfer }) => post({ type: 'result', value }, transfer),
    (e: unknown) => post({ type: 'error', ...errorFields(e) }),
  );
}
