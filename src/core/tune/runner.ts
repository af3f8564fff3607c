/**
 * Running a sweep: sample, start trial processes (up to `parallel` at once), record intermediate
 * values and prune, finish each trial in the study storage. Resumable: trials left RUNNING by a
 * runner that died are marked FAIL (interrupted) and their slots re-sampled; finished trials are
 * never re-run. Cancelling (AbortSignal) stops every trial's process group before returning.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CancelledError } from '../errors';
import { buildArgv, parseIntermediate, readObjective } from './command';
import { JournalStorage } from './journal';
import { startTrialProcess, type TrialProcess } from './process';
import { createPruner } from './pruners';
import { Rng } from './rng';
import { createSampler } from './samplers';
import { bestTrial, journalPath, type StudySummary, summarizeStudy, trialsFolder } from './storage';
import type { ParamValue, Study, Sweep, Trial, TrialState } from './types';

/** Progress of a sweep, for the CLI's lines and the editor's views. */
export type SweepEvent =
  | { type: 'start'; study: string; storage: string; target: number; finished: number; interrupted: number[] }
  | { type: 'trialStart'; number: number; params: Record<string, ParamValue> }
  | { type: 'trialReport'; number: number; step: number; value: number }
  | {
      type: 'trialEnd';
      number: number;
      state: TrialState;
      value: number | undefined;
      params: Record<string, ParamValue>;
      /** Why it failed or was pruned. */
      reason: string | undefined;
      seconds: number;
      best: { number: number; value: number } | undefined;
    };

/** Options of {@link runSweep}; each overrides the sweep's own setting. */
export interface SweepRunOptions {
  signal?: AbortSignal;
  onEvent?: (event: SweepEvent) => void;
  trials?: number;
  parallel?: number;
  storage?: string;
  /** Milliseconds between SIGTERM and SIGKILL when a trial is stopped (default 3000). */
  graceMs?: number;
}

/** What a finished (or exhausted) sweep leaves. */
export interface SweepResult {
  summary: StudySummary;
  /** Trials this call ran. */
  ran: number;
  /** The journal file. */
  storageFile: string;
}

const INTERRUPTED = 'posthoc:interrupted';

/** Trials that count towards the target: finished, except those a stopped runner cut short. */
function counts(t: Trial): boolean {
  return t.state !== 'RUNNING' && t.state !== 'WAITING' && t.systemAttrs[INTERRUPTED] !== true;
}

function lastIntermediate(t: Trial): number | undefined {
  let step = -1;
  for (const s of t.intermediate.keys()) if (s > step) step = s;
  return step >= 0 ? t.intermediate.get(step) : undefined;
}

