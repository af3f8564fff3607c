/**
 * KernelSHAP (Lundberg & Lee, 2017): Shapley values of the interventional value function
 * v_x(S) = E_b[f(x_S, b_¬S)] as the solution of a weighted linear regression over coalitions,
 * with the Shapley kernel as weights and the efficiency constraint Σφ = f(x) − E[f] imposed
 * exactly. With every coalition enumerated the solution equals the exact Shapley values.
 *
 * One coalition design serves all explained rows: the regression matrix depends only on the
 * coalitions, so it is factorised once and each row is a new right-hand side.
 */
import { UsageError } from '../errors';
import { Rng } from '../metrics/rng';
import { attributionResult, prepareShap, type ShapOptions } from './attribution';
import { chooseCoalitions, type CoalitionSet } from './coalitions';
import { coalitionValues } from './coalitionValues';
import { weightedLeastSquares } from './linalg';
import type { Matrix } from './matrix';
import type { AttributionResult, ExplainableModel } from './types';

export { kmeansSummary, sampleRows } from './background';

/** Options of {@link kernelShap}. */
export interface KernelShapOptions extends ShapOptions {
  /** Number of coalitions to evaluate (default 2·M + 2048). All are enumerated when 2^M − 2 ≤ budget. */
  budget?: number;
  /** Seed of the coalition sample (default 0). */
  seed?: number;
}

/** Default coalition budget for M features. */
export function defaultBudget(m: number): number {
  return 2 * m + 2048;
}

/**
 * Solves the constrained weighted regression for every row. `values` is nRows × nCoalitions
 * (v_x(S)), `delta[r]` = f(x_r) − base. Eliminates the last feature through the constraint:
 * φ_{M-1} = Δ − Σ_{j<M-1} φ_j, so y − z_{M-1}Δ = Σ_j (z_j − z_{M-1}) φ_j is unconstrained.
 */
export function solveKernelShap(set: CoalitionSet, m: number, values: Float64Array, base: number, delta: Float64Array): Float64Array {
  const nRows = delta.length;
  const phi = new Float64Array(nRows * m);
  if (m === 1) {
    phi.set(delta);
    return phi;
  }
  const n = set.nCoalitions;
  const p = m - 1;
  const a = new Float64Array(n * p);
  const y = new Float64Array(n * nRows);
  for (let k = 0; k < n; k++) {
    const zLast = set.masks[k * m + p];
    for (let j = 0; j < p; j++) a[k * p + j] = set.masks[k * m + j] - zLast;
    for (let r = 0; r < nRows; r++) y[k * nRows + r] = values[r * n + k] - base - zLast * delta[r];
  }
  const beta = weightedLeastSquares(a, n, p, set.weights, y, nRows);
  for (let r = 0; r < nRows; r++) {
    let sum = 0;
    for (let j = 0; j < p; j++) {
      const v = beta[j * nRows + r];
      phi[r * m + j] = v;
      sum += v;
    }
    phi[r * m + p] = delta[r] - sum;
  }
  return phi;
}

/**
 * KernelSHAP attributions of `model` for each row of `xs`, against a background distribution.
 * Cost: budget × background rows model evaluations per explained row, sent in large batches.
 */
export async function kernelShap(model: ExplainableModel, xs: Matrix, opts: KernelShapOptions): Promise<AttributionResult> {
  const m = model.featureNames.length;
  const budget = opts.budget ?? defaultBudget(m);
  if (!(budget >= 1)) throw new UsageError(`The KernelSHAP budget must be at least 1; got ${budget}.`);
  const prep = await prepareShap(model, xs, opts);
  const set = chooseCoalitions(m, Math.floor(budget), new Rng(opts.seed ?? 0));
  if (m > 1 && set.nCoalitions < m - 1) throw new UsageError(`A budget of ${budget} coalitions is too small for ${m} features; use at least ${2 * m}.`);
  const values = await coalitionValues(model.predict, xs, opts.background, prep.weights, set.masks, set.nCoalitions, prep.output, opts);
  const delta = Float64Array.from(prep.fx, (f) => f - prep.base);
  const phi = solveKernelShap(set, m, values, prep.base, delta);
  return attributionResult('kernel-shap', model, xs, opts, prep, phi);
}
