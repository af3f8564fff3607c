/**
 * LIME for tabular data (Ribeiro, Singh & Guestrin, 2016): perturb a row, weight each
 * perturbation by its closeness to the row, and fit a weighted ridge regression whose
 * coefficients are the local explanation.
 *
 * - 'discretized' (default): every feature is drawn independently from the data (which samples
 *   its quartile bin with the data's frequencies, then a value inside the bin), and represented
 *   as 1 when it lands in the same quartile bin as the explained row, else 0.
 * - 'continuous': x + σ·N(0, 1) per feature, represented standardised, (z − mean) / σ.
 * The distance is Euclidean in the representation (relative to the row's own representation),
 * the kernel sqrt(exp(−d² / width²)) with width 0.75·√M by default.
 */
import { UsageError } from '../errors';
import { Rng } from '../metrics/rng';
import { checkOutput, evaluateBlocks, predictChecked } from './batch';
import { binCondition, binOf, quartileDiscretizer } from './discretize';
import { weightedRidge } from './linalg';
import { sortedColumn, type Matrix } from './matrix';
import type { ExplainableModel, LimeResult } from './types';

/** Options of {@link limeTabular}. */
export interface LimeOptions {
  /** Training (or background) data: bins, feature statistics and sampled values come from it. */
  data: Matrix;
  mode?: 'discretized' | 'continuous';
  /** Perturbations per explained row (default 5000). */
  nSamples?: number;
  /** Kernel width (default 0.75·√M). */
  kernelWidth?: number;
  /** Features in the explanation (default 10). */
  numFeatures?: number;
  /** 'auto': all features if M ≤ numFeatures, forward selection if numFeatures ≤ 6, else highest weights. */
  featureSelection?: 'auto' | 'none' | 'forward' | 'highest';
  /** Ridge penalty of the surrogate (default 1). */
  alpha?: number;
  output?: number;
  rowIds?: number[];
  seed?: number;
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** The columns of the surrogate: all, or chosen by forward selection or by largest |coefficient|. */
export function selectFeatures(r: Float64Array, n: number, m: number, y: Float64Array, w: Float64Array, k: number, method: 'auto' | 'none' | 'forward' | 'highest'): number[] {
  const all = Array.from({ length: m }, (_, j) => j);
  if (method === 'none' || k >= m) return all;
  if (method === 'forward' || (method === 'auto' && k <= 6)) {
    const chosen: number[] = [];
    while (chosen.length < k) {
      let best = -1;
      let bestScore = -Infinity;
      for (const j of all) {
        if (chosen.includes(j)) continue;
        const score = weightedRidge(r, n, m, y, w, 0.01, [...chosen, j]).score;
        if (score > bestScore) {
          bestScore = score;
          best = j;
        }
      }
      chosen.push(best);
    }
    return chosen.sort((a, b) => a - b);
  }
  const coef = weightedRidge(r, n, m, y, w, 0.01).coef;
  return all.sort((a, b) => Math.abs(coef[b]) - Math.abs(coef[a]) || a - b).slice(0, k).sort((a, b) => a - b);
}

/** LIME surrogate weights for each row of `xs`. Same seed and row id → same explanation. */
export async function limeTabular(model: ExplainableModel, xs: Matrix, opts: LimeOptions): Promise<LimeResult> {
  const m = model.featureNames.length;
  const { data } = opts;
  if (xs.nCols !== m || data.nCols !== m) throw new UsageError(`The rows have ${xs.nCols} and the data ${data.nCols} features; the model has ${m}.`);
  if (data.nRows === 0) throw new UsageError('LIME needs training data to sample from; the data has no rows.');
  const mode = opts.mode ?? 'discretized';
  const nSamples = Math.max(2, Math.floor(opts.nSamples ?? 5000));
  const width = opts.kernelWidth ?? 0.75 * Math.sqrt(m);
  const alpha = opts.alpha ?? 1;
  const numFeatures = Math.min(m, opts.numFeatures ?? 10);
  const output = opts.output ?? 0;
  const rowIds = opts.rowIds ?? Array.from({ length: xs.nRows }, (_, r) => r);
  const result: LimeResult = { method: 'lime', feature_names: [...model.featureNames], class: model.outputNames[output] ?? String(output), rows: [...rowIds], weights: [], intercept: [], score: [] };
  if (xs.nRows === 0) return result;
  checkOutput(output, (await predictChecked(model.predict, xs.data.subarray(0, m), 1, opts.signal)).nOutputs, model.outputNames);

  const disc = mode === 'discretized' ? quartileDiscretizer(data) : undefined;
  const mean = new Float64Array(m);
  const std = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const col = sortedColumn(data, j);
    const mu = col.reduce((s, v) => s + v, 0) / Math.max(1, col.length);
    mean[j] = mu;
    std[j] = Math.sqrt(col.reduce((s, v) => s + (v - mu) ** 2, 0) / Math.max(1, col.length)) || 1;
  }
  const reps = new Map<number, Float64Array>();
  if (disc) result.conditions = [];

  await evaluateBlocks(
    model.predict,
    m,
    xs.nRows,
    nSamples,
    (r, dst) => {
      const rng = new Rng((opts.seed ?? 0) * 1_000_003 + rowIds[r]);
      const x = xs.data.subarray(r * m, (r + 1) * m);
      const rep = new Float64Array(nSamples * m);
      dst.set(x);
      for (let j = 0; j < m; j++) rep[j] = disc ? 1 : Number.isNaN(x[j]) ? 0 : (x[j] - mean[j]) / std[j];
      const xBins = disc ? Array.from(x, (v, j) => binOf(disc.edges[j], v)) : [];
      for (let k = 1; k < nSamples; k++) {
        for (let j = 0; j < m; j++) {
          const at = k * m + j;
          if (disc) {
            const v = data.data[rng.nextInt(data.nRows) * m + j];
            dst[at] = v;
            rep[at] = binOf(disc.edges[j], v) === xBins[j] ? 1 : 0;
          } else if (Number.isNaN(x[j])) {
            dst[at] = NaN;
            rep[at] = 0;
          } else {
            const u = 1 - rng.nextFloat();
            const v = x[j] + std[j] * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
            dst[at] = v;
            rep[at] = (v - mean[j]) / std[j];
          }
        }
      }
      reps.set(r, rep);
    },
    (r, out, nOutputs) => {
      const rep = reps.get(r)!;
      reps.delete(r);
      const y = Float64Array.from({ length: nSamples }, (_, k) => out[k * nOutputs + output]);
      const w = new Float64Array(nSamples);
      for (let k = 0; k < nSamples; k++) {
        let d2 = 0;
        for (let j = 0; j < m; j++) d2 += (rep[k * m + j] - rep[j]) ** 2;
        w[k] = Math.sqrt(Math.exp(-d2 / (width * width)));
      }
      const cols = selectFeatures(rep, nSamples, m, y, w, numFeatures, opts.featureSelection ?? 'auto');
      const fit = weightedRidge(rep, nSamples, m, y, w, alpha, cols);
      result.weights.push(Array.from(fit.coef));
      result.intercept.push(fit.intercept);
      result.score.push(fit.score);
      if (disc) result.conditions!.push(model.featureNames.map((name, j) => binCondition(name, disc.edges[j], binOf(disc.edges[j], xs.data[r * m + j]))));
    },
    { chunkRows: opts.chunkRows, signal: opts.signal, onProgress: opts.onProgress },
  );
  return result;
}
