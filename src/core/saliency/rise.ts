/**
 * RISE (Petsiuk et al., 2018): score the image under N random masks and average the masks
 * weighted by the scores. Masks are low-resolution binary grids (each cell on with
 * probability p), upsampled bilinearly to a slightly larger canvas and cropped at a random
 * shift so cell edges fall anywhere.
 */
import { UsageError } from '../errors';
import { Rng } from '../metrics/rng';
import { scoreGenerated } from './imageModel';
import { at, bilinearResize } from './layout';
import type { ImageLayout, ImageModelFn } from './types';

/** Options of {@link rise}. */
export interface RiseOptions {
  /** Number of masks (default 2000). */
  masks?: number;
  /** Low-resolution grid side (default 8). */
  grid?: number;
  /** Probability that a cell is kept (default 0.5). */
  p?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** One RISE mask of H × W values in [0, 1]. */
export function riseMask(l: ImageLayout, grid: number, p: number, rng: Rng): Float32Array {
  const cellH = Math.ceil(l.height / grid);
  const cellW = Math.ceil(l.width / grid);
  const cells = new Float32Array(grid * grid);
  for (let i = 0; i < cells.length; i++) cells[i] = rng.nextFloat() < p ? 1 : 0;
  const bigH = (grid + 1) * cellH;
  const bigW = (grid + 1) * cellW;
  const big = bilinearResize(cells, grid, grid, bigH, bigW);
  const dy = rng.nextInt(cellH);
  const dx = rng.nextInt(cellW);
  const out = new Float32Array(l.height * l.width);
  for (let y = 0; y < l.height; y++) for (let x = 0; x < l.width; x++) out[y * l.width + x] = big[(y + dy) * bigW + x + dx];
  return out;
}

/** RISE saliency (H × W): Σ_i f(x ⊙ M_i)·M_i / (N·p). */
export async function rise(model: ImageModelFn, x: Float32Array, l: ImageLayout, target: number, opts: RiseOptions = {}): Promise<Float32Array> {
  const n = opts.masks ?? 2000;
  const grid = opts.grid ?? 8;
  const p = opts.p ?? 0.5;
  if (!(n >= 1) || !(grid >= 1) || !(p > 0 && p <= 1)) throw new UsageError(`RISE needs masks ≥ 1, grid ≥ 1 and 0 < p ≤ 1; got ${n}, ${grid}, ${p}.`);
  const rng = new Rng(opts.seed ?? 0);
  const hw = l.height * l.width;
  const sal = new Float64Array(hw);
  // Masks are generated in chunks so memory stays at one chunk, not N masks.
  const chunk = 128;
  for (let s = 0; s < n; s += chunk) {
    const m = Math.min(chunk, n - s);
    const masks = Array.from({ length: m }, () => riseMask(l, grid, p, rng));
    const scores = await scoreGenerated(model, x.length, m, target, (i, buf) => {
      const mask = masks[i];
      for (let c = 0; c < l.channels; c++) for (let q = 0; q < hw; q++) {
        const k = at(l, c, Math.floor(q / l.width), q % l.width);
        buf[k] = x[k] * mask[q];
      }
    }, opts.signal);
    for (let i = 0; i < m; i++) for (let q = 0; q < hw; q++) sal[q] += scores[i] * masks[i][q];
  }
  return Float32Array.from(sal, (v) => v / (n * p));
}
