/**
 * Worker-thread entry (bundled as dist/errorsWorker.js): runs one whole error analysis (read
 * data, run the model, error tree, heat map, slices) off the caller's thread.
 */
import { serveWorker } from '../workers/serveWorker';
import { analyzeErrors } from './analyze';
import type { ErrorAnalysisOptions, ErrorAnalysisResult } from './types';

serveWorker<ErrorAnalysisOptions, ErrorAnalysisResult>(async (opts, ctx) => ({
  value: await analyzeErrors(opts, ctx.hooks),
}));
