/**
 * Worker-thread entry (bundled as dist/explainWorker.js): runs one whole explanation (read data,
 * load the model, run the method) off the caller's thread.
 */
import { serveWorker } from '../workers/serveWorker';
import { explain } from './pipeline/explain';
import type { ExplainOptions, ExplainResult } from './pipeline/options';

serveWorker<ExplainOptions, ExplainResult>(async (opts, ctx) => ({
  value: await explain(opts, ctx.hooks),
}));