/** Runs (or resumes) a sweep until the study holds `trials` finished trials, the grid is done, or the signal fires. */
export async function runSweep(sweep: Sweep, options: SweepRunOptions = {}): Promise<SweepResult> {
  const emit = options.onEvent ?? (() => {});
  const file = journalPath(options.storage ?? sweep.storage);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const storage = await JournalStorage.open(file);
  const study: Study = await storage.openStudy(sweep.study, sweep.direction);
  const interrupted: number[] = [];
  for (const t of study.trials) {
    if (t.state === 'RUNNING' && storage.createdByPosthoc(t)) {
      await storage.finish(t, 'FAIL', undefined, { fail_reason: 'interrupted: the runner stopped before the trial finished', [INTERRUPTED]: true });
      interrupted.push(t.number);
    }
  }
  const target = options.trials ?? sweep.trials;
  const parallel = Math.max(1, options.parallel ?? sweep.parallel);
  const logs = trialsFolder(file, sweep.study);
  await fs.mkdir(logs, { recursive: true });
  emit({ type: 'start', study: sweep.study, storage: `journal:${file}`, target, finished: study.trials.filter(counts).length, interrupted });

  const sampler = createSampler(sweep.sampler);
  const pruner = createPruner(sweep.pruner);
  const known = Object.keys(sweep.space);
  const running = new Map<number, TrialProcess>();
  let ran = 0;

  const runTrial = async (trial: Trial): Promise<void> => {
    const began = Date.now();
    const values: Record<string, ParamValue> = { ...trial.params, trial: trial.number };
    const argv = buildArgv(sweep.command, sweep.shell, values, known);
    let pruned = false;
    let prunedAt = '';
    let chain: Promise<void> = Promise.resolve();
    const env = { ...process.env, ...sweep.env, POSTHOC_TRIAL: String(trial.number), POSTHOC_PARAMS: JSON.stringify(trial.params) };
    const proc = startTrialProcess({
      argv, cwd: sweep.cwd, env, graceMs: options.graceMs,
      stdoutFile: path.join(logs, `${trial.number}.stdout.log`),
      stderrFile: path.join(logs, `${trial.number}.stderr.log`),
      onLine: (line) => {
        const point = parseIntermediate(line);
        if (!point || pruned) return;
        chain = chain.then(async () => {
          if (pruned || trial.intermediate.has(point.step)) return;
          await storage.report(trial, point.step, point.value);
          emit({ type: 'trialReport', number: trial.number, ...point });
          if (!pruner) return;
          const attrs: [string, unknown][] = [];
          const prune = pruner.shouldPrune({ trial, step: point.step, trials: study.trials, direction: study.direction, setSystemAttr: (k, v) => attrs.push([k, v]) });
          for (const [k, v] of attrs) await storage.setSystemAttr(trial, k, v);
          if (prune) {
            pruned = true;
            prunedAt = `pruned at step ${point.step}`;
            proc.stop(prunedAt);
          }
        });
      },
    });
    running.set(trial.number, proc);
    const timer = sweep.timeout > 0 ? setTimeout(() => proc.stop(`timed out after ${sweep.timeout} s`), sweep.timeout * 1000) : undefined;
    const exit = await proc.done;
    if (timer) clearTimeout(timer);
    running.delete(trial.number);
    await chain;
    let state: 'COMPLETE' | 'PRUNED' | 'FAIL';
    let value: number | undefined;
    let reason: string | undefined;
    const attrs: Record<string, unknown> = {};
    if (options.signal?.aborted && !pruned) {
      state = 'FAIL';
      reason = 'interrupted: the sweep was cancelled';
      attrs[INTERRUPTED] = true;
    } else if (pruned) {
      state = 'PRUNED';
      value = lastIntermediate(trial);
      reason = prunedAt;
    } else if (exit.stopped) {
      state = 'FAIL';
      reason = exit.stopped;
    } else if (exit.code !== 0) {
      state = 'FAIL';
      reason = `exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}`;
    } else {
      value = readObjective(sweep.objective, exit.stdout);
      state = value === undefined || Number.isNaN(value) ? 'FAIL' : 'COMPLETE';
      if (state === 'FAIL') {
        reason = value === undefined ? `no objective in stdout (${'json' in sweep.objective ? `a JSON line with "${sweep.objective.json}"` : `a match of /${sweep.objective.regex}/`})` : 'the objective is NaN';
        value = undefined;
      }
    }
    if (state === 'FAIL') {
      const tail = exit.stderrTail.trim().split('\n').slice(-20).join('\n');
      attrs.fail_reason = tail ? `${reason}\n${tail}` : reason;
    }
    await storage.finish(trial, state, value, attrs);
    ran++;
    const best = bestTrial(study);
    emit({
      type: 'trialEnd', number: trial.number, state, value, params: trial.params,
      reason: state === 'FAIL' ? (attrs.fail_reason as string) : reason,
      seconds: (Date.now() - began) / 1000,
      best: best && { number: best.number, value: best.value as number },
    });
  };

  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  let exhausted = false;
  const aborted = new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener('abort', () => {
      for (const p of running.values()) p.stop('cancelled');
      resolve();
    });
  });
  try {
    while (!options.signal?.aborted && failure === undefined) {
      while (!options.signal?.aborted && !exhausted && inflight.size < parallel && study.trials.filter(counts).length + inflight.size < target) {
        const number = study.trials.length;
        const params = sampler.sample({ space: sweep.space, trials: study.trials, direction: study.direction, number, rng: new Rng(sweep.seed, number) });
        if (!params) {
          exhausted = true;
          break;
        }
        const trial = await storage.createTrial(sweep.study, params, sweep.space);
        emit({ type: 'trialStart', number: trial.number, params: trial.params });
        const p: Promise<void> = runTrial(trial).catch((e: unknown) => {
          failure ??= e;
        }).finally(() => inflight.delete(p));
        inflight.add(p);
      }
      if (inflight.size === 0) break;
      await Promise.race([...inflight, aborted]);
    }
  } finally {
    for (const p of running.values()) p.stop(options.signal?.aborted ? 'cancelled' : 'stopping');
    await Promise.allSettled([...inflight]);
  }
  if (failure !== undefined) throw failure;
  if (options.signal?.aborted) throw new CancelledError(`Cancelled; ${ran} trial(s) finished in this run. Run again to resume.`);
  return { summary: summarizeStudy(study), ran, storageFile: file };
}
