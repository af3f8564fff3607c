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
import { PendingRequests, type RequestReply } from '../workers/pendingRequests';
import type { PreprocessSpec } from './preprocess';

/** A batch to decode: `files` into the first slots of a tensor of `slots` images (the rest stay 0). */
export interface DecodeRequest {
  id: number;
  files: string[];
  slots: number;
}

/** What a decode worker starts with. */
export interface DecodeWorkerData {
  spec: PreprocessSpec;
}

/** Most decode workers started, whatever the machine. */
const MAX_WORKERS = 4;

/**
 * Workers for a run of `images` in batches of `batch`: `requested` when given as a number (0
 * decodes in the calling thread). Otherwise none for short runs, where starting a worker
 * (loading sharp, ~0.1 s) costs more than it saves, and none on machines of 2–3 cores, where
 * onnxruntime, sharp's threads and a worker only take turns on the same cores
 * (bench/images.bench.ts on 2 cores: 0.9–1.0× the speed without); from 4 cores, one per core
 * beyond two (at most 4).
 */
export function decodeWorkerCount(images: number, batch: number, requested?: number, cores = availableParallelism()): number {
  if (requested !== undefined && Number.isFinite(requested)) return Math.max(0, Math.min(MAX_WORKERS, Math.floor(requested)));
  if (images < 4 * batch) return 0;
  return cores < 4 ? 0 : Math.min(MAX_WORKERS, cores - 2);
}

/** One worker and the batches it has not answered yet. */
interface Slot {
  worker: Worker;
  requests: PendingRequests;
  busy: number;
}

/**
 * A fixed set of decode workers; batches go to the least busy live one, and the answer (the
 * batch tensor, its buffer transferred) comes back as a {@link RequestReply}. Close it when done.
 */
export class DecodePool {
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(size: number, spec: PreprocessSpec) {
    const script = workerScript(__dirname, 'decodeWorker');
    for (let i = 0; i < size; i++) {
      const worker = startWorker(script, { spec } satisfies DecodeWorkerData);
      const requests = new PendingRequests(worker, 'image decoding');
      worker.on('message', (m: RequestReply) => requests.settle(m));
      this.slots.push({ worker, requests, busy: 0 });
    }
  }

  /** Decodes `files` into a new tensor of `slots` images, in file order. */
  async decode(files: readonly string[], slots: number): Promise<Float32Array> {
    if (this.closed) throw new Error('The image decoding pool is closed.');
    const live = this.slots.filter((s) => !s.requests.failed);
    // With every worker gone, the first one's failure says why.
    if (live.length === 0) throw this.slots[0].requests.failed!;
    const slot = live.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    try {
      return await slot.requests.send<Float32Array>((id) => slot.worker.postMessage({ id, files: [...files], slots } satisfies DecodeRequest));
    } finally {
      slot.busy--;
    }
  }

  /** Stops the workers; batches still pending are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.slots) s.requests.fail(new Error('The image decoding pool was closed.'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
