/**
 * Request/reply bookkeeping for a long-lived worker (one that serves a panel for its lifetime,
 * unlike runWorker's one-shot workers): ids for requests, the promise waiting for each reply,
 * and one failure (the worker crashed, exited or was disposed) that rejects every request
 * waiting and every later one. The curves and what-if clients share it.
 */
import type { Worker } from 'node:worker_threads';
import { PosthocError } from '../errors';
import { rebuildError, type ErrorFields } from './workerErrors';

/** What a long-lived worker posts for request `id`: its value, or the error it threw. */
export type RequestReply = { id: number; ok: true; value: unknown } | ({ id: number; ok: false } & ErrorFields);

/** The two halves of a promise waiting for one reply. */
export interface ReplyWaiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The requests sent to one worker and not yet answered; see the module comment. */
export class PendingRequests {
  private readonly waiting = new Map<number, ReplyWaiter>();
  private nextId = 1;
  private failure: Error | undefined;

  /**
   * Watches `worker`: an 'error' or 'exit' fails every request (the first failure sticks). `label`
   * names the worker in the message, as in "the what-if worker stopped (exit code 1).". Replies
   * are not read here: the client passes each to {@link settle}, after any reading of its own.
   */
  constructor(worker: Worker, label: string) {
    worker.on('error', (err) => this.fail(new PosthocError(`the ${label} worker failed: ${err.message}`, 'worker')));
    worker.on('exit', (code) => this.fail(new PosthocError(`the ${label} worker stopped (exit code ${code}).`, 'worker')));
  }

  /** The failure that stopped this worker, once there is one. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * Sends a request: takes the next id (from 1), registers its waiter, then calls `post(id)`.
   * After a failure it rejects at once with that failure and posts nothing.
   */
  send<T>(post: (id: number) => void): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      post(id);
    });
  }

  /** Waits for a reply the worker posts unasked under a fixed `id` (the what-if setup, id 0). */
  expect<T>(id: number): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  /** Removes and returns the waiter of `id`; undefined when nothing waits for it (any more). */
  take(id: number): ReplyWaiter | undefined {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    return waiter;
  }

  /** Settles the request `reply` answers: its value, or the worker's error rebuilt as the same class. */
  settle(reply: RequestReply): void {
    const waiter = this.take(reply.id);
    if (!waiter) return;
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(rebuildError(reply));
  }

  /** Resolves every waiting request with `value`, except those `keep` holds on to (superseded requests). */
  resolveAll(value: unknown, keep: (id: number) => boolean = () => false): void {
    for (const [id, waiter] of this.waiting) {
      if (keep(id)) continue;
      this.waiting.delete(id);
      waiter.resolve(value);
    }
  }

  /** Rejects every waiting request with `error`, and every later one with the first failure. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
