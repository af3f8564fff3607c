/** Image tensor layout helpers: detect NCHW/NHWC, reduce over channels, broadcast maps back. */
import { UsageError } from '../errors';
import type { ImageLayout } from './types';

/**
 * Reads the layout of a [1, C, H, W] or [1, H, W, C] tensor. A 3-D [C, H, W]/[H, W, C] tensor is
 * read the same way with an implied batch of 1. Without `layout`: channels last when the last
 * axis is 1 or 3 and the second is not (the rule the image preprocessing uses), else first.
 */
export function imageLayout(dims: readonly number[], layout?: 'nchw' | 'nhwc'): ImageLayout {
  const d = dims.length === 3 ? [1, ...dims] : [...dims];
  if (d.length !== 4 || d[0] !== 1) {
    throw new UsageError(`Saliency needs one image as a [1, C, H, W] or [1, H, W, C] tensor; got shape [${dims.join(', ')}]. Preprocess the image to the model's input shape.`);
  }
  const colour = (n: number): boolean => n === 1 || n === 3;
  const channelsFirst = layout ? layout === 'nchw' : !(colour(d[3]) && !colour(d[1]));
  return channelsFirst ? { channels: d[1], height: d[2], width: d[3], channelsFirst } : { channels: d[3], height: d[1], width: d[2], channelsFirst };
}

/** Flat index of (channel, y, x). */
export function at(l: ImageLayout, c: number, y: number, x: number): number {
  return l.channelsFirst ? (c * l.height + y) * l.width + x : (y * l.width + x) * l.channels + c;
}

/** Per-pixel map from a per-element attribution: sum (or sum of |·|) over channels. */
export function reduceChannels(l: ImageLayout, attr: ArrayLike<number>, abs = false): Float32Array {
  const out = new Float32Array(l.height * l.width);
  for (let c = 0; c < l.channels; c++) {
    for (let y = 0; y < l.height; y++) {
      for (let x = 0; x < l.width; x++) {
        const v = attr[at(l, c, y, x)];
        out[y * l.width + x] += abs ? Math.abs(v) : v;
      }
    }
  }
  return out;
}

/** Copies an H × W map into every channel of an image-shaped tensor. */
export function broadcastChannels(l: ImageLayout, map: ArrayLike<number>): Float32Array {
  const out = new Float32Array(l.channels * l.height * l.width);
  for (let c = 0; c < l.channels; c++) {
    for (let p = 0; p < l.height * l.width; p++) out[at(l, c, Math.floor(p / l.width), p % l.width)] = map[p];
  }
  return out;
}

/** Bilinear resize of an h × w map to H × W (align_corners = false, as torch's interpolate). */
export function bilinearResize(src: ArrayLike<number>, h: number, w: number, H: number, W: number): Float32Array {
  const out = new Float32Array(H * W);
  const sy = h / H;
  const sx = w / W;
  for (let Y = 0; Y < H; Y++) {
    const fy = Math.max(0, (Y + 0.5) * sy - 0.5);
    const y0 = Math.min(h - 1, Math.floor(fy));
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = fy - y0;
    for (let X = 0; X < W; X++) {
      const fx = Math.max(0, (X + 0.5) * sx - 0.5);
      const x0 = Math.min(w - 1, Math.floor(fx));
      const x1 = Math.min(w - 1, x0 + 1);
      const tx = fx - x0;
      const top = src[y0 * w + x0] * (1 - tx) + src[y0 * w + x1] * tx;
      const bottom = src[y1 * w + x0] * (1 - tx) + src[y1 * w + x1] * tx;
      out[Y * W + X] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}

/** Index of the largest value among the first `n` of `v` starting at `offset`. */
export function argmax(v: ArrayLike<number>, offset = 0, n = v.length - offset): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (v[offset + i] > v[offset + best]) best = i;
  return best;
}
