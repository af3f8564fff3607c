/**
 * Superpixel explanations: LIME (Ribeiro et al., 2016) and KernelSHAP (Lundberg & Lee, 2017)
 * over SLIC segments. A coalition switches superpixels off by copying the baseline image
 * (each superpixel's mean colour, or a blurred copy) into them.
 */
import { UsageError } from '../errors';
import { chooseCoalitions } from '../explain/coalitions';
import { solveKernelShap } from '../explain/kernelShap';
import { weightedRidge } from '../explain/linalg';
import { Rng } from '../metrics/rng';
import { scoreGenerated } from './imageModel';
import { at } from './layout';
import type { Segmentation } from './slic';
import type { ImageLayout, ImageModelFn } from './types';

/** How switched-off superpixels are filled. */
export type SuperpixelBaseline = 'mean' | 'blur';

/** Options shared by {@link superpixelLime} and {@link superpixelShap}. */
export interface SuperpixelOptions {
  baseline?: SuperpixelBaseline;
  /** Perturbed images to score (LIME default 1000; SHAP default 2·M + 2048, all coalitions when they fit). */
  samples?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Box blur of each channel with a square window of side `2r + 1` (edges clamp the window). */
export function boxBlur(x: Float32Array, l: ImageLayout, r: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let c = 0; c < l.channels; c++) {
    for (let y = 0; y < l.height; y++) {
      for (let xx = 0; xx < l.width; xx++) {
        let s = 0;
        let n = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(l.height - 1, y + r); yy++) {
          for (let xq = Math.max(0, xx - r); xq <= Math.min(l.width - 1, xx + r); xq++) {
            s += x[at(l, c, yy, xq)];
            n++;
          }
        }
        out[at(l, c, y, xx)] = s / n;
      }
    }
  }
  return out;
}

/** The image every switched-off superpixel is copied from. */
export function superpixelBaseline(x: Float32Array, l: ImageLayout, seg: Segmentation, kind: SuperpixelBaseline): Float32Array {
  if (kind === 'blur') return boxBlur(x, l, Math.max(1, Math.round(Math.min(l.height, l.width) / 16)));
  const out = new Float32Array(x.length);
  const hw = l.height * l.width;
  for (let c = 0; c < l.channels; c++) {
    const sum = new Float64Array(seg.count);
    const n = new Float64Array(seg.count);
    for (let q = 0; q < hw; q++) {
      sum[seg.labels[q]] += x[at(l, c, Math.floor(q / l.width), q % l.width)];
      n[seg.labels[q]]++;
    }
    for (let q = 0; q < hw; q++) out[at(l, c, Math.floor(q / l.width), q % l.width)] = sum[seg.labels[q]] / n[seg.labels[q]];
  }
  return out;
}

/** Scores the image with the superpixels of each 0/1 row of `masks` (count × M) kept. */
async function scoreCoalitions(model: ImageModelFn, x: Float32Array, base: Float32Array, l: ImageLayout, seg: Segmentation, masks: Uint8Array, count: number, target: number, signal?: AbortSignal): Promise<Float64Array> {
  const m = seg.count;
  const hw = l.height * l.width;
  return scoreGenerated(model, x.length, count, target, (i, buf) => {
    for (let c = 0; c < l.channels; c++) {
      for (let q = 0; q < hw; q++) {
        const k = at(l, c, Math.floor(q / l.width), q % l.width);
        buf[k] = masks[i * m + seg.labels[q]] ? x[k] : base[k];
      }
    }
  }, signal);
}

/** Per-superpixel values spread to an H × W map. */
export function paintSegments(seg: Segmentation, values: ArrayLike<number>): Float32Array {
  return Float32Array.from(seg.labels, (s) => values[s]);
}

/**
 * KernelSHAP over superpixels: φ (one per superpixel) with Σφ = f(x) − f(baseline). With every
 * coalition enumerated (2^M − 2 ≤ samples) these are the exact Shapley values.
 */
export async function superpixelShap(model: ImageModelFn, x: Float32Array, l: ImageLayout, seg: Segmentation, target: number, opts: SuperpixelOptions = {}): Promise<{ phi: Float64Array; fBase: number; fx: number; exact: boolean }> {
  const m = seg.count;
  const budget = opts.samples ?? 2 * m + 2048;
  if (m > 1 && budget < 2 * m) throw new UsageError(`superpixel-shap needs at least ${2 * m} samples for ${m} superpixels; got ${budget}. Raise --samples or use fewer segments.`);
  const base = superpixelBaseline(x, l, seg, opts.baseline ?? 'mean');
  const ends = new Uint8Array(2 * m);
  ends.fill(1, m);
  const [fBase, fx] = await scoreCoalitions(model, x, base, l, seg, ends, 2, target, opts.signal);
  const set = chooseCoalitions(m, budget, new Rng(opts.seed ?? 0));
  const values = await scoreCoalitions(model, x, base, l, seg, set.masks, set.nCoalitions, target, opts.signal);
  const phi = solveKernelShap(set, m, values, fBase, Float64Array.of(fx - fBase));
  return { phi, fBase, fx, exact: set.exact };
}

/**
 * LIME over superpixels: random on/off vectors z (the first all on), weighted by an
 * exponential kernel of the cosine distance to all-on (width 0.25), fitted by ridge (α = 1).
 */
export async function superpixelLime(model: ImageModelFn, x: Float32Array, l: ImageLayout, seg: Segmentation, target: number, opts: SuperpixelOptions = {}): Promise<{ coef: Float64Array; intercept: number; score: number }> {
  const m = seg.count;
  const n = opts.samples ?? 1000;
  if (!(n >= 2)) throw new UsageError(`superpixel-lime needs at least 2 samples; got ${n}.`);
  const rng = new Rng(opts.seed ?? 0);
  const masks = new Uint8Array(n * m);
  masks.fill(1, 0, m);
  for (let i = m; i < n * m; i++) masks[i] = rng.nextFloat() < 0.5 ? 1 : 0;
  const base = superpixelBaseline(x, l, seg, opts.baseline ?? 'mean');
  const y = await scoreCoalitions(model, x, base, l, seg, masks, n, target, opts.signal);
  const w = new Float64Array(n);
  const z = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let on = 0;
    for (let j = 0; j < m; j++) {
      z[i * m + j] = masks[i * m + j];
      on += masks[i * m + j];
    }
    const cos = on > 0 ? on / Math.sqrt(on * m) : 0;
    const d = 1 - cos;
    w[i] = Math.exp(-(d * d) / (0.25 * 0.25));
  }
  return weightedRidge(z, n, m, y, w, 1);
}
