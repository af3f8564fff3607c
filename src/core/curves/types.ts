/**
 * The one shape every training-log reader produces: runs → tags → scalar series.
 */

/** One scalar time series: parallel arrays, in the order the log recorded them. */
export interface ScalarSeries {
  steps: Float64Array;
  values: Float64Array;
  /** Seconds since the Unix epoch; NaN where the log has no clock (CSV logs). */
  wallTimes: Float64Array;
}

/** Tag (metric name) → series. */
export type RunTags = Map<string, ScalarSeries>;

/** Run (folder path relative to the logdir, '.' for the root) → tags. */
export type Runs = Map<string, RunTags>;

/** Where the scalars of one run come from. */
export type LogKind = 'tfevents' | 'csv' | 'jsonl' | 'mlflow';

/** A log found by {@link discoverRuns}: one file (or one MLflow run folder) feeding one run. */
export interface LogSource {
  kind: LogKind;
  /** Absolute path of the file, or of the MLflow run folder. */
  path: string;
  /** Run key: folder path relative to the logdir with '/' separators, '.' for the root. */
  run: string;
}

/** Runs plus what was noticed while reading them. */
export interface LoadedRuns {
  runs: Runs;
  /** Display names where a log names its run (MLflow's `mlflow.runName`); else the key is the name. */
  runNames: Map<string, string>;
  /** Skipped records and files, each naming the file (and offset where it applies). */
  warnings: string[];
}
