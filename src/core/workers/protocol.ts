/** Messages every Posthoc worker posts back: progress, then one result or one error. */
export type WorkerReply<R> =
  | { type: 'progress'; message?: string; fraction?: number }
  | { type: 'result'; value: R }
  | { type: 'error'; name: string; message: string; stack?: string };

/** Sent to a worker to stop its work early (it is also terminated shortly after). */
export interface AbortRequest {
  type: 'abort';
}

/** Progress and cancellation hooks shared by both sides. */
export interface WorkerHooks {
  signal?: AbortSignal;
  onProgress?: (message: string | undefined, fraction: number | undefined) => void;
}
