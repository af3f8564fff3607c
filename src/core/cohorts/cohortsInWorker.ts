/**
 * Runs `cohorts` and `fairness` jobs in a worker thread, so the extension host's thread never
 * blocks on inference or thousands of bootstrap resamples. Same results and errors as the
 * in-process functions; an AbortSignal cancels at once.
 */
import type { WorkHooks } from '../evaluate/options';
import type { EvaluateOptions } from '../evaluate/options';
import type { FairnessOptions, FairnessResult } from '../fairness/fairness';
import { relayHooks, runWorker, workerScript } from '../workers/runWorker';
import type { Cohort } from './cohort';
import type { CohortsResult } from './cohortMetrics';
import type { CohortsJob } from './cohortsWorker';

/** Where the worker script is (dist/cohortsWorker.js, or the .ts source under tsx). */
export function cohortsWorkerPath(): string {
  return workerScript(__dirname, 'cohortsWorker');
}

function run<T>(job: CohortsJob, hooks: WorkHooks): Promise<T> {
  return runWorker<T>(cohortsWorkerPath(), job, relayHooks(hooks));
}

/** {@link evaluateCohorts} in a worker thread; cohorts are sent as name + expression and parsed there. */
export function evaluateCohortsInWorker(options: EvaluateOptions, cohorts: readonly Cohort[], hooks: WorkHooks = {}): Promise<CohortsResult> {
  return run<CohortsResult>({ kind: 'cohorts', options, cohorts: cohorts.map((c) => ({ name: c.name, expression: c.expression })) }, hooks);
}

/** {@link evaluateFairness} in a worker thread. */
export function evaluateFairnessInWorker(options: FairnessOptions, hooks: WorkHooks = {}): Promise<FairnessResult> {
  return run<FairnessResult>({ kind: 'fairness', options }, hooks);
}
