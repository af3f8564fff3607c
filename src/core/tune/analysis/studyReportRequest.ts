/**
 * Building a study report in a worker thread: reading a journal and fitting the fANOVA forest
 * take seconds on large studies (about 1.7 s for 1000 trials), too long for an editor's thread.
 */
import type { Report } from '../../report/types';
import { runWorker, workerScript } from '../../workers/runWorker';
import type { StudySummary } from '../storage';
import type { TrialState } from '../types';

/** What the worker is asked. */
export interface StudyReportRequest {
  /** Storage URL or journal path. */
  storage: string;
  /** Study name; may be omitted when the file holds one study. */
  study?: string;
  /** Subtitle note while a sweep runs. */
  status?: string;
  /** Compute parameter importance (default true). */
  importance?: boolean;
}

/** What it answers: the report and a few facts about the study for views and tests. */
export interface StudyReportReply {
  report: Report;
  study: string;
  trials: number;
  states: Partial<Record<TrialState, number>>;
  best: number | null;
  /** The `posthoc study --json` form, for JSON export. */
  summary: StudySummary;
}

/** Builds the report of a stored study in a worker; aborting terminates the worker. */
export function studyReportInWorker(request: StudyReportRequest, signal?: AbortSignal): Promise<StudyReportReply> {
  return runWorker<StudyReportReply>(workerScript(__dirname, 'studyWorker'), request, { signal });
}
