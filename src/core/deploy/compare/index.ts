/** Side-by-side comparison of model variants on one labelled dataset. */
export { compareModels, MAX_FLIPPED_LISTED, type CompareOptions } from './compare';
export { flippedRows, outputDiff, perClassFromConfusion, rowCalls } from './rows';
export { compareSignificance, type SignificanceContext } from './significance';
export { verdict } from './verdict';
export type { CompareResult, CompareRun, FlippedRow, LatencyStats, SignificanceResult, SignificanceRow, VariantDelta, VariantSummary } from './types';
