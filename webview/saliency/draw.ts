/**
 * Drawing on canvases: the input image, and each map blended over it with the shared heatmap
 * math (src/core/saliency/heatmap.ts, the same code the CLI's --png uses). PNG export scales
 * small images up by whole factors with nearest-neighbour sampling, so pixels stay square.
 */
import { blendOverlay, type HeatSign } from '../../src/core/saliency/heatmap';
import type { SaliencyViewCell } from '../../src/shared/saliencyProtocol';
import type { OverlaySettings } from './controls';

/** Typed arrays may arrive as typed arrays or, from older hosts, as plain objects or lists. */
export function asFloat32(x: unknown): Float32Array {
  if (x instanceof Float32Array) return x;
  if (ArrayBuffer.isView(x)) return new Float32Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
  return Float32Array.from(Object.values((x ?? {}) as Record<string, number>));
}

/** Same for byte arrays. */
export function asUint8(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  return Uint8Array.from(Object.values((x ?? {}) as Record<string, number>));
}

/** The sign a cell is drawn with under the current settings. */
export function cellSign(cell: SaliencyViewCell, s: OverlaySettings): HeatSign {
  return s.sign === 'auto' ? cell.sign : s.sign;
}

/** Draws RGB bytes (w × h × 3) as an opaque image. */
export function drawImage(canvas: HTMLCanvasElement, rgb: Uint8Array, w: number, h: number): void {
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
  put(canvas, rgba, w, h);
}

/** Draws one map over the image; returns true when the heatmap changed some pixel. */
export function drawOverlay(canvas: HTMLCanvasElement, rgb: Uint8Array, heatmap: Float32Array, w: number, h: number, sign: HeatSign, s: OverlaySettings): boolean {
  const rgba = blendOverlay(rgb, heatmap, { sign, clipPercentile: s.clip, colormap: s.colormap, opacity: s.opacity });
  put(canvas, rgba, w, h);
  for (let i = 0; i < w * h; i++) {
    if (rgba[i * 4] !== rgb[i * 3] || rgba[i * 4 + 1] !== rgb[i * 3 + 1] || rgba[i * 4 + 2] !== rgb[i * 3 + 2]) return true;
  }
  return false;
}

function put(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray<ArrayBuffer>, w: number, h: number): void {
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, w, h), 0, 0);
}

/** The canvas as a PNG data URL, scaled up by a whole factor until its long side is ≥ 256 px. */
export function canvasPng(canvas: HTMLCanvasElement): string {
  const factor = Math.max(1, Math.ceil(256 / Math.max(canvas.width, canvas.height)));
  if (factor === 1) return canvas.toDataURL('image/png');
  const big = document.createElement('canvas');
  big.width = canvas.width * factor;
  big.height = canvas.height * factor;
  const ctx = big.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas, 0, 0, big.width, big.height);
  return big.toDataURL('image/png');
}
