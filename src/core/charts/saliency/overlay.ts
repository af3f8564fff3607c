/**
 * Overlay rendering: the input image in grey/colour with the heatmap blended on top, alpha
 * growing with the attribution, so unimportant regions show the image untouched.
 */
import { blendOverlay, percentileAbs, type HeatSign } from '../../saliency/heatmap';
import { at, bilinearResize } from '../../saliency/layout';
import type { ImageLayout } from '../../saliency/types';

/** Which part of a signed map to show. */
export type SignMode = HeatSign;

/** Options of {@link renderOverlay}. */
export interface OverlayOptions {
  sign?: SignMode;
  /** Percentile of |values| mapped to full colour; above is clipped (default 98). */
  clipPercentile?: number;
  /** Largest heatmap opacity (default 0.7). */
  maxAlpha?: number;
}

// The percentile rule lives with the rest of the heatmap math (src/core/saliency/heatmap.ts).
export { percentileAbs };

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
 * blended on top, by the same {@link blendOverlay} the VS Code saliency panel draws with.
 */
export function renderOverlay(x: ArrayLike<number>, l: ImageLayout, heatmap: ArrayLike<number>, hDims: [number, number], opts: OverlayOptions = {}): Uint8Array {
  const { height: H, width: W } = l;
  const map = hDims[0] === H && hDims[1] === W ? heatmap : bilinearResize(heatmap, hDims[0], hDims[1], H, W);
  const rgba = blendOverlay(imageToRgb(x, l), map, { sign: opts.sign ?? 'all', clipPercentile: opts.clipPercentile, opacity: opts.maxAlpha ?? 0.7 });
  return new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
}
