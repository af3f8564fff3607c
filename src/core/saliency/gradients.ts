/**
 * Gradient-based attributions over a {@link GradientFn}: the plain gradient, input × gradient,
 * Integrated Gradients (Sundararajan et al., 2017), and SmoothGrad / SmoothGrad² / VarGrad
 * (Smilkov et al., 2017; Adebayo et al., 2018). Points are sent in batches whose total size is
 * bounded, so memory does not grow with --steps or --samples.
 */
import { UsageError } from '../errors';
import { Rng } from '../metrics/rng';
import { quadrature, type QuadratureRule } from './quadrature';
import { boxBlur } from './superpixels';
import type { GradientFn, ImageLayout } from './types';

/** Floats per gradient batch (inputs; the gradients double it). */
const MAX_BATCH_ELEMENTS = 1 << 22;

/**
 * Points per gradient call: as many as the memory budget and `cap` allow, then evened out over
 * the calls that takes (52 points under a cap of 27 go as 2 × 26, not 27 + 27 with 2 wasted).
 */
export function chunkSize(count: number, size: number, cap?: number): number {
  const most = Math.max(1, Math.min(count, cap ?? Infinity, Math.floor(MAX_BATCH_ELEMENTS / size)));
  return Math.ceil(count / Math.ceil(count / most));
}

/**
 * Calls `grad` on `count` points made by `fill(i, buf)` in bounded batches and hands each
 * gradient to `use(i, g)`. Returns the target output at every point.
 */
export async function forEachGradient(grad: GradientFn, size: number, nClasses: number, count: number, target: number, fill: (i: number, buf: Float32Array) => void, use: (i: number, g: Float32Array) => void, maxBatch?: number): Promise<Float64Array> {
  const chunk = chunkSize(count, size, maxBatch);
  const buf = new Float32Array(chunk * size);
  const outs = new Float64Array(count);
  for (let s = 0; s < count; s += chunk) {
    const e = Math.min(count, s + chunk);
    for (let i = s; i < e; i++) fill(i, buf.subarray((i - s) * size, (i - s + 1) * size));
    // Always a full batch (a short tail keeps earlier points after its own): gradient sessions
    // are built per input shape, so a smaller last batch would cost a second graph build.
    const r = await grad(buf, chunk, target);
    for (let i = s; i < e; i++) {
      use(i, r.grads.subarray((i - s) * size, (i - s + 1) * size));
      outs[i] = r.outputs[(i - s) * nClasses + target];
    }
  }
  return outs;
}

/**
 * Σ_n weights[n] · ∂f_target/∂x at n points laid end to end (one image's size), and the n ×
 * nClasses outputs: IG and SmoothGrad only need this sum, which the gradient graph can form
 * itself (see inputGradients), sparing per-point gradients and the work after the first layer.
 */
export type WeightedGradientFn = (batch: Float32Array, n: number, target: number, weights: Float32Array) => Promise<{ sum: Float32Array; outputs: Float32Array }>;

/**
 * Like {@link forEachGradient} with a {@link WeightedGradientFn}: Σ_i weight(i) · ∇f(point i) over
 * the `count` points, summed in float64 across batches, and the target output at every point.
 */
export async function weightedGradientSum(wg: WeightedGradientFn, size: number, nClasses: number, count: number, target: number, fill: (i: number, buf: Float32Array) => void, weight: (i: number) => number, maxBatch?: number): Promise<{ sum: Float64Array; outputs: Float64Array }> {
  const chunk = chunkSize(count, size, maxBatch);
  const buf = new Float32Array(chunk * size);
  const w = new Float32Array(chunk);
  const sum = new Float64Array(size);
  const outputs = new Float64Array(count);
  for (let s = 0; s < count; s += chunk) {
    const e = Math.min(count, s + chunk);
    // A short tail batch keeps earlier points behind it, at weight 0 (one input shape, one graph).
    w.fill(0);
    for (let i = s; i < e; i++) {
      fill(i, buf.subarray((i - s) * size, (i - s + 1) * size));
      w[i - s] = weight(i);
    }
    const r = await wg(buf, chunk, target, w);
    for (let j = 0; j < size; j++) sum[j] += r.sum[j];
    for (let i = s; i < e; i++) outputs[i] = r.outputs[(i - s) * nClasses + target];
  }
  return { sum, outputs };
}

/** ∂f_target/∂x, signed or absolute. */
export async function vanillaGradient(grad: GradientFn, x: Float32Array, target: number, abs = false): Promise<Float32Array> {
  const { grads } = await grad(x, 1, target);
  return abs ? grads.map(Math.abs) : Float32Array.from(grads);
}

/** x ⊙ ∂f/∂x. */
export async function inputXGradient(grad: GradientFn, x: Float32Array, target: number): Promise<Float32Array> {
  const { grads } = await grad(x, 1, target);
  return Float32Array.from(grads, (g, i) => g * x[i]);
}

/** IG baselines. */
export type BaselineKind = 'zero' | 'blur' | 'noise';

