/** Side-by-side comparison of model variants on one labelled dataset. */
export { compareModels, MAX_FLIPPED_LISTED, type CompareOptions } from './compare';
export { flippedRows, outputDiff, perClassFromConfusion, rowCalls } from './rows';
export type { CompareResult, CompareRun, FlippedRow, LatencyStats, VariantDelta, VariantSummary } from './types';
