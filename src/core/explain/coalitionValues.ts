/**
 * The interventional value function shared by KernelSHAP and exact Shapley values:
 * v_x(S) = Σ_b w_b · f(x_S, b_¬S), the model's expected output when the features in S are fixed
 * to x's values and the others come from the background rows b. All (row, coalition,
 * background) evaluations go to the model in large batched calls.
 */
import type { PredictFn } from './types';
import { evaluateBlocks, predictChecked, type BlockOptions } from './batch';
import type { Matrix } from './matrix';

/** Weighted mean of one output over rows: Σ w_i out[i, output]. */
export function weightedOutputMean(out: Float64Array, nOutputs: number, output: number, weights: Float64Array): number {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += weights[i] * out[i * nOutputs + output];
  return s;
}

/** Writes the background rows into `dst`, then x's values over the coalition's features. */
function fillBlock(dst: Float64Array, bg: Float64Array, nb: number, m: number, x: Float64Array, xOff: number, feats: Int32Array): void {
  dst.set(bg);
  const nf = feats.length;
  for (let t = 0; t < nf; t++) {
    const j = feats[t];
    const v = x[xOff + j];
    for (let o = j; o < nb * m; o += m) dst[o] = v;
  }
}

/**
 * v_x(S) for every explained row x (rows of `xs`) and coalition S (rows of `masks`, 0/1 per
 * feature). Returns nRows × nCoalitions row-major. `weights` are the background row weights
 * (summing to 1).
 */
export async function coalitionValues(
  predict: PredictFn,
  xs: Matrix,
  background: Matrix,
  weights: Float64Array,
  masks: Uint8Array,
  nCoalitions: number,
  output: number,
  opts: BlockOptions = {},
): Promise<Float64Array> {
  const m = xs.nCols;
  const nb = background.nRows;
  // The features switched on in each coalition, so filling a block touches only those cells.
  const on: Int32Array[] = [];
  for (let c = 0; c < nCoalitions; c++) {
    const list: number[] = [];
    for (let j = 0; j < m; j++) if (masks[c * m + j]) list.push(j);
    on.push(Int32Array.from(list));
  }
  const values = new Float64Array(xs.nRows * nCoalitions);
  await evaluateBlocks(
    predict,
    m,
    xs.nRows * nCoalitions,
    nb,
    (block, dst) => fillBlock(dst, background.data, nb, m, xs.data, Math.floor(block / nCoalitions) * m, on[block % nCoalitions]),
    (block, out, nOutputs) => {
      values[block] = weightedOutputMean(out, nOutputs, output, weights);
    },
    opts,
  );
  return values;
}

/** f(x) for the explained rows and E_b[f(b)] over the weighted background, for one output. */
export async function outputsAndBase(
  predict: PredictFn,
  xs: Matrix,
  background: Matrix,
  weights: Float64Array,
  signal?: AbortSignal,
): Promise<{ fx: (output: number) => Float64Array; base: (output: number) => number; nOutputs: number }> {
  const bg = await predictChecked(predict, background.data, background.nRows, signal);
  const fx = await predictChecked(predict, xs.data, xs.nRows, signal);
  return {
    nOutputs: bg.nOutputs,
    base: (output) => weightedOutputMean(bg.out, bg.nOutputs, output, weights),
    fx: (output) => Float64Array.from({ length: xs.nRows }, (_, r) => fx.out[r * fx.nOutputs + output]),
  };
}
