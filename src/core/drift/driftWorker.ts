/**
 * Worker-thread entry (bundled as dist/driftWorker.js): one whole drift comparison (read both
 * datasets, test every column, run the model) off the caller's thread.
 */
import { serveWorker } from '../workers/serveWorker';
import { detectDrift } from './detect';
import type { DriftOptions, DriftResult } from './types';

serveWorker<DriftOptions, DriftResult>(async (opts, ctx) => ({
  value: await detectDrift(opts, ctx.hooks),
}));
