/**
 * Regression metrics, matching scikit-learn 1.2 with `sample_weight` (max_error ignores
 * weights, as sklearn's does). With weights the median absolute error is sklearn's lower
 * weighted percentile; without, numpy's median (mean of the two middle values).
 */
import { argsortAscending, type SortedScores } from './sort';

/** float64 machine epsilon: MAPE's floor for |y| in the denominator. */
const EPS = 2.220446049250313e-16;

/** A prepared regression data set: call with row weights (undefined = unweighted). */
export type RegressionScorer = (weights: Float64Array | undefined) => Record<string, number>;

/** Absolute errors |y − ŷ|. */
function absErrors(y: Float64Array, yhat: Float64Array): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = Math.abs(yhat[i] - y[i]);
  return out;
}

/**
 * sklearn's `_weighted_percentile(…, 50)`: the first sorted value whose cumulative weight
 * reaches half the total.
 */
export function weightedMedian(sorted: SortedScores, weights: Float64Array): number {
  const { order, sorted: v } = sorted;
  let total = 0;
  for (let i = 0; i < order.length; i++) total += weights[order[i]];
  const half = 0.5 * total;
  let cum = 0;
  for (let i = 0; i < order.length; i++) {
    cum += weights[order[i]];
    if (cum >= half) return v[i];
  }
  return v[v.length - 1];
}

/** numpy.median of already sorted values. */
function plainMedian(v: Float64Array): number {
  const n = v.length;
  return n % 2 === 1 ? v[(n - 1) >> 1] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/** sklearn's force_finite rule for R² and explained variance. */
function scoreRatio(num: number, den: number): number {
  if (den === 0) return num === 0 ? 1 : 0;
  return 1 - num / den;
}

/** Prepares `y`/`yhat` once (sorted absolute errors) and returns a weighted metric function. */
export function regressionScorer(y: Float64Array, yhat: Float64Array): RegressionScorer {
  const n = y.length;
  const sortedErr = argsortAscending(absErrors(y, yhat));
  let maxErr = 0;
  for (let i = 0; i < n; i++) maxErr = Math.max(maxErr, Math.abs(y[i] - yhat[i]));
  return (weights) => {
    let ws = 0;
    let ae = 0;
    let se = 0;
    let ape = 0;
    let ym = 0;
    let dm = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      const d = y[i] - yhat[i];
      ws += w;
      ae += w * Math.abs(d);
      se += w * d * d;
      ape += (w * Math.abs(d)) / Math.max(Math.abs(y[i]), EPS);
      ym += w * y[i];
      dm += w * d;
    }
    ym /= ws;
    dm /= ws;
    // Second pass for the centred sums, like np.average of squared deviations.
    let ssTot = 0;
    let ssDev = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      const t = y[i] - ym;
      const e = y[i] - yhat[i] - dm;
      ssTot += w * t * t;
      ssDev += w * e * e;
    }
    const mse = se / ws;
    return {
      mae: ae / ws,
      mse,
      rmse: Math.sqrt(mse),
      r2: scoreRatio(se, ssTot),
      mape: ape / ws,
      median_ae: weights ? weightedMedian(sortedErr, weights) : plainMedian(sortedErr.sorted),
      explained_variance: scoreRatio(ssDev / ws, ssTot / ws),
      max_error: maxErr,
    };
  };
}
