/**
 * Occlusion (Zeiler & Fergus, 2014): slide a window over the image, fill it with a constant,
 * and credit each pixel with the mean drop of the target score over the windows covering it.
 */
import { UsageError } from '../errors';
import { scoreGenerated } from './imageModel';
import { at } from './layout';
import type { ImageLayout, ImageModelFn } from './types';

/** Options of {@link occlusion}. */
export interface OcclusionOptions {
  /** Window side in pixels (default: an eighth of the shorter side, at least 1). */
  window?: number;
  /** Step between windows (default: half the window). */
  stride?: number;
  /** Value written into the window (default 0). */
  fill?: number;
  signal?: AbortSignal;
}

/** Window start positions along one axis, the last one flush with the edge. */
function starts(size: number, win: number, stride: number): number[] {
  const out: number[] = [];
  for (let s = 0; s + win < size; s += stride) out.push(s);
  out.push(Math.max(0, size - win));
  return [...new Set(out)];
}

/** Occlusion map (H × W): f(x) − f(x with the window filled), averaged over covering windows. */
export async function occlusion(model: ImageModelFn, x: Float32Array, l: ImageLayout, target: number, fx: number, opts: OcclusionOptions = {}): Promise<Float32Array> {
  const win = opts.window ?? Math.max(1, Math.floor(Math.min(l.height, l.width) / 8));
  const stride = opts.stride ?? Math.max(1, Math.floor(win / 2));
  if (!(win >= 1 && stride >= 1)) throw new UsageError(`Occlusion window and stride must be at least 1; got ${win} and ${stride}.`);
  const fill = opts.fill ?? 0;
  const ys = starts(l.height, Math.min(win, l.height), stride);
  const xs = starts(l.width, Math.min(win, l.width), stride);
  const boxes = ys.flatMap((y) => xs.map((xx) => [y, xx] as const));
  const scores = await scoreGenerated(model, x.length, boxes.length, target, (i, buf) => {
    buf.set(x);
    const [y0, x0] = boxes[i];
    for (let c = 0; c < l.channels; c++) {
      for (let y = y0; y < Math.min(l.height, y0 + win); y++) for (let xx = x0; xx < Math.min(l.width, x0 + win); xx++) buf[at(l, c, y, xx)] = fill;
    }
  }, opts.signal);
  const sum = new Float64Array(l.height * l.width);
  const count = new Float64Array(l.height * l.width);
  boxes.forEach(([y0, x0], i) => {
    const drop = fx - scores[i];
    for (let y = y0; y < Math.min(l.height, y0 + win); y++) {
      for (let xx = x0; xx < Math.min(l.width, x0 + win); xx++) {
        sum[y * l.width + xx] += drop;
        count[y * l.width + xx] += 1;
      }
    }
  });
  return Float32Array.from(sum, (s, p) => (count[p] > 0 ? s / count[p] : 0));
}
