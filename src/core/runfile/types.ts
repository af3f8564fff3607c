/**
 * The shapes of a parsed workspace run file (`posthoc.json`). Positions are 0-based lines and
 * UTF-16 characters, like VS Code's `Position`, so the extension can use them as they are.
 */
import type { EvaluateOptions } from '../evaluate/options';
import type { ExplainOptions } from '../explain/pipeline/options';
import type { Sweep } from '../tune/types';

/** A 0-based position in the file's text. */
export interface RunFilePosition {
  line: number;
  character: number;
}

/** A 0-based, end-exclusive span of the file's text. */
export interface RunFileRange {
  start: RunFilePosition;
  end: RunFilePosition;
}

/** The kinds of job a run can be: `evaluate` runs, `tune` sweeps and `explain` runs. */
export type RunKind = 'evaluate' | 'tune' | 'explain';

/** Report files a run writes, as absolute paths. Every key is optional. */
export interface RunReports {
  html?: string;
  json?: string;
  md?: string;
}

/** One named evaluate run of the file, ready to execute. */
export interface Run {
  /** The key under `runs`, e.g. `breast-cancer`. */
  name: string;
  kind: 'evaluate';
  /** Evaluation options with `model` and `data` resolved to absolute paths. */
  options: EvaluateOptions;
  /** Report files, resolved to absolute paths. */
  reports: RunReports;
  /** Span of the run's key (quotes included): where the extension puts its CodeLens. */
  range: RunFileRange;
}

/** One named sweep of the file (`"kind": "tune"`), ready to run with `runSweep`. */
export interface SweepRun {
  name: string;
  kind: 'tune';
  /** The sweep with paths resolved and defaults applied. */
  sweep: Sweep;
  /** Span of the run's key (quotes included). */
  range: RunFileRange;
}

/** One named explanation of the file (`"kind": "explain"`), ready for `explain(options)`. */
export interface ExplainRun {
  name: string;
  kind: 'explain';
  /** Explanation options with paths resolved and the cohort (a name under `cohorts`) looked up. */
  options: ExplainOptions;
  /** Report files, resolved to absolute paths (`json` is the `posthoc explain --json` format). */
  reports: RunReports;
  /** Span of the run's key (quotes included). */
  range: RunFileRange;
}

/** A parsed, validated run file. */
export interface RunFile {
  /** Absolute path of the file. */
  path: string;
  /** Evaluate runs in file order. */
  runs: Run[];
  /** Tune runs (sweeps) in file order; `posthoc tune --sweep NAME` runs one. */
  sweeps: SweepRun[];
  /** Explain runs in file order; `posthoc run` executes them along with the evaluate runs. */
  explains: ExplainRun[];
  /** Named cohort filters (`"cohorts": { "young": "age < 30" }`), expressions parsed; `{}` when absent. */
  cohorts: Record<string, string>;
}

/** Where a run's key sits in a file that may not parse; see `findRunRanges`. */
export interface RunLocation {
  name: string;
  range: RunFileRange;
}

/** One thing wrong with a run file, at a place in its text. */
export interface RunFileProblem {
  /** What is wrong and what is allowed, without the file:line:col prefix. */
  message: string;
  range: RunFileRange;
}
