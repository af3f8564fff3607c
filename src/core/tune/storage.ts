/**
 * Storage URLs and reading studies. Posthoc writes Optuna's journal format (`journal:path.log`,
 * or a bare path ending in .log) and also reads Optuna's SQLite storages (`sqlite:///…`, or a
 * bare path to an SQLite file); other RDB URLs are recognised and refused with the way forward.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DataError, listNames, UsageError } from '../errors';
import { JournalStorage } from './journal';
import { isSqliteFile, isSqliteFileSync, readSqliteStudy, SqliteStudyReader, sqlitePath } from './rdb';
import type { Direction, ParamValue, Study, Trial, TrialState } from './types';

/** File extensions taken for SQLite databases (written storages must be journals). */
const SQLITE_EXTENSIONS = new Set(['.db', '.sqlite', '.sqlite3']);

/**
 * Resolves a storage URL to a journal file path (relative paths against `baseDir`). Sweeps write
 * through this, so SQLite and other RDB storages are refused here with the way forward.
 */
export function journalPath(url: string, baseDir = process.cwd()): string {
  const bare = !url.startsWith('journal:');
  const refuse = () =>
    new UsageError(
      `storage '${url}': Posthoc writes studies to Optuna's journal files only (SQLite storages it reads, with posthoc study). ` +
        `Use journal:PATH.log (Python: optuna.storages.JournalStorage(optuna.storages.JournalFileStorage("PATH.log")))`,
    );
  if (/^(sqlite|postgresql|mysql|redis)[+:]/i.test(url) || (bare && SQLITE_EXTENSIONS.has(path.extname(url).toLowerCase()))) throw refuse();
  const file = bare ? url : url.slice('journal:'.length).replace(/^\/\/(?=\/)/, '');
  if (file.trim() === '') throw new UsageError(`storage '${url}' names no file; e.g. journal:studies/sweep.log`);
  const resolved = path.resolve(baseDir, file);
  // An existing SQLite file under a journal: URL (e.g. `--storage optuna.db`) must not get JSON lines appended.
  if (isSqliteFileSync(resolved)) throw refuse();
  return resolved;
}

/**
 * The SQLite file a storage URL names, or undefined for a journal: `sqlite:///…` URLs, and bare
 * paths with an SQLite extension or SQLite's file header (so the editor can open a .db file).
 */
export async function sqliteStorageFile(url: string, baseDir = process.cwd()): Promise<string | undefined> {
  if (/^sqlite[+:]/i.test(url)) return sqlitePath(url, baseDir);
  if (url.startsWith('journal:') || /^[a-z][\w+.-]*:\/\//i.test(url)) return undefined;
  const file = path.resolve(baseDir, url);
  return SQLITE_EXTENSIONS.has(path.extname(file).toLowerCase()) || (await isSqliteFile(file)) ? file : undefined;
}

/** Names of the studies a storage holds (journal or SQLite), for pickers. */
export async function studyNames(url: string, baseDir?: string): Promise<string[]> {
  const sqlite = await sqliteStorageFile(url, baseDir);
  if (sqlite) {
    const reader = await SqliteStudyReader.open(sqlite);
    try {
      return reader.studyNames();
    } finally {
      reader.close();
    }
  }
  const file = journalPath(url, baseDir);
  if (!existsSync(file)) throw new UsageError(`no study file at ${file}`);
  return (await JournalStorage.open(file)).studyNames();
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
 * Reads a study from a storage URL (a journal, or an Optuna SQLite file read-only). Without a name the file must hold exactly one study.
 * @throws UsageError for a missing file or an unknown study name (listing the names).
 */
export async function readStudy(url: string, name?: string, baseDir?: string): Promise<Study> {
  const sqlite = await sqliteStorageFile(url, baseDir);
  if (sqlite) return readSqliteStudy(sqlite, name);
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
