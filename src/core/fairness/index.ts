/** Group fairness of binary classifiers, as Fairlearn defines it, with bootstrap intervals. */
export { evaluateFairness, fairnessMetrics, type FairnessOptions, type FairnessResult, type GroupFairness } from './fairness';
export { encodeGroups, MISSING_GROUP } from './groups';
export { DISPARITY_NAMES, disparities, groupRates, RATE_NAMES, spread, type Disparities, type FairnessInput, type GroupRates, type RateName } from './metrics';
