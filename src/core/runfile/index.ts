/** Workspace run files (`posthoc.json`): named runs the CLI (`posthoc run`) and the editor execute. */
export { parseRunFile, RunFileError, validateRunFile, type RunFileCheck } from './parse';
export { findRunRanges } from './ranges';
export { readRunFile, RUN_FILE_NAME } from './load';
export { EXPLAIN_FIELDS, EXPLAIN_REQUIRED } from './explainFields';
export { SWEEP_DEFAULTS, TUNE_FIELDS, TUNE_REQUIRED } from './sweepFields';
export { EVALUATE_FIELDS, EVALUATE_REQUIRED, OUTPUT_KINDS, REPORT_KEYS, RUN_KINDS, TASKS, TOP_LEVEL_KEYS } from './fields';
export type { ExplainRun, Run, RunFile, RunFilePosition, RunFileProblem, RunFileRange, RunKind, RunLocation, RunReports, SweepRun } from './types';
