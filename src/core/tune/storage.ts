/**
 * Storage URLs and reading studies. Posthoc writes Optuna's journal format today
 * (`journal:path.log`, or a bare path ending in .log); `sqlite:///…` and other RDB URLs are
 * recognised and refused with the way forward.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DataError, listNames, UsageError } from '../errors';
import { JournalStorage } from './journal';
import type { Direction, ParamValue, Study, Trial, TrialState } from './types';

/** Resolves a storage URL to a journal file path (relative paths against `baseDir`). */
export function journalPath(url: string, baseDir = process.cwd()): string {
  if (/^(sqlite|postgresql|mysql|redis)[+:]/i.test(url)) {
    throw new UsageError(
      `storage '${url}': this version of Posthoc reads and writes Optuna's journal files only. ` +
        `Use journal:PATH.log (Python: optuna.storages.JournalStorage(optuna.storages.JournalFileStorage("PATH.log")))`,
    );
  }
  const file = url.startsWith('journal:') ? url.slice('journal:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (file.trim() === '') throw new UsageError(`storage '${url}' names no file; e.g. journal:studies/sweep.log`);
  return path.resolve(baseDir, file);
}

/** The default storage of a sweep: `.posthoc/tune/NAME.log` next to the run file. */
export function defaultStorage(runFileDir: string, sweep: string): string {
  return `journal:${path.join(runFileDir, '.posthoc', 'tune', `${sweep}.log`)}`;
}

/** Folder of per-trial logs, next to the storage file: `NAME.trials/STUDY/`. */
export function trialsFolder(journalFile: string, study: string): string {
  return path.join(path.dirname(journalFile), `${path.basename(journalFile, path.extname(journalFile))}.trials`, study);
}

/** One trial as `posthoc study --json` writes it. */
export interface TrialSummary {
  number: number;
  state: TrialState;
  value: number | null;
  params: Record<string, ParamValue>;
}

/** A study as `posthoc study --json` writes it. */
export interface StudySummary {
  study: string;
  direction: Direction;
  n_trials: number;
  best_value: number | null;
  best_params: Record<string, ParamValue> | null;
  trials: TrialSummary[];
}

/** The best COMPLETE trial (lowest or highest value), or undefined. */
export function bestTrial(study: Study): Trial | undefined {
  let best: Trial | undefined;
  for (const t of study.trials) {
    if (t.state !== 'COMPLETE' || t.value === undefined || Number.isNaN(t.value)) continue;
    if (!best || (study.direction === 'minimize' ? t.value < (best.value as number) : t.value > (best.value as number))) best = t;
  }
  return best;
}

/** The summary form of a study. */
export function summarizeStudy(study: Study): StudySummary {
  const best = bestTrial(study);
  return {
    study: study.name,
    direction: study.direction,
    n_trials: study.trials.length,
    best_value: best?.value ?? null,
    best_params: best ? { ...best.params } : null,
    trials: study.trials.map((t) => ({ number: t.number, state: t.state, value: t.value ?? null, params: { ...t.params } })),
  };
}

/**
 * Reads a study from a storage URL. Without a name the file must hold exactly one study.
 * @throws UsageError for a missing file or an unknown study name (listing the names).
 */
export async function readStudy(url: string, name?: string, baseDir?: string): Promise<Study> {
  const file = journalPath(url, baseDir);
  if (!existsSync(file)) throw new UsageError(`no study file at ${file}`);
  const storage = await JournalStorage.open(file);
  const names = storage.studyNames();
  if (name === undefined) {
    if (names.length === 1) return storage.study(names[0]) as Study;
    if (names.length === 0) throw new DataError(`${file} holds no study`);
    throw new UsageError(`${file} holds ${names.length} studies; pick one with --study: ${listNames(names)}`);
  }
  const study = storage.study(name);
  if (!study) throw new UsageError(`no study '${name}' in ${file}; studies are: ${listNames(names) || '(none)'}`);
  return study;
}
