/**
 * Worker-thread entry (bundled as dist/deployWorker.js) for the deployment commands of the VS
 * Code host: optimize, compare and benchmark a model off the extension host's thread. One
 * request per worker, through the shared runWorker/serveWorker protocol.
 */
import { serveWorker } from '../workers/serveWorker';
import { benchmarkModel } from './bench/benchmark';
import type { BenchOptions, BenchResult } from './bench/types';
import { compareModels, type CompareOptions } from './compare/compare';
import type { CompareResult } from './compare/types';
import { optimizeModel, type OptimizeOptions, type OptimizeResult } from './optimize/optimize';

/** A request to the deploy worker. */
export type DeployRequest =
  | { op: 'optimize'; options: OptimizeOptions }
  | { op: 'compare'; options: CompareOptions }
  | { op: 'bench'; options: BenchOptions };

/** The reply for each request kind (compare keeps only the JSON result, not the full evaluations). */
export interface DeployReplies {
  optimize: OptimizeResult;
  compare: CompareResult;
  bench: BenchResult;
}

serveWorker<DeployRequest, DeployReplies[keyof DeployReplies]>(async (request, ctx) => {
  switch (request.op) {
    case 'optimize': {
      const result = await optimizeModel(request.options, ctx.hooks);
      // Hand the model bytes over instead of copying them (a model can be hundreds of MB).
      const bytes = result.bytes.byteOffset === 0 && result.bytes.byteLength === result.bytes.buffer.byteLength ? result.bytes : result.bytes.slice();
      return { value: { bytes, summary: result.summary }, transfer: [bytes.buffer as ArrayBuffer] };
    }
    case 'compare':
      return { value: (await compareModels(request.options, ctx.hooks)).result };
    case 'bench':
      return { value: await benchmarkModel(request.options, ctx.hooks) };
  }
});
