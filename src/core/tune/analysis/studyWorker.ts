/** Worker entry (dist/studyWorker.js): reads a study and builds its report off the caller's thread. */
import { buildStudyReport } from '../../report/studyReport';
import { serveWorker } from '../../workers/serveWorker';
import { bestTrial, readStudy, summarizeStudy } from '../storage';
import type { TrialState } from '../types';
import type { StudyReportReply, StudyReportRequest } from './studyReportRequest';

serveWorker<StudyReportRequest, StudyReportReply>(async (request) => {
  const study = await readStudy(request.storage, request.study);
  const states: Partial<Record<TrialState, number>> = {};
  for (const t of study.trials) states[t.state] = (states[t.state] ?? 0) + 1;
  const report = buildStudyReport(study, { storage: request.storage, status: request.status, ...(request.importance === false ? { importance: false as const } : {}) });
  return { value: { report, study: study.name, trials: study.trials.length, states, best: bestTrial(study)?.value ?? null, summary: summarizeStudy(study) } };
});
