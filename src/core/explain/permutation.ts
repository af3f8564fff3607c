/**
 * Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019): how much a score drops
 * when one feature's (or one group's) values are shuffled across rows, breaking its link with
 * the target while keeping its marginal distribution.
 *
 * Memory: the base matrix is permuted in place one column at a time and restored afterwards
 * (also on errors and cancellation). When the data is small, several repeats are stacked into
 * one model call using replicas of the matrix made once, not per feature.
 */
import { UsageError, throwIfAborted } from '../errors';
import { Rng } from '../metrics/rng';
import { predictChecked } from './batch';
import type { Matrix } from './matrix';
import type { ExplainableModel, PermutationImportance, PermutationResult } from './types';

/** A set of features permuted together (with the same row permutation), reported as one. */
export interface FeatureGroup {
  name: string;
  /** Column indices. */
  features: number[];
}

/** Options of {@link permutationImportance}. */
export interface PermutationOptions {
  /** Scores a full set of predictions (nRows × nOutputs, row-major). */
  scorer: (predictions: Float64Array) => number;
  /** Name of the metric, for the result. */
  metric: string;
  /** True for scores (accuracy, AUC), false for losses (log loss, RMSE). */
  greaterIsBetter: boolean;
  /** Shuffles per feature (default 5). */
  nRepeats?: number;
  seed?: number;
  /** Groups to permute together instead of single features (default: each feature alone). */
  groups?: FeatureGroup[];
  /** Rows per model call when stacking repeats of small data (default 100 000). */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

function shuffle(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Importance of each feature (group) = baseline score − permuted score for scores, permuted −
 * baseline for losses (bigger = more important), over `nRepeats` shuffles. `X` is modified
 * during the run and restored before returning.
 */
export async function permutationImportance(model: ExplainableModel, X: Matrix, opts: PermutationOptions): Promise<PermutationResult> {
  const { nRows: n, nCols: m } = X;
  if (m !== model.featureNames.length) throw new UsageError(`The data has ${m} features; the model has ${model.featureNames.length}.`);
  if (n < 2) throw new UsageError('Permutation importance needs at least 2 rows.');
  const nRepeats = opts.nRepeats ?? 5;
  if (!(Number.isInteger(nRepeats) && nRepeats >= 1)) throw new UsageError(`nRepeats must be a positive integer; got ${nRepeats}.`);
  const groups = opts.groups ?? model.featureNames.map((name, j) => ({ name, features: [j] }));
  for (const g of groups) {
    if (g.features.length === 0 || g.features.some((j) => !Number.isInteger(j) || j < 0 || j >= m)) {
      throw new UsageError(`Feature group '${g.name}' must list column indices between 0 and ${m - 1}.`);
    }
  }
  const sign = opts.greaterIsBetter ? 1 : -1;
  const rng = new Rng(opts.seed ?? 0);
  const baselinePred = await predictChecked(model.predict, X.data, n, opts.signal);
  const baseline = opts.scorer(baselinePred.out);
  const k = baselinePred.nOutputs;

  // Replicas stacked per call: 1 means X itself is permuted in place.
  const stack = Math.max(1, Math.min(nRepeats, Math.floor((opts.chunkRows ?? 100_000) / n)));
  const inPlace = stack === 1;
  const work = inPlace ? X.data : new Float64Array(stack * n * m);
  if (!inPlace) for (let s = 0; s < stack; s++) work.set(X.data, s * n * m);
  // The current group's original columns: the source of each shuffle and of the restore.
  let saved: { j: number; col: Float64Array }[] = [];
  const restore = (count: number): void => {
    for (let s = 0; s < count; s++) for (const { j, col } of saved) for (let i = 0; i < n; i++) work[s * n * m + i * m + j] = col[i];
  };
  const importances: PermutationImportance[] = [];
  let done = 0;
  try {
    for (const g of groups) {
      saved = g.features.map((j) => {
        const col = new Float64Array(n);
        for (let i = 0; i < n; i++) col[i] = X.data[i * m + j];
        return { j, col };
      });
      const values: number[] = [];
      for (let r0 = 0; r0 < nRepeats; r0 += stack) {
        throwIfAborted(opts.signal);
        const count = Math.min(stack, nRepeats - r0);
        for (let s = 0; s < count; s++) {
          const perm = shuffle(n, rng);
          const off = s * n * m;
          for (const { j, col } of saved) for (let i = 0; i < n; i++) work[off + i * m + j] = col[perm[i]];
        }
        const pred = await predictChecked(model.predict, work.subarray(0, count * n * m), count * n, opts.signal);
        for (let s = 0; s < count; s++) values.push(sign * (baseline - opts.scorer(pred.out.subarray(s * n * k, (s + 1) * n * k))));
        done += count;
        opts.onProgress?.(done / (groups.length * nRepeats));
      }
      // Each shuffle overwrites the whole column, so restoring once per group is enough.
      restore(Math.min(stack, nRepeats));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
      importances.push({ feature: g.name, mean, std, values });
    }
  } finally {
    // X must come back intact even when the model throws or the run is cancelled mid-group.
    if (inPlace) restore(1);
  }
  importances.sort((a, b) => b.mean - a.mean);
  return { method: 'permutation', metric: opts.metric, baseline, n_repeats: nRepeats, importances };
}
