/**
 * Tree ensembles and TreeSHAP: load a model file (ONNX-ML TreeEnsemble, XGBoost JSON, LightGBM
 * text) into one typed-array representation, predict with it, and explain its margins exactly.
 */
export { applyPostTransform, predict, predictionWidth, predictMargin, type PostTransform, type TreeEnsemble } from './ensemble';
export { loadTreeModel, treeModelFromBytes, TREE_FORMATS, type TreeModelFormat } from './load';
export { interventionalTreeShap } from './interventionalTreeShap';
export { expectedMargin, pathTreeShap } from './pathTreeShap';
export { marginSpace, toAttributionResult, type AttributionOptions, type TreeShapOptions, type TreeShapValues } from './shapResult';
