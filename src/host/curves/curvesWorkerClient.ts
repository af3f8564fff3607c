/**
 * The host's side of the curves worker (src/core/curves/curvesWorker.ts → dist/curvesWorker.js):
 * starts it for one logdir, sends requests with ids and resolves each with its reply. Unlike
 * the one-shot workers (runWorker), this one lives as long as its panel, because the tail's
 * byte offsets and parsed series must survive between polls.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CurvesRequest, CurvesSnapshot, CurvesView, CurvesWorkerReply } from '../../core/curves/curvesSession';
import { PosthocError } from '../../core/errors';
import { PendingRequests } from '../../core/workers/pendingRequests';

type RequestBody = { type: 'poll'; view: CurvesView; force?: boolean } | { type: 'view'; view: CurvesView } | { type: 'json'; view: CurvesView };

/** A running curves worker; see the module comment. */
export class CurvesWorkerClient {
  private readonly worker: Worker;
  private readonly requests: PendingRequests;

  /** Starts the worker; `extensionPath` locates dist/curvesWorker.js. */
  constructor(extensionPath: string, logdir: string) {
    this.worker = new Worker(path.join(extensionPath, 'dist', 'curvesWorker.js'), { workerData: { logdir } });
    this.requests = new PendingRequests(this.worker, 'training-curves');
    this.worker.on('message', (reply: CurvesWorkerReply) => this.requests.settle(reply));
  }

  /** Reads what is new; null when nothing changed and `force` is not set. */
  poll(view: CurvesView, force = false): Promise<CurvesSnapshot | null> {
    return this.request({ type: 'poll', view, force }) as Promise<CurvesSnapshot | null>;
  }

  /** Rebuilds the report for another view. */
  view(view: CurvesView): Promise<CurvesSnapshot> {
    return this.request({ type: 'view', view }) as Promise<CurvesSnapshot>;
  }

  /** The shown runs as `posthoc curves --json` writes them. */
  json(view: CurvesView): Promise<string> {
    return this.request({ type: 'json', view }) as Promise<string>;
  }

  /** Stops the worker; pending requests reject. */
  dispose(): void {
    this.requests.fail(new PosthocError('the training-curves panel was closed.', 'worker'));
    void this.worker.terminate();
  }

  private request(body: RequestBody): Promise<CurvesSnapshot | string | null> {
    return this.requests.send((id) => this.worker.postMessage({ id, ...body } satisfies CurvesRequest));
  }
}
