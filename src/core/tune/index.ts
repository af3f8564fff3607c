/**
 * Hyperparameter tuning: search spaces, samplers (grid, random, TPE), pruners (median,
 * successive halving), a local trial runner, and studies stored in Optuna's journal format.
 *
 * For an editor view: `runSweep(sweep, { signal, onEvent })` starts or resumes a sweep (a
 * `kind: "tune"` run of posthoc.json, see `RunFile.sweeps`); `readStudy(url, name)` and
 * `summarizeStudy(study)` read a study and list its trials.
 */
export { buildArgv, parseIntermediate, placeholders, readObjective, splitCommand } from './command';
export { JournalStorage } from './journal';
export { createPruner, MedianPruner, type Pruner, SuccessiveHalvingPruner } from './pruners';
export { Rng } from './rng';
export { type SweepEvent, type SweepResult, type SweepRunOptions, runSweep } from './runner';
export { createSampler, GridSampler, gridPoints, RandomSampler, type Sampler, TpeSampler } from './samplers';
export { activeParams, conditionHolds } from './space';
export {
  bestTrial,
  defaultStorage,
  journalPath,
  readStudy,
  type StudySummary,
  summarizeStudy,
  type TrialSummary,
  trialsFolder,
} from './storage';
export type * from './types';
