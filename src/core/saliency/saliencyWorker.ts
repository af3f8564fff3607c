/**
 * Worker-thread entry (bundled as dist/saliencyWorker.js): probes a model on an image, or
 * computes a grid of saliency maps, off the caller's thread. The maps' and image's buffers are
 * transferred back, not copied.
 */
import { serveWorker } from '../workers/serveWorker';
import { probeSaliency, runSaliencyBatch, type SaliencyBatchRequest, type SaliencyBatchResult, type SaliencyInputRequest, type SaliencyProbe } from './batch';

/** A request to the saliency worker. */
export type SaliencyWorkerRequest = ({ kind: 'probe' } & SaliencyInputRequest) | ({ kind: 'run' } & SaliencyBatchRequest);

serveWorker<SaliencyWorkerRequest, SaliencyProbe | SaliencyBatchResult>(async (request, ctx) => {
  if (request.kind === 'probe') return { value: await probeSaliency(request, ctx.signal) };
  const value = await runSaliencyBatch(request, ctx.hooks);
  // A map's array may share a buffer with another view (subarray); transfer only whole, distinct buffers.
  const buffers = new Set<ArrayBuffer>();
  for (const a of [value.rgb, ...value.cells.map((c) => c.heatmap)]) {
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  }
  return { value, transfer: [...buffers] };
});
