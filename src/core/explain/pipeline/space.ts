/**
 * Output spaces: turning a model's class probabilities (or regression values) into the space an
 * explanation is computed in, and the {@link ExplainableModel} that predicts in that space.
 */
import { UsageError } from '../../errors';
import type { Task } from '../../evaluate/types';
import type { ExplainableModel, ExplainSpace, PredictFn } from '../types';
import type { RequestedSpace } from './options';

/** Probabilities are clipped this far from 0 and 1 before taking log-odds. */
const LOGIT_EPS = 1e-12;

/** log(p / (1 − p)) with p clipped into (0, 1), so certain predictions stay finite. */
export function logOdds(p: number): number {
  const q = Math.min(1 - LOGIT_EPS, Math.max(LOGIT_EPS, p));
  return Math.log(q / (1 - q));
}

/**
 * The space a model-agnostic method works in: regression models are explained in their value;
 * classifiers in probability (default) or log-odds. 'margin' needs a tree model's raw score.
 */
export function chooseSpace(task: Task, requested: RequestedSpace | undefined, hasMargin: boolean): ExplainSpace {
  if (task === 'regression') {
    if (requested && requested !== 'margin') throw new UsageError(`--space ${requested} applies to classifiers; a regression model is explained in its predicted value.`);
    return hasMargin && requested === 'margin' ? 'margin' : 'value';
  }
  if (requested === 'margin' && !hasMargin) {
    throw new UsageError('--space margin is the raw score of a tree ensemble; this model has none Posthoc can read. Use --space probability or logit.');
  }
  return requested ?? 'probability';
}

/** Maps every value of a row-major probability matrix to log-odds (a new array). */
export function toLogOdds(proba: Float64Array): Float64Array {
  return Float64Array.from(proba, logOdds);
}

/** Options of {@link explainableModel}. */
export interface SpaceModelOptions {
  featureNames: string[];
  /** Class names (classifiers) or the one target name (regression). */
  outputNames: string[];
  space: ExplainSpace;
  /** Predictions in probability space (classifier: N×C) or values (regression: N×1). */
  predictProba: PredictFn;
  /** Raw scores (tree models), N×outputNames.length; used for space 'margin'. */
  predictMargin?: PredictFn;
}

/** The model as a function of its features, predicting in `space`. */
export function explainableModel(opts: SpaceModelOptions): ExplainableModel {
  const { space, predictProba, predictMargin } = opts;
  let predict: PredictFn;
  if (space === 'logit') predict = async (x, n, signal) => toLogOdds(await predictProba(x, n, signal));
  else if (space === 'margin') {
    if (!predictMargin) throw new UsageError('This model has no raw margin to explain; use --space probability or logit.');
    predict = predictMargin;
  } else predict = predictProba;
  return { featureNames: [...opts.featureNames], outputNames: [...opts.outputNames], predict };
}
