/**
 * Decodes image batches in worker threads. sharp's pixel work already runs on libuv's thread
 * pool, but building each sharp pipeline and turning pixels into floats is JavaScript: on small
 * images it kept the decoding thread busy about half the time (event-loop utilisation 0.4–0.5,
 * measured with 28×28 PNGs). Workers take that off the thread that runs onnxruntime and the
 * metrics, and several of them do it in parallel.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerScript } from '../workers/runWorker';
import { rebuildError, type ErrorFields } from '../workers/workerErrors';
import type { PreprocessSpec } from './preprocess';

/** A batch to decode: `files` into the first slots of a tensor of `slots` images (the rest stay 0). */
export interface DecodeRequest {
  id: number;
  files: string[];
  slots: number;
}

/** The worker's answer: the batch tensor (its buffer transferred), or the error that stopped it. */
export type DecodeReply = { id: number; data: Float32Array } | { id: number; error: ErrorFields };

/** What a decode worker starts with. */
export interface DecodeWorkerData {
  spec: PreprocessSpec;
}

/** Most decode workers started, whatever the machine. */
const MAX_WORKERS = 4;

/**
 * Workers for a run of `images` in batches of `batch`: `requested` when given as a number (0
 * decodes in the calling thread). Otherwise none for short runs, where starting a worker (loading sharp, ~0.1 s)
 * costs more than it saves, and none on machines of 2–3 cores, where onnxruntime, sharp's threads
 * and a worker only take turns on the same cores (bench/images.bench.ts on 2 cores: 0.9–1.0× the
 * speed without); from 4 cores, one per core beyond two (at most 4).
 */
export function decodeWorkerCount(images: number, batch: number, requested?: number, cores = availableParallelism()): number {
  if (requested !== undefined && Number.isFinite(requested)) return Math.max(0, Math.min(MAX_WORKERS, Math.floor(requested)));
  if (images < 4 * batch) return 0;
  return cores < 4 ? 0 : Math.min(MAX_WORKERS, cores - 2);
}

interface Pending {
  resolve: (data: Float32Array) => void;
  reject: (err: Error) => void;
  slot: Slot;
}

interface Slot {
  worker: Worker;
  busy: number;
  /** Why the worker is gone, once it is. */
  failure?: Error;
}

/** A fixed set of decode workers; batches go to the least busy one. Close it when done. */
export class DecodePool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  constructor(size: number, spec: PreprocessSpec) {
    const script = workerScript(__dirname, 'decodeWorker');
    for (let i = 0; i < size; i++) {
      const worker = startWorker(script, { spec } satisfies DecodeWorkerData);
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (m: DecodeReply) => this.settle(m));
      worker.on('error', (err) => this.fail(slot, new Error(`An image decoding worker failed: ${err.message}`)));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(slot, new Error(`An image decoding worker stopped (exit code ${code}).`));
      });
      this.slots.push(slot);
    }
  }

  /** Decodes `files` into a new tensor of `slots` images, in file order. */
  decode(files: readonly string[], slots: number): Promise<Float32Array> {
    if (this.closed) return Promise.reject(new Error('The image decoding pool is closed.'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    // Dead workers count as infinitely busy: this one is dead only when all are.
    if (slot.failure) return Promise.reject(slot.failure);
    const id = this.nextId++;
    slot.busy++;
    return new Promise<Float32Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, files: [...files], slots } satisfies DecodeRequest);
    });
  }

  /** Stops the workers; batches still pending are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new Error('The image decoding pool was closed.'));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private settle(m: DecodeReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    p.slot.busy--;
    if ('error' in m) p.reject(rebuildError(m.error));
    else p.resolve(m.data);
  }

  /** A worker died: its batches fail with `err`, and it takes no more work. */
  private fail(slot: Slot, err: Error): void {
    slot.failure ??= err;
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      p.reject(err);
    }
    slot.busy = Infinity;
  }
}
