/**
 * Live view of a logdir: each {@link LogdirTail.poll} finds new logs, parses only what event
 * files appended since the last poll, and re-reads a CSV/JSONL/MLflow log only when its size or
 * modification time changed. {@link loadRuns} is one poll, for the CLI and reports.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { DataError, listNames, PosthocError, throwIfAborted } from '../errors';
import { discoverRuns } from './discover';
import { EventFileTail } from './eventFile';
import { mlflowRunName, readMlflowRun } from './mlflow';
import { mergeTags } from './seriesBuilder';
import { readCsvLog, readJsonlLog } from './tableLogs';
import type { LoadedRuns, LogSource, RunTags, Runs } from './types';

/** Options of {@link LogdirTail} and {@link loadRuns}. */
export interface CurvesReadOptions {
  /** Keep only these tags (exact names); all tags when absent. */
  tags?: readonly string[];
  signal?: AbortSignal;
}

interface SourceState {
  source: LogSource;
  tags: RunTags;
  tail?: EventFileTail;
  /** size:mtime of a whole-file log when last read. */
  stamp?: string;
  /** Set once the log failed for good (a broken event file framing): not retried. */
  failed?: boolean;
}

/** What changed in one poll. */
export interface PollResult {
  /** Runs that got new points (or a re-read log). */
  changed: Set<string>;
  /** New warnings from this poll only. */
  warnings: string[];
}

/** Incrementally follows every log under a logdir; see the module comment. */
export class LogdirTail {
  private readonly sources = new Map<string, SourceState>();
  private readonly names = new Map<string, string>();
  readonly logdir: string;

  constructor(logdir: string, private readonly options: Omit<CurvesReadOptions, 'signal'> = {}) {
    this.logdir = path.resolve(logdir);
  }

  /**
   * Looks for new logs and new data. Per-file problems become warnings, never exceptions.
   * @throws DataError when the logdir itself is missing; CancelledError when `signal` fires.
   */
  async poll(signal?: AbortSignal): Promise<PollResult> {
    const changed = new Set<string>();
    const warnings: string[] = [];
    for (const source of await discoverRuns(this.logdir, signal)) {
      throwIfAborted(signal);
      let state = this.sources.get(source.path);
      if (!state) this.sources.set(source.path, (state = { source, tags: new Map() }));
      if (state.failed) continue;
      try {
        if (await this.update(state, warnings, signal)) changed.add(source.run);
      } catch (e) {
        // A log deleted or unreadable between discovery and reading is a warning too.
        const fsError = typeof (e as { code?: unknown }).code === 'string' && !(e instanceof PosthocError);
        if (!(e instanceof DataError) && !fsError) throw e;
        state.failed = source.kind === 'tfevents';
        warnings.push(`skipped ${source.kind === 'mlflow' ? 'MLflow run' : 'log'} ${source.path}: ${(e as Error).message}`);
      }
    }
    return { changed, warnings };
  }

  /** Reads what is new in one log; true when its data changed. */
  private async update(state: SourceState, warnings: string[], signal?: AbortSignal): Promise<boolean> {
    const { source } = state;
    if (source.kind === 'tfevents') {
      state.tail ??= new EventFileTail(source.path);
      const update = await state.tail.read(signal);
      warnings.push(...update.warnings);
      mergeTags(state.tags, update.tags);
      return update.tags.size > 0;
    }
    const st = await stat(source.path);
    const stamp = `${st.size}:${st.mtimeMs}`;
    if (stamp === state.stamp) return false;
    state.stamp = stamp;
    if (source.kind === 'csv') state.tags = await readCsvLog(source.path, signal);
    else if (source.kind === 'jsonl') state.tags = await readJsonlLog(source.path, signal);
    else {
      state.tags = await readMlflowRun(source.path, signal);
      const name = await mlflowRunName(source.path);
      if (name) this.names.set(source.run, name);
    }
    return true;
  }

  /** Every run with its tags so far (series of one run from several files are concatenated). */
  runs(): Runs {
    const runs: Runs = new Map();
    const wanted = this.options.tags ? new Set(this.options.tags) : undefined;
    const states = [...this.sources.values()].sort((a, b) => (a.source.path < b.source.path ? -1 : 1));
    for (const { source, tags } of states) {
      let run = runs.get(source.run);
      if (!run) runs.set(source.run, (run = new Map()));
      const picked: RunTags = wanted ? new Map([...tags].filter(([t]) => wanted.has(t))) : tags;
      mergeTags(run, picked);
    }
    for (const [key, tags] of runs) if (tags.size === 0) runs.delete(key);
    return new Map([...runs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }

  /** Display names of runs that have one (MLflow run names). */
  runNames(): Map<string, string> {
    return new Map(this.names);
  }

  /** Every tag seen in any run, sorted, before the tag filter. */
  allTags(): string[] {
    const all = new Set<string>();
    for (const s of this.sources.values()) for (const t of s.tags.keys()) all.add(t);
    return [...all].sort();
  }
}

/**
 * Reads every log under `logdir` once.
 * @throws DataError when the logdir is missing, holds no logs, or none of `tags` exists.
 */
export async function loadRuns(logdir: string, options: CurvesReadOptions = {}): Promise<LoadedRuns> {
  const tail = new LogdirTail(logdir, options);
  const { warnings } = await tail.poll(options.signal);
  const runs = tail.runs();
  const all = tail.allTags();
  if (all.length === 0) {
    const why = warnings.length > 0 ? ` ${warnings.join(' ')}` : '';
    throw new DataError(
      `no training logs found in ${logdir}: looked for TensorBoard event files (events.out.tfevents.*), ` +
        `metrics.csv (Lightning/Keras CSVLogger), *.jsonl and MLflow runs (mlruns/).${why}`,
    );
  }
  if (options.tags && runs.size === 0) {
    throw new DataError(`none of the tags ${options.tags.join(', ')} was found in ${logdir}; tags are: ${listNames(all)}`);
  }
  return { runs, runNames: tail.runNames(), warnings };
}
