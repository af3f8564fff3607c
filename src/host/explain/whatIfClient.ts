/**
 * The host's side of the what-if worker: starts it for one model, dataset and row, resolves the
 * setup once the model is open, and sends evaluations. Only the newest evaluation matters: a
 * newer request supersedes an older one (the worker aborts it, and its promise resolves
 * `undefined`), so a burst of edits costs one computation, not a queue.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PosthocError } from '../../core/errors';
import { PendingRequests } from '../../core/workers/pendingRequests';
import type { WhatIfOutcome, WhatIfSetup } from '../../shared/whatifProtocol';
import type { WhatIfInit } from './whatIfSession';
import type { WhatIfWorkerReply, WhatIfWorkerRequest } from './whatIfWorker';

/** A running what-if worker; see the module comment. */
export class WhatIfClient {
  private readonly worker: Worker;
  private readonly requests: PendingRequests;
  /** Resolves with the setup once the worker has opened the model and built the background. */
  readonly ready: Promise<WhatIfSetup>;

  /** Starts the worker; `extensionPath` locates dist/whatIfWorker.js. */
  constructor(extensionPath: string, init: WhatIfInit) {
    this.worker = new Worker(path.join(extensionPath, 'dist', 'whatIfWorker.js'), { workerData: init });
    this.requests = new PendingRequests(this.worker, 'what-if');
    // Reply 0 is the setup, posted once the model is open.
    this.ready = this.requests.expect<WhatIfSetup>(0);
    this.worker.on('message', (reply: WhatIfWorkerReply) => {
      // A superseded request: nobody waits for its numbers any more.
      if (!reply.ok && reply.name === 'CancelledError') this.requests.take(reply.id)?.resolve(undefined);
      else this.requests.settle(reply);
    });
    // Nobody may be listening yet when the model fails to open; the panel reads `ready` later.
    this.ready.catch(() => undefined);
  }

  /** Evaluates one row; resolves `undefined` when a newer evaluation superseded this one. */
  evaluate(values: number[]): Promise<WhatIfOutcome | undefined> {
    // Older requests are aborted by the worker; settle them here at once (but not the setup, 0).
    this.requests.resolveAll(undefined, (id) => id === 0);
    return this.requests.send((id) => this.worker.postMessage({ id, values } satisfies WhatIfWorkerRequest));
  }

  /** Stops the worker; pending requests reject. */
  dispose(): void {
    this.requests.fail(new PosthocError('the what-if panel was closed.', 'worker'));
    void this.worker.terminate();
  }
}
