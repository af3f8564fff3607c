/**
 * Worker-thread entry (bundled as dist/evaluateWorker.js): runs one whole evaluation (read
 * data, run the model, compute metrics) off the caller's thread.
 */
import { serveWorker } from '../workers/serveWorker';
import { evaluate } from './evaluate';
import type { EvaluateOptions } from './options';
import type { EvaluationResult } from './types';

serveWorker<EvaluateOptions, EvaluationResult>(async (opts, ctx) => ({
  value: await evaluate(opts, ctx.hooks),
}));
