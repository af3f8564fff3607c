/**
 * Runs the saliency probe and map grid in a worker thread (dist/saliencyWorker.js, or the .ts
 * source under tsx), so the caller's thread never blocks on inference or gradients.
 */
import type { WorkerHooks } from '../workers/protocol';
import { runWorker, workerScript } from '../workers/runWorker';
import type { SaliencyBatchRequest, SaliencyBatchResult, SaliencyInputRequest, SaliencyProbe } from './batch';
import type { SaliencyWorkerRequest } from './saliencyWorker';

function worker(): string {
  return workerScript(__dirname, 'saliencyWorker');
}

/** {@link probeSaliency} in a worker thread. */
export function probeSaliencyInWorker(request: SaliencyInputRequest, hooks: WorkerHooks = {}): Promise<SaliencyProbe> {
  return runWorker<SaliencyProbe>(worker(), { kind: 'probe', ...request } satisfies SaliencyWorkerRequest, hooks);
}

/** {@link runSaliencyBatch} in a worker thread; aborting terminates the worker at once. */
export function runSaliencyInWorker(request: SaliencyBatchRequest, hooks: WorkerHooks = {}): Promise<SaliencyBatchResult> {
  return runWorker<SaliencyBatchResult>(worker(), { kind: 'run', ...request } satisfies SaliencyWorkerRequest, hooks);
}
