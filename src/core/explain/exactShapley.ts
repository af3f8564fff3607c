/**
 * Exact Shapley values by brute force over all 2^M coalitions of the interventional value
 * function v_x(S) = E_b[f(x_S, b_¬S)]:
 *   φ_i = Σ_{S ⊆ N∖{i}} |S|! (M − |S| − 1)! / M! · (v(S ∪ {i}) − v(S)).
 * The reference for KernelSHAP, and the method for small M (≤ 14).
 */
import { UsageError } from '../errors';
import { attributionResult, prepareShap, type ShapOptions } from './attribution';
import { coalitionValues } from './coalitionValues';
import type { Matrix } from './matrix';
import type { AttributionResult, ExplainableModel } from './types';

/** Largest number of features brute force accepts (2^14 coalitions per row). */
export const MAX_EXACT_FEATURES = 14;

/**
 * Shapley values from a table of coalition values: `v[code]` for coalition bitmask `code`
 * (bit j = feature j present), 2^M entries. Pure; exported for tests.
 */
export function shapleyFromValues(v: ArrayLike<number>, m: number): Float64Array {
  // w[s] = s! (M − s − 1)! / M!, built by a ratio recurrence to stay in range.
  const w = new Float64Array(m);
  w[0] = 1 / m;
  for (let s = 1; s < m; s++) w[s] = (w[s - 1] * s) / (m - s);
  const phi = new Float64Array(m);
  const full = 2 ** m;
  for (let code = 0; code < full; code++) {
    let size = 0;
    for (let c = code; c; c &= c - 1) size++;
    if (size === m) continue;
    for (let i = 0; i < m; i++) {
      const bit = 1 << i;
      if (code & bit) continue;
      phi[i] += w[size] * (v[code | bit] - v[code]);
    }
  }
  return phi;
}

/** Exact Shapley values for each row of `xs` (method 'exact-shap'); needs M ≤ 14. */
export async function exactShapley(model: ExplainableModel, xs: Matrix, opts: ShapOptions): Promise<AttributionResult> {
  const m = model.featureNames.length;
  if (m > MAX_EXACT_FEATURES) throw new UsageError(`Exact Shapley values need ${MAX_EXACT_FEATURES} or fewer features; the model has ${m}. Use KernelSHAP.`);
  const prep = await prepareShap(model, xs, opts);
  const n = 2 ** m;
  const masks = new Uint8Array(n * m);
  for (let code = 0; code < n; code++) for (let j = 0; j < m; j++) masks[code * m + j] = (code >> j) & 1;
  const values = await coalitionValues(model.predict, xs, opts.background, prep.weights, masks, n, prep.output, opts);
  const phi = new Float64Array(xs.nRows * m);
  for (let r = 0; r < xs.nRows; r++) phi.set(shapleyFromValues(values.subarray(r * n, (r + 1) * n), m), r * m);
  return attributionResult('exact-shap', model, xs, opts, prep, phi);
}
