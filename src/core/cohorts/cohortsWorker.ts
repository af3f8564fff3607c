/**
 * Worker-thread entry (bundled as dist/cohortsWorker.js): runs a whole `cohorts` or `fairness`
 * job (read data, run the model, score every cohort or group with bootstrap) off the caller's thread.
 */
import type { FairnessOptions } from '../fairness/fairness';
import { evaluateFairness } from '../fairness/fairness';
import type { EvaluateOptions } from '../evaluate/options';
import { serveWorker } from '../workers/serveWorker';
import { parseCohort, type Cohort } from './cohort';
import { evaluateCohorts } from './cohortMetrics';

/** What the worker is asked to do. */
export type CohortsJob = { kind: 'cohorts'; options: EvaluateOptions; cohorts: Cohort[] } | { kind: 'fairness'; options: FairnessOptions };

serveWorker<CohortsJob, unknown>(async (job, ctx) => {
  if (job.kind === 'fairness') return { value: await evaluateFairness(job.options, ctx.hooks) };
  return { value: await evaluateCohorts(job.options, job.cohorts.map(parseCohort), ctx.hooks) };
});
