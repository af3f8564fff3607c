/**
 * `posthoc tune [--config FILE] [--sweep NAME] [--trials N] [--parallel P] [--storage URL]`:
 * runs (or resumes) a sweep of a run file, one progress line per finished trial on stdout, and
 * the best value and parameters at the end.
 * Exit status: 0 the sweep ended with at least one complete trial, 1 none completed or a
 * failure, 2 usage error or bad run file, 130 cancelled (Ctrl-C; run again to resume).
 */
import { CancelledError, UsageError } from '../core/errors';
import { readRunFile, RUN_FILE_NAME, RunFileError, type SweepRun } from '../core/runfile';
import { resolveStorage } from '../core/runfile/sweepEntry';
import { didYouMean } from '../core/runfile/suggest';
import { runSweep, type SweepEvent } from '../core/tune';
import { parseFlags, wholeFlag } from './flags';

export const TUNE_USAGE = `Usage: posthoc tune [--config FILE] [--sweep NAME] [--trials N] [--parallel P] [--storage URL]

Runs a sweep (a "kind": "tune" run of the run file): each trial runs the sweep's command with
parameters from its search space; the study is kept in Optuna's journal format, so Optuna opens
it too. Running it again resumes: finished trials are kept, interrupted ones are run again.

  --config FILE      the run file (default: ./${RUN_FILE_NAME})
  --sweep NAME       the tune run to execute (may be left out when the file has one)
  --trials N         finished trials the study should hold (default: the sweep's "trials")
  --parallel P       trials at once (default: the sweep's "parallel")
  --storage URL      journal:PATH.log (default: the sweep's "storage")

Exit status: 0 at least one trial completed, 1 none did (or a failure), 2 usage error,
130 cancelled (Ctrl-C stops every trial's processes; run again to resume).`;

/** Picks the sweep by name (or the only one). */
export function selectSweep(sweeps: SweepRun[], name: string | undefined, file: string): SweepRun {
  const names = sweeps.map((s) => s.name);
  if (sweeps.length === 0) throw new UsageError(`${file} has no tune runs; add one with "kind": "tune" (see the README, Hyperparameter tuning)`);
  if (name === undefined) {
    if (sweeps.length === 1) return sweeps[0];
    throw new UsageError(`${file} has ${sweeps.length} tune runs; pick one with --sweep: ${names.join(', ')}`);
  }
  const sweep = sweeps.find((s) => s.name === name);
  if (!sweep) throw new UsageError(`no tune run '${name}' in ${file}${didYouMean(name, names)}; tune runs are: ${names.join(', ')}`);
  return sweep;
}

function show(params: Record<string, unknown>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(6)) : JSON.stringify(v)}`).join(' ');
}

function fmt(v: number | undefined): string {
  return v === undefined ? '-' : String(Number(v.toPrecision(6)));
}

/** A line for each event worth a line. */
export function eventLine(e: SweepEvent): string | undefined {
  if (e.type === 'start') {
    const resumed = e.interrupted.length ? `; trial(s) ${e.interrupted.join(', ')} were interrupted and will be run again` : '';
    return `study '${e.study}' in ${e.storage}: ${e.finished} of ${e.target} trials finished${resumed}`;
  }
  if (e.type !== 'trialEnd') return undefined;
  const reason = e.reason ? ` (${e.reason.split('\n')[0]})` : '';
  const best = e.best ? `  best #${e.best.number} ${fmt(e.best.value)}` : '';
  return `trial ${e.number} ${e.state} ${fmt(e.value)}${reason} ${e.seconds.toFixed(1)}s  ${show(e.params)}${best}`;
}

/** `posthoc tune …`: returns the exit status. */
export async function runTune(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(TUNE_USAGE + '\n');
    return 0;
  }
  const parsed = parseFlags(argv, { config: { type: 'string' }, sweep: { type: 'string' }, trials: { type: 'string' }, parallel: { type: 'string' }, storage: { type: 'string' } });
  const v = parsed.values;
  const file = v.config ?? RUN_FILE_NAME;
  const trials = wholeFlag('trials', v.trials, 1);
  const parallel = wholeFlag('parallel', v.parallel, 1);
  let runFile;
  try {
    runFile = await readRunFile(file);
  } catch (e) {
    if (!(e instanceof RunFileError)) throw e;
    process.stderr.write(`${e.message}\n(see posthoc tune --help)\n`);
    return 2;
  }
  const { sweep } = selectSweep(runFile.sweeps, v.sweep, file);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runSweep(sweep, {
      signal: controller.signal,
      trials,
      parallel,
      storage: v.storage === undefined ? undefined : resolveStorage(process.cwd(), v.storage),
      onEvent: (e) => {
        const line = eventLine(e);
        if (line) process.stdout.write(line + '\n');
      },
    });
    const s = result.summary;
    process.stdout.write(`${result.ran} trial(s) run; the study holds ${s.n_trials}\n`);
    if (s.best_params === null) {
      process.stderr.write(`posthoc: no trial of '${s.study}' completed; see the trial logs next to ${result.storageFile}\n`);
      return 1;
    }
    process.stdout.write(`best value ${s.best_value}\nbest params ${JSON.stringify(s.best_params)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    process.stderr.write(`posthoc: ${e.message}\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
