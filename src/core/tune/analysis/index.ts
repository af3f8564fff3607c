/** Analysis of a finished (or running) study: parameter importance by fANOVA. */
export { fanovaImportance, type ImportanceResult, type ParamImportance, treeVariances } from './fanova';
export { fitForest, fitTree, type ForestOptions, predictTree, type RegressionTree, type TreeNode } from './forest';