/** The IG baseline image: zeros, a heavy box blur of x, or uniform noise over x's range. */
export function makeBaseline(x: Float32Array, l: ImageLayout, kind: BaselineKind, seed = 0): Float32Array {
  if (kind === 'zero') return new Float32Array(x.length);
  if (kind === 'blur') return boxBlur(x, l, Math.max(1, Math.round(Math.min(l.height, l.width) / 8)));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const rng = new Rng(seed);
  return Float32Array.from(x, () => lo + (hi - lo) * rng.nextFloat());
}

/** Options of {@link integratedGradients}. */
export interface IntegratedGradientsOptions {
  baseline: Float32Array;
  steps?: number;
  rule?: QuadratureRule;
  nClasses: number;
  maxBatch?: number;
  /** When given, the weighted path sum is formed by this (faster) instead of per-point gradients. */
  weightedSum?: WeightedGradientFn;
}

/**
 * IG: (x − b) ⊙ Σ_k w_k ∇f(b + α_k (x − b)). Also returns f(x), f(b) and the completeness gap
 * |Σ attr − (f(x) − f(b))| (f evaluated at the ends even when the rule skips them).
 */
export async function integratedGradients(grad: GradientFn, x: Float32Array, target: number, opts: IntegratedGradientsOptions): Promise<{ attribution: Float32Array; fx: number; fBaseline: number; gap: number; relativeGap: number }> {
  const b = opts.baseline;
  if (b.length !== x.length) throw new UsageError(`The baseline has ${b.length} values but the input has ${x.length}; give a baseline .npy of the input's shape.`);
  const { alphas, weights } = quadrature(opts.rule ?? 'gauss-legendre', opts.steps ?? 50);
  const size = x.length;
  const acc = new Float64Array(size);
  // The two end points ride along in the same batches, for f(x) and f(b).
  const points = [...alphas, 1, 0];
  const fill = (i: number, buf: Float32Array) => {
    const a = points[i];
    for (let j = 0; j < size; j++) buf[j] = b[j] + a * (x[j] - b[j]);
  };
  let outs: Float64Array;
  if (opts.weightedSum) {
    const r = await weightedGradientSum(opts.weightedSum, size, opts.nClasses, points.length, target, fill, (i) => (i < alphas.length ? weights[i] : 0), opts.maxBatch);
    acc.set(r.sum);
    outs = r.outputs;
  } else {
    outs = await forEachGradient(grad, size, opts.nClasses, points.length, target, fill, (i, g) => {
      if (i >= alphas.length) return;
      const w = weights[i];
      for (let j = 0; j < size; j++) acc[j] += w * g[j];
    }, opts.maxBatch);
  }
  const attribution = Float32Array.from(acc, (v, j) => v * (x[j] - b[j]));
  const fx = outs[alphas.length];
  const fBaseline = outs[alphas.length + 1];
  let sum = 0;
  for (const v of attribution) sum += v;
  const gap = Math.abs(sum - (fx - fBaseline));
  return { attribution, fx, fBaseline, gap, relativeGap: gap / Math.max(1e-12, Math.abs(fx - fBaseline)) };
}

/** SmoothGrad variants. */
export type SmoothKind = 'smoothgrad' | 'smoothgrad-squared' | 'vargrad';

/** Options of {@link smoothGrad}. */
export interface SmoothGradOptions {
  kind: SmoothKind;
  /** Noisy copies (default 25). */
  samples?: number;
  /** Noise std as a fraction of max(x) − min(x) (default 0.15). */
  noise?: number;
  seed?: number;
  nClasses: number;
  maxBatch?: number;
  /** Used for plain SmoothGrad (the squared kinds need every gradient); see IG's option. */
  weightedSum?: WeightedGradientFn;
}

/** Mean gradient (or mean squared gradient, or gradient variance) over Gaussian-noised copies of x. */
export async function smoothGrad(grad: GradientFn, x: Float32Array, target: number, opts: SmoothGradOptions): Promise<Float32Array> {
  const n = opts.samples ?? 25;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--samples must be a positive integer; got ${n}.`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const sigma = (opts.noise ?? 0.15) * (hi - lo);
  const rng = new Rng(opts.seed ?? 0);
  const sum = new Float64Array(x.length);
  const sumSq = new Float64Array(x.length);
  const fill = (_: number, buf: Float32Array) => {
    for (let j = 0; j < x.length; j++) {
      // Box–Muller: one normal per uniform pair.
      const u = 1 - rng.nextFloat();
      buf[j] = x[j] + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
    }
  };
  if (opts.kind === 'smoothgrad' && opts.weightedSum) {
    const r = await weightedGradientSum(opts.weightedSum, x.length, opts.nClasses, n, target, fill, () => 1 / n, opts.maxBatch);
    return Float32Array.from(r.sum);
  }
  await forEachGradient(grad, x.length, opts.nClasses, n, target, fill, (_, g) => {
    for (let j = 0; j < x.length; j++) {
      sum[j] += g[j];
      sumSq[j] += g[j] * g[j];
    }
  }, opts.maxBatch);
  return Float32Array.from(sum, (s, j) => {
    const mean = s / n;
    if (opts.kind === 'smoothgrad') return mean;
    if (opts.kind === 'smoothgrad-squared') return sumSq[j] / n;
    return Math.max(0, sumSq[j] / n - mean * mean);
  });
}
