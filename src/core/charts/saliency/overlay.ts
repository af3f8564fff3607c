/**
 * Overlay rendering: the input image in grey/colour with the heatmap blended on top, alpha
 * growing with the attribution, so unimportant regions show the image untouched.
 */
import { at, bilinearResize } from '../../saliency/layout';
import type { ImageLayout } from '../../saliency/types';
import { divergingColor, sequentialColor } from './colormap';

/** Which part of a signed map to show. */
export type SignMode = 'positive' | 'negative' | 'absolute' | 'all';

/** Options of {@link renderOverlay}. */
export interface OverlayOptions {
  sign?: SignMode;
  /** Percentile of |values| mapped to full colour; above is clipped (default 98). */
  clipPercentile?: number;
  /** Largest heatmap opacity (default 0.7). */
  maxAlpha?: number;
}

/** The p-th percentile (0–100) of |v| over the kept values. */
export function percentileAbs(v: ArrayLike<number>, p: number): number {
  const a = Float64Array.from(v, Math.abs).sort();
  if (a.length === 0) return 0;
  return a[Math.min(a.length - 1, Math.max(0, Math.ceil((p / 100) * a.length) - 1))];
}

/** Input tensor → RGB bytes, each channel min–max scaled (one channel shown as grey). */
export function imageToRgb(x: ArrayLike<number>, l: ImageLayout): Uint8Array {
  const hw = l.height * l.width;
  const rgb = new Uint8Array(hw * 3);
  for (let c = 0; c < 3; c++) {
    const src = Math.min(c, l.channels - 1);
    let lo = Infinity;
    let hi = -Infinity;
    for (let q = 0; q < hw; q++) {
      const v = x[at(l, src, Math.floor(q / l.width), q % l.width)];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const span = hi > lo ? hi - lo : 1;
    for (let q = 0; q < hw; q++) rgb[q * 3 + c] = Math.round((255 * (x[at(l, src, Math.floor(q / l.width), q % l.width)] - lo)) / span);
  }
  return rgb;
}

/**
 * RGBA pixels (H × W × 4) of the image with the heatmap (h × w, resized bilinearly if smaller)
 * blended on top.
 */
export function renderOverlay(x: ArrayLike<number>, l: ImageLayout, heatmap: ArrayLike<number>, hDims: [number, number], opts: OverlayOptions = {}): Uint8Array {
  const { height: H, width: W } = l;
  const map = hDims[0] === H && hDims[1] === W ? Float32Array.from(heatmap) : bilinearResize(heatmap, hDims[0], hDims[1], H, W);
  const sign = opts.sign ?? 'all';
  const shown = map.map((v) => (sign === 'positive' ? Math.max(0, v) : sign === 'negative' ? Math.max(0, -v) : sign === 'absolute' ? Math.abs(v) : v));
  const scale = percentileAbs(shown, opts.clipPercentile ?? 98) || 1;
  const maxAlpha = opts.maxAlpha ?? 0.7;
  const rgb = imageToRgb(x, l);
  const out = new Uint8Array(H * W * 4);
  for (let q = 0; q < H * W; q++) {
    const t = Math.max(-1, Math.min(1, shown[q] / scale));
    const colour = sign === 'all' ? divergingColor(t) : sequentialColor(Math.abs(t));
    const a = maxAlpha * Math.abs(t);
    for (let c = 0; c < 3; c++) out[q * 4 + c] = Math.round((1 - a) * rgb[q * 3 + c] + a * colour[c]);
    out[q * 4 + 3] = 255;
  }
  return out;
}
