/**
 * Finding training logs under a folder: TensorBoard event files, Lightning/Keras `metrics.csv`,
 * JSON Lines `*.jsonl`, and MLflow run folders. Each becomes a {@link LogSource} whose run key
 * is its folder relative to the logdir ('.' for the logdir itself).
 */
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { DataError, throwIfAborted } from '../errors';
import { isEventFileName } from './eventFile';
import { isMlflowRunDir } from './mlflow';
import type { LogSource } from './types';

const SKIP_DIRS = new Set(['node_modules', '.git', '.trash', '__pycache__', '.venv', 'venv', 'artifacts', '.ipynb_checkpoints']);
/** Walking stops this deep: logdirs are shallow, and symlink loops must end. */
const MAX_DEPTH = 12;

/** The run key of a folder: relative to the logdir with '/' separators, '.' for the logdir. */
export function runKey(logdir: string, dir: string): string {
  const rel = path.relative(logdir, dir);
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

/**
 * Walks `logdir` (skipping node_modules, .git and MLflow artifacts) and lists the logs found,
 * sorted by run then file name (event files of one run are named by start time, so they
 * come in the order they were written).
 * @throws DataError when `logdir` does not exist or is not a folder.
 */
export async function discoverRuns(logdir: string, signal?: AbortSignal): Promise<LogSource[]> {
  const root = path.resolve(logdir);
  let st;
  try {
    st = await stat(root);
  } catch {
    throw new DataError(`logdir not found: ${logdir}`);
  }
  if (!st.isDirectory()) throw new DataError(`logdir is not a folder: ${logdir}; give the folder that holds the runs.`);
  const found: LogSource[] = [];
  await walk(root, root, 0, found, signal);
  return found.sort((a, b) => (a.run === b.run ? (a.path < b.path ? -1 : 1) : a.run < b.run ? -1 : 1));
}

async function walk(root: string, dir: string, depth: number, found: LogSource[], signal?: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  if (isMlflowRunDir(dir)) {
    found.push({ kind: 'mlflow', path: dir, run: runKey(root, dir) });
    return;
  }
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folders are skipped, as `ls` would
  }
  const jsonl = entries.filter((e) => e.isFile() && /\.jsonl$/i.test(e.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && depth < MAX_DEPTH) await walk(root, full, depth + 1, found, signal);
    } else if (e.isFile()) {
      if (isEventFileName(e.name)) found.push({ kind: 'tfevents', path: full, run: runKey(root, dir) });
      else if (e.name === 'metrics.csv') found.push({ kind: 'csv', path: full, run: runKey(root, dir) });
      else if (/\.jsonl$/i.test(e.name)) {
        // Several JSON Lines logs in one folder are separate runs named after their files.
        const run = jsonl.length === 1 ? runKey(root, dir) : runKey(root, path.join(dir, e.name.replace(/\.jsonl$/i, '')));
        found.push({ kind: 'jsonl', path: full, run });
      }
    }
  }
}
