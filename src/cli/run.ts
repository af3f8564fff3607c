/**
 * `posthoc run [FILE] [--only NAME[,NAME]] [--force]`: executes the named runs of a workspace run
 * file (posthoc.json). Runs go one after another; a failed run does not stop the others.
 * Exit status: 0 all succeeded, 1 any failed (named at the end), 2 usage error or bad file.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CancelledError, PosthocError, UsageError } from '../core/errors';
import { evaluate } from '../core/evaluate/evaluate';
import { explain } from '../core/explain/pipeline/explain';
import { renderExplainJson } from '../core/explain/pipeline/json';
import { buildExplainReport } from '../core/report/explainReport';
import { readRunFile, RUN_FILE_NAME, RunFileError, type ExplainRun, type Run } from '../core/runfile';
import { didYouMean } from '../core/runfile/suggest';
import { progressPrinter } from './progress';
import { explainSummaryLines } from './explain';
import { writeOutputs, writeReportFiles } from './outputs';
import { summaryLines } from './summary';
import { parseFlags } from './flags';

/** What `posthoc run` was asked to do. */
export interface RunCommand {
  /** The run file as the user named it (default ./posthoc.json). */
  file: string;
  /** Names given to --only, or undefined for every run. */
  only?: string[];
  force: boolean;
}

export const RUN_USAGE = `Usage: posthoc run [FILE] [--only NAME[,NAME…]] [--force]

Executes the evaluate and explain runs of a run file (default: ./${RUN_FILE_NAME}) one after
another and writes each run's reports. A failed run does not stop the others. (Tune runs are
started with posthoc tune --sweep NAME.)

  FILE               the run file (JSON with comments; paths in it are relative to its folder)
  --only LIST        run only these runs, by name, separated by commas
  --force            overwrite report files that already exist

Exit status: 0 every run succeeded, 1 a run failed (each is named), 2 usage error or a bad
run file (the message gives file:line:col).`;

/** Parses the arguments after `run`. Throws UsageError for anything malformed. */
export function parseRunArgs(argv: string[]): RunCommand {
  const parsed = parseFlags(argv, { only: { type: 'string' }, force: { type: 'boolean', default: false } }, true);
  if (parsed.positionals.length > 1) {
    throw new UsageError(`give one run file at most; got ${parsed.positionals.join(', ')}`);
  }
  const { only } = parsed.values;
  let names: string[] | undefined;
  if (only !== undefined) {
    names = only.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (names.length === 0) throw new UsageError('--only needs run names separated by commas, e.g. --only a,b');
  }
  return { file: parsed.positionals[0] ?? RUN_FILE_NAME, only: names, force: parsed.values.force ?? false };
}

/** The runs picked by --only, in file order; an unknown name is a usage error listing the names. */
export function selectRuns<T extends { name: string }>(runs: T[], only: string[] | undefined, file: string): T[] {
  if (!only) return runs;
  const names = runs.map((r) => r.name);
  for (const name of only) {
    if (!names.includes(name)) {
      throw new UsageError(`no run '${name}' in ${file}${didYouMean(name, names)}; runs are: ${names.join(', ')}`);
    }
  }
  return runs.filter((r) => only.includes(r.name));
}

/** A path relative to the working folder when it is inside it, for shorter lines. */
function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

async function confirmOverwrite(files: string[]): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`Overwrite ${files.join(', ')}? [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** Checks a run's report files before its (possibly long) evaluation; returns the force flag to write with. */
async function mayWrite(run: Run | ExplainRun, force: boolean): Promise<boolean> {
  const existing = Object.values(run.reports).filter((f): f is string => !!f && existsSync(f));
  if (existing.length === 0 || force) return force;
  if (await confirmOverwrite(existing.map(display))) return true;
  throw new PosthocError(
    `${existing.map(display).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written. ` +
      'Pass --force to overwrite, or change the paths under "reports".',
    'exists',
  );
}

async function executeRun(run: Run | ExplainRun, force: boolean, signal: AbortSignal): Promise<void> {
  const overwrite = await mayWrite(run, force);
  const progress = progressPrinter(process.stderr);
  try {
    let written: string[];
    let lines: string[];
    if (run.kind === 'explain') {
      const result = await explain(run.options, { signal, onProgress: progress.update });
      progress.done();
      written = await writeReportFiles({ json: () => renderExplainJson(result), report: () => buildExplainReport(result.explanation, result.context) }, { ...run.reports, force: overwrite });
      lines = explainSummaryLines(result);
    } else {
      const result = await evaluate(run.options, { signal, onProgress: progress.update });
      progress.done();
      written = await writeOutputs(result, { ...run.reports, force: overwrite });
      lines = summaryLines(result);
    }
    for (const line of lines) process.stdout.write(`  ${line}\n`);
    for (const file of written) process.stdout.write(`  wrote ${display(file)}\n`);
  } finally {
    progress.done();
  }
}

/** `posthoc run …`: returns the exit status. Usage errors and bad files throw UsageError. */
export async function runRunFile(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(RUN_USAGE + '\n');
    return 0;
  }
  const command = parseRunArgs(argv);
  let runFile;
  try {
    runFile = await readRunFile(command.file);
  } catch (e) {
    if (!(e instanceof RunFileError)) throw e;
    // file:line:col at the start of each line, so editors' problem matchers pick them up.
    process.stderr.write(`${e.message}\n(see posthoc run --help)\n`);
    return 2;
  }
  // Evaluate and explain runs, in the order the file lists them.
  const all = [...runFile.runs, ...runFile.explains].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const runs = selectRuns(all, command.only, command.file);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const failed: string[] = [];
  try {
    for (const run of runs) {
      process.stdout.write(`${run.name} (${run.kind})\n`);
      try {
        await executeRun(run, command.force, controller.signal);
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        const message = e instanceof PosthocError ? e.message : `unexpected error: ${(e as Error)?.stack ?? String(e)}`;
        process.stderr.write(`posthoc: run '${run.name}' failed: ${message}\n`);
        failed.push(run.name);
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  const total = `${runs.length} run${runs.length === 1 ? '' : 's'}`;
  if (failed.length === 0) {
    process.stdout.write(`${total} succeeded\n`);
    return 0;
  }
  process.stderr.write(`posthoc: ${failed.length} of ${total} failed: ${failed.join(', ')}\n`);
  return 1;
}
