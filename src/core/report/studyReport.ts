/**
 * buildStudyReport: a tuning study (Optuna journal, or one Posthoc is running) → a Report with a
 * summary (trials by state, best value and params), warnings (why trials failed), the study
 * charts and the trials table.
 */
import { formatNumber } from '../charts/format';
import { studyCharts, trialsTable } from '../charts/tune/index';
import { fanovaImportance, type ImportanceResult } from '../tune/analysis/fanova';
import { bestTrial } from '../tune/storage';
import { TRIAL_STATES, type Study } from '../tune/types';
import { VERSION } from '../version';
import type { Report, ReportSection } from './types';

/** Options of {@link buildStudyReport}. */
export interface StudyReportOptions {
  /** Where the study was read from, shown in the summary. */
  storage?: string;
  /** A precomputed importance; `false` skips it (cheap live updates). Computed when absent. */
  importance?: ImportanceResult | false;
  /** Seed of the importance forest (default 0). */
  seed?: number;
  /** ISO time of the report; now by default. */
  created?: string;
  /** Shown in the subtitle while a sweep is running, e.g. "running: 3 of 20". */
  status?: string;
}

/** At most this many failure reasons are listed as warnings. */
const MAX_FAILURES = 10;

function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : JSON.stringify(v)}`).join(', ');
}

/** Builds the study report. Order: summary, warnings, charts, trials and importance tables. */
export function buildStudyReport(study: Study, options: StudyReportOptions = {}): Report {
  const counts = TRIAL_STATES.map((s) => [s, study.trials.filter((t) => t.state === s).length] as const).filter(([, n]) => n > 0);
  const best = bestTrial(study);
  const importance = options.importance === false ? undefined : (options.importance ?? fanovaImportance(study, { seed: options.seed ?? 0 }));
  const facts: [string, string][] = [['Study', study.name], ['Direction', study.direction]];
  if (options.storage) facts.push(['Storage', options.storage]);
  facts.push(['Trials', `${study.trials.length}${counts.length ? ` (${counts.map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ')})` : ''}`]);
  if (best) {
    facts.push(['Best trial', `#${best.number}: ${formatNumber(best.value)}`], ['Best params', paramsText(best.params) || '(none)']);
  } else facts.push(['Best trial', 'none completed yet']);
  if (importance && importance.importances.length > 0 && importance.trials >= 2) {
    facts.push(['Importance', `${importance.importances.slice(0, 3).map((p) => `${p.param} ${(p.importance * 100).toFixed(1)}%`).join(', ')} (fANOVA; main effects explain ${(importance.mainEffects * 100).toFixed(0)}% of the forest's variance)`]);
  }
  const sections: ReportSection[] = [{
    kind: 'summary', id: 'summary', title: 'Summary', facts,
    cards: best ? [{ key: 'best_value', label: 'Best value', value: best.value as number }] : [],
  }];
  const failed = study.trials.filter((t) => t.state === 'FAIL');
  const warnings = failed.slice(0, MAX_FAILURES).map((t) => {
    const reason = String(t.systemAttrs.fail_reason ?? 'no reason recorded').split('\n')[0];
    return `Trial ${t.number} failed: ${reason}`;
  });
  if (failed.length > MAX_FAILURES) warnings.push(`…and ${failed.length - MAX_FAILURES} more failed trials (see the trials table).`);
  if (importance && importance.skipped.length > 0) {
    warnings.push(`Left out of the importance: ${importance.skipped.map((s) => `${s.param} (${s.reason})`).join(', ')}.`);
  }
  if (warnings.length > 0) sections.push({ kind: 'warnings', id: 'warnings', title: 'Warnings', items: warnings });
  const charts = studyCharts(study, importance);
  if (charts.length > 0) sections.push({ kind: 'charts', id: 'charts', title: 'Study', charts });
  const tables = [{ caption: 'Trials', table: trialsTable(study) }];
  if (importance && importance.importances.length > 0 && importance.trials >= 2) {
    tables.push({ caption: importance.note, table: { columns: ['Parameter', 'Importance'], rows: importance.importances.map((p) => [p.param, p.importance]) } });
  }
  sections.push({ kind: 'tables', id: 'trials', title: 'Trials', tables });
  return {
    title: `Study: ${study.name}`,
    subtitle: [`${study.trials.length} trial${study.trials.length === 1 ? '' : 's'}`, study.direction, ...(options.status ? [options.status] : [])].join(' · '),
    created: options.created ?? new Date().toISOString(),
    posthoc_version: VERSION,
    sections,
  };
}
