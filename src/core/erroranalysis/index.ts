/**
 * Error analysis: where does a model err? An error tree (CART matching scikit-learn), an error
 * heat map over one or two features, and a slice finder with significance tests and
 * Benjamini–Hochberg correction.
 */
export { analyzeErrors, analyzeIndicator, validateErrorOptions, type IndicatorAnalysis } from './analyze';
export { analyzeErrorsInWorker, errorsWorkerPath } from './errorsInWorker';
export { fitCart, type CartNode, type CartOptions } from './cart';
export { buildErrorTree, type ErrorTreeOptions } from './errorTree';
export { errorHeatmap } from './heatmap';
export { findSlices, type SliceOptions } from './slices';
export { benjaminiHochberg, cohenH, fisherGreater, normalSf, sliceTest, zTestGreater } from './significance';
export { renderErrorsJson } from './json';
export * from './types';
