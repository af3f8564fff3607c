/**
 * The shapes of a sweep (a `kind: "tune"` run of posthoc.json) and of a study's trials. Trial
 * states and directions use Optuna's names and numbers, so studies stay readable by Optuna.
 */

/** A value a categorical parameter may take (as Optuna's CategoricalChoiceType). */
export type Choice = string | number | boolean | null;

/** A parameter value as the trial command sees it. */
export type ParamValue = Choice;

/** Parameters that are active only when other parameters hold given values. */
export type Condition = Readonly<Record<string, Choice | readonly Choice[]>>;

/** A float parameter: uniform (or log-uniform) on [low, high], optionally on a grid of `step`. */
export interface FloatParam {
  type: 'float';
  low: number;
  high: number;
  log?: boolean;
  step?: number;
  when?: Condition;
}

/** An integer parameter on [low, high] with `step` (default 1), optionally log-scaled. */
export interface IntParam {
  type: 'int';
  low: number;
  high: number;
  log?: boolean;
  step?: number;
  when?: Condition;
}

/** A categorical parameter: one of `choices`. */
export interface CategoricalParam {
  type: 'categorical';
  choices: readonly Choice[];
  when?: Condition;
}

/** One parameter of a search space. */
export type ParamSpec = FloatParam | IntParam | CategoricalParam;

/** A search space: parameter name -> spec, in the order parameters are suggested. */
export type SearchSpace = Readonly<Record<string, ParamSpec>>;

/** Optimisation direction. */
export type Direction = 'minimize' | 'maximize';

/** Where the objective comes from in a trial's stdout. */
export type ObjectiveSpec = { json: string } | { regex: string };

/** Sampler choice and options (defaults as Optuna's). */
export interface SamplerSpec {
  type: 'tpe' | 'random' | 'grid';
  /** TPE: random trials before the model is used (default 10). */
  startupTrials?: number;
  /** TPE: candidates drawn from l(x) per suggestion (default 24). */
  eiCandidates?: number;
  /** TPE: one joint Parzen estimator over the unconditional parameters (default false). */
  multivariate?: boolean;
}

/** Pruner choice and options. */
export type PrunerSpec =
  | { type: 'none' }
  | { type: 'median'; startupTrials?: number; warmupSteps?: number; intervalSteps?: number }
  | { type: 'halving'; minResource?: number; reductionFactor?: number };

/** A sweep, resolved: paths absolute, defaults not yet applied. */
export interface Sweep {
  /** The run's name in posthoc.json; the default study name. */
  name: string;
  space: SearchSpace;
  /** The trial command: a string (split into argv, or given to /bin/sh with `shell`) or an argv list. */
  command: string | readonly string[];
  shell: boolean;
  /** Absolute working directory of trials. */
  cwd: string;
  env: Readonly<Record<string, string>>;
  objective: ObjectiveSpec;
  direction: Direction;
  trials: number;
  parallel: number;
  /** Per-trial timeout in seconds; 0 = none. */
  timeout: number;
  seed: number;
  sampler: SamplerSpec;
  pruner: PrunerSpec;
  /** Storage URL (`journal:/abs/file.log`). */
  storage: string;
  /** Study name in the storage. */
  study: string;
}

/** Trial states with Optuna's numbers (TrialState). */
export const TRIAL_STATES = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'] as const;
/** A trial's state. */
export type TrialState = (typeof TRIAL_STATES)[number];

/** One trial of a study, as stored. */
export interface Trial {
  /** Storage-wide id (Optuna's trial_id). */
  id: number;
  /** 0-based number within the study. */
  number: number;
  state: TrialState;
  value: number | undefined;
  params: Record<string, ParamValue>;
  /** The distributions the params were drawn from (Optuna's JSON form, parsed). */
  distributions: Record<string, ParamSpec>;
  /** step -> intermediate value. */
  intermediate: Map<number, number>;
  userAttrs: Record<string, unknown>;
  systemAttrs: Record<string, unknown>;
  start: string | undefined;
  complete: string | undefined;
}

/** A study: its trials in number order. */
export interface Study {
  name: string;
  direction: Direction;
  trials: Trial[];
  userAttrs: Record<string, unknown>;
}
