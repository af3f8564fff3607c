/**
 * `posthoc explain` end to end: options, the pipeline ({@link explain}), its JSON, and the
 * parsers the CLI and the editor share for row selections, backgrounds and features of interest.
 */
export { explain, chooseClass } from './explain';
export { renderExplainJson } from './json';
export { parseBackground, loadExplainData, loadBackground, type ExplainData, type Background } from './data';
export { parseRowSpec, checkRows, firstRows, resolveFeaturesOfInterest, MAX_SELECTED_ROWS } from './rows';
export { DEFAULT_PERMUTATION_METRIC, permutationScorer, type MetricScorer } from './permutationScorer';
export { chooseSpace, explainableModel, logOdds } from './space';
export { isTreeModelFile, loadTreeForShap, runTreeShap, treeSource } from './treeSource';
export { openOnnxSource, matrixTable, taskFromCard, type ModelSource } from './onnxSource';
export * from './options';
