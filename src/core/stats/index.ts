/**
 * Statistics for comparing models honestly on the same rows: McNemar's exact test on the
 * errors, DeLong's test on ROC AUCs, and the paired bootstrap for any metric.
 */
export { binomialHalfCdf, binomialPmf } from './binomial';
export { delongAuc, delongTest, midranks, type DeLongResult } from './delong';
export { mcnemarExact, type McNemarResult } from './mcnemar';
export { erfc, normalQuantile, normalSf, twoSidedP } from './normal';
export { pairedBootstrapDiff, type PairedDiff, type WeightedStatistic } from './pairedBootstrap';
