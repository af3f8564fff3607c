/**
 * The keys of a `kind: "tune"` run (a sweep) and their defaults. The schema test checks
 * schemas/posthoc.schema.json's `tuneRun` against this table.
 */
import type { FieldSpec } from './fields';

/** How a sweep key's value is checked: a plain field, or one with its own checker. */
export type SweepFieldSpec = FieldSpec | { type: 'command' | 'space' | 'objective' | 'sampler' | 'pruner' | 'env' | 'boolean' | 'seconds' };

/** Every key of a tune run, in the order the documentation lists them. */
export const TUNE_FIELDS: Readonly<Record<string, SweepFieldSpec>> = {
  kind: { type: 'enum', values: ['tune'] },
  command: { type: 'command' },
  space: { type: 'space' },
  objective: { type: 'objective' },
  direction: { type: 'enum', values: ['minimize', 'maximize'] },
  trials: { type: 'integer', minimum: 1 },
  parallel: { type: 'integer', minimum: 1 },
  timeout: { type: 'seconds' },
  seed: { type: 'integer', minimum: 0 },
  sampler: { type: 'sampler' },
  pruner: { type: 'pruner' },
  cwd: { type: 'path' },
  env: { type: 'env' },
  shell: { type: 'boolean' },
  storage: { type: 'string' },
  study: { type: 'string' },
};

/** Keys every tune run must have. */
export const TUNE_REQUIRED = ['kind', 'command', 'space', 'objective'] as const;

/** Defaults of a sweep's optional keys. */
export const SWEEP_DEFAULTS = { direction: 'minimize', trials: 20, parallel: 1, timeout: 0, seed: 0, shell: false } as const;

/** Parameter keys in a search space entry. */
export const PARAM_KEYS = ['type', 'low', 'high', 'log', 'step', 'choices', 'when'] as const;
/** Parameter types. */
export const PARAM_TYPES = ['float', 'int', 'categorical'] as const;
/** Sampler keys and names. */
export const SAMPLER_KEYS = ['type', 'startupTrials', 'eiCandidates', 'multivariate'] as const;
export const SAMPLER_TYPES = ['tpe', 'random', 'grid'] as const;
/** Pruner keys and names. */
export const PRUNER_KEYS = ['type', 'startupTrials', 'warmupSteps', 'intervalSteps', 'minResource', 'reductionFactor'] as const;
export const PRUNER_TYPES = ['none', 'median', 'halving'] as const;
