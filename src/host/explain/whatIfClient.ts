/**
 * The host's side of the what-if worker: starts it for one model, dataset and row, resolves the
 * setup once the model is open, and sends evaluations. Only the newest evaluation matters: a
 * newer request supersedes an older one (the worker aborts it, and its promise resolves
 * `undefined`), so a burst of edits costs one computation, not a queue.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PosthocError } from '../../core/errors';
import { rebuildError } from '../../core/workers/workerErrors';
import type { WhatIfOutcome, WhatIfSetup } from '../../shared/whatifProtocol';
import type { WhatIfInit } from './whatIfSession';
import type { WhatIfWorkerReply, WhatIfWorkerRequest } from './whatIfWorker';

type Pending = { resolve: (value: WhatIfOutcome | undefined) => void; reject: (error: Error) => void };

/** A running what-if worker; see the module comment. */
export class WhatIfClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  /** Resolves with the setup once the worker has opened the model and built the background. */
  readonly ready: Promise<WhatIfSetup>;

  /** Starts the worker; `extensionPath` locates dist/whatIfWorker.js. */
  constructor(extensionPath: string, init: WhatIfInit) {
    this.worker = new Worker(path.join(extensionPath, 'dist', 'whatIfWorker.js'), { workerData: init });
    // Reply 0 is the setup, posted once the model is open.
    this.ready = new Promise<WhatIfSetup>((resolve, reject) => this.pending.set(0, { resolve: (v) => resolve(v as unknown as WhatIfSetup), reject }));
    this.worker.on('message', (reply: WhatIfWorkerReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!p) return;
      if (reply.ok) p.resolve(reply.value as WhatIfOutcome);
      // A superseded request: nobody waits for its numbers any more.
      else if (reply.name === 'CancelledError') p.resolve(undefined);
      else p.reject(rebuildError(reply.name, reply.message, reply.stack));
    });
    this.worker.on('error', (err) => this.fail(new PosthocError(`the what-if worker failed: ${err.message}`, 'worker')));
    this.worker.on('exit', (code) => this.fail(new PosthocError(`the what-if worker stopped (exit code ${code}).`, 'worker')));
    // Nobody may be listening yet when the model fails to open; the panel reads `ready` later.
    this.ready.catch(() => undefined);
  }

  /** Evaluates one row; resolves `undefined` when a newer evaluation superseded this one. */
  evaluate(values: number[]): Promise<WhatIfOutcome | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // Older requests are aborted by the worker; settle them here at once.
    for (const [oldId, p] of this.pending) {
      if (oldId === 0) continue;
      this.pending.delete(oldId);
      p.resolve(undefined);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, values } satisfies WhatIfWorkerRequest);
    });
  }

  /** Stops the worker; pending requests reject. */
  dispose(): void {
    this.fail(new PosthocError('the what-if panel was closed.', 'worker'));
    void this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
