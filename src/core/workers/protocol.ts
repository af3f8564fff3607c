import type { ErrorFields } from './workerErrors';

/** Messages every Posthoc worker posts back: progress, then one result or one error. */
export type WorkerReply<R> =
  | { type: 'progress'; message?: string; fraction?: number }
  | { type: 'result'; value: R }
  | ({ type: 'error' } & ErrorFields);

/** Sent to a worker to stop its work early (it is also terminated shortly after). */
export interface AbortRequest {
  type: 'abort';
}

/** Progress and cancellation hooks shared by both sides. */
export interface WorkerHooks {
  signal?: AbortSignal;
  onProgress?: (message: string | undefined, fraction: number | undefined) => void;
}

/**
 * Progress and cancellation as the core pipelines take them (evaluate, explain, drift, …): every
 * progress report carries a message. The worker side passes `ctx.hooks` (serveWorker.ts); the
 * caller side turns its hooks into {@link WorkerHooks} with `relayHooks` (runWorker.ts).
 */
export interface ProgressHooks {
  signal?: AbortSignal;
  onProgress?: (message: string, fraction?: number) => void;
}
