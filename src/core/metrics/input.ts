/**
 * Input checks shared by the metric entry points. They throw {@link DataError} with a message
 * that says which array is wrong and how, so a bad column surfaces as a readable error.
 */
import { DataError } from '../errors';

type NumArray = Float64Array | Uint8Array | Int32Array;

/** Throws unless `arr` has `n` elements. */
export function checkLength(name: string, arr: NumArray, n: number): void {
  if (arr.length !== n) {
    throw new DataError(`${name} has ${arr.length} values but there are ${n} rows.`);
  }
}

/** Throws unless every value is finite (no NaN or ±Infinity). */
export function checkFinite(name: string, arr: Float64Array): void {
  for (let i = 0; i < arr.length; i++) {
    if (!Number.isFinite(arr[i])) {
      throw new DataError(`${name} has a non-finite value (${arr[i]}) at row ${i}; drop or fill such rows first.`);
    }
  }
}

/** Throws unless weights are finite, non-negative and not all zero. */
export function checkWeights(weights: Float64Array | undefined, n: number): void {
  if (!weights) return;
  checkLength('sample weights', weights, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new DataError(`sample weight at row ${i} is ${w}; weights must be finite and >= 0.`);
    }
    total += w;
  }
  if (n > 0 && total <= 0) throw new DataError('all sample weights are zero.');
}

/** Throws unless every label is 0 or 1. */
export function checkBinaryLabels(name: string, y: Uint8Array): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] > 1) throw new DataError(`${name} must be 0 or 1, got ${y[i]} at row ${i}.`);
  }
}

/** Throws unless every class index is in [0, nClasses). */
export function checkClassIndex(name: string, y: Int32Array, nClasses: number): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0 || y[i] >= nClasses) {
      throw new DataError(`${name} has class index ${y[i]} at row ${i}; expected 0..${nClasses - 1}.`);
    }
  }
}

/** Throws when there are no rows to evaluate. */
export function checkNonEmpty(n: number): void {
  if (n === 0) throw new DataError('there are no rows to evaluate.');
}

/** Weighted mean of per-row values (np.average semantics; weight 1 when `weights` is absent). */
export function weightedMean(values: Float64Array, weights: Float64Array | undefined): number {
  let s = 0;
  if (!weights) {
    for (let i = 0; i < values.length; i++) s += values[i];
    return s / values.length;
  }
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i] * weights[i];
    w += weights[i];
  }
  return s / w;
}

/**
 * Moves non-finite entries of a metric record into warnings: JSON cannot hold NaN, and an
 * undefined metric (for example kappa with a single class) is better reported than guessed.
 */
export function dropNonFinite(metrics: Record<string, number>, warnings: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) {
    if (Number.isFinite(v)) out[k] = v;
    else warnings.push(`${k} is undefined for this data and was left out.`);
  }
  return out;
}
