/**
 * Model-agnostic explanations: permutation importance, KernelSHAP and exact Shapley values,
 * LIME, Anchors, PD/ICE and ALE. Every method takes an {@link ExplainableModel} (a batch
 * predict over row-major float64 features), is seeded where it samples, accepts an AbortSignal
 * and reports progress; run them in a worker thread for large inputs.
 */
export type * from './types';
export { fromRows, matrix, rowOf, sampleRows, selectRows, uniformWeights, type Matrix, type WeightedMatrix } from './matrix';
export { kmeansSummary } from './background';
export { permutationImportance, type FeatureGroup, type PermutationOptions } from './permutation';
export { kernelShap, defaultBudget, type KernelShapOptions } from './kernelShap';
export { exactShapley, MAX_EXACT_FEATURES } from './exactShapley';
export type { ShapOptions } from './attribution';
export { limeTabular, type LimeOptions } from './lime';
export { anchorsTabular, type AnchorsOptions } from './anchors';
export { partialDependence, quantileGrid, type PdpOptions } from './pdp';
export { accumulatedLocalEffects, type AleOptions } from './ale';
export { klBernoulli, klLowerBound, klUpperBound } from './klLucb';
