/**
 * SLIC superpixels (Achanta et al., 2012): k-means over (L*, a*, b*, y, x) with the spatial
 * term scaled by compactness/S, each centre searching a 2S × 2S window; then connectivity is
 * enforced so every segment is one 4-connected region (small fragments join a neighbour).
 */
import { at } from './layout';
import type { ImageLayout } from './types';

/** Options of {@link slic}. */
export interface SlicOptions {
  /** Approximate number of segments (default 50). */
  segments?: number;
  /** Colour vs space trade-off: larger is more compact (default 10). */
  compactness?: number;
  /** k-means iterations (default 10). */
  iterations?: number;
}

/** Superpixel labels 0..count−1, one per pixel. */
export interface Segmentation {
  labels: Int32Array;
  count: number;
}

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

/**
 * Lab colour per pixel (3 × H·W). Preprocessed inputs are normalised, so each channel is
 * min–max scaled to [0, 1] first; one-channel images give L* only.
 */
export function toLab(x: ArrayLike<number>, l: ImageLayout): Float64Array {
  const hw = l.height * l.width;
  const rgb = new Float64Array(3 * hw);
  const nc = Math.min(3, l.channels);
  for (let c = 0; c < nc; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let q = 0; q < hw; q++) {
      const v = x[at(l, c, Math.floor(q / l.width), q % l.width)];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const span = hi > lo ? hi - lo : 1;
    for (let q = 0; q < hw; q++) rgb[c * hw + q] = (x[at(l, c, Math.floor(q / l.width), q % l.width)] - lo) / span;
  }
  for (let c = nc; c < 3; c++) rgb.copyWithin(c * hw, 0, hw);
  const lab = new Float64Array(3 * hw);
  for (let q = 0; q < hw; q++) {
    const r = srgbToLinear(rgb[q]);
    const g = srgbToLinear(rgb[hw + q]);
    const b = srgbToLinear(rgb[2 * hw + q]);
    // sRGB → XYZ (D65), normalised by the white point.
    const fx = labF((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
    const fy = labF(0.2126 * r + 0.7152 * g + 0.0722 * b);
    const fz = labF((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
    lab[q] = 116 * fy - 16;
    lab[hw + q] = 500 * (fx - fy);
    lab[2 * hw + q] = 200 * (fy - fz);
  }
  return lab;
}

/** SLIC segmentation of an image tensor. */
export function slic(x: ArrayLike<number>, l: ImageLayout, opts: SlicOptions = {}): Segmentation {
  const { height: H, width: W } = l;
  const hw = H * W;
  const k = Math.max(1, Math.min(hw, Math.round(opts.segments ?? 50)));
  const m = opts.compactness ?? 10;
  const lab = toLab(x, l);
  const S = Math.max(1, Math.sqrt(hw / k));
  const centres: number[][] = [];
  for (let y = S / 2; y < H; y += S) for (let xx = S / 2; xx < W; xx += S) centres.push([0, 0, 0, Math.floor(y), Math.floor(xx)]);
  for (const c of centres) {
    const q = c[3] * W + c[4];
    c[0] = lab[q];
    c[1] = lab[hw + q];
    c[2] = lab[2 * hw + q];
  }
  const labels = new Int32Array(hw).fill(-1);
  const dist = new Float64Array(hw);
  const spatial = (m / S) ** 2;
  for (let it = 0; it < (opts.iterations ?? 10); it++) {
    dist.fill(Infinity);
    centres.forEach((c, ci) => {
      const y0 = Math.max(0, Math.floor(c[3] - S));
      const y1 = Math.min(H - 1, Math.ceil(c[3] + S));
      const x0 = Math.max(0, Math.floor(c[4] - S));
      const x1 = Math.min(W - 1, Math.ceil(c[4] + S));
      for (let y = y0; y <= y1; y++) {
        for (let xx = x0; xx <= x1; xx++) {
          const q = y * W + xx;
          const dc = (lab[q] - c[0]) ** 2 + (lab[hw + q] - c[1]) ** 2 + (lab[2 * hw + q] - c[2]) ** 2;
          const d = dc + spatial * ((y - c[3]) ** 2 + (xx - c[4]) ** 2);
          if (d < dist[q]) {
            dist[q] = d;
            labels[q] = ci;
          }
        }
      }
    });
    const sums = centres.map(() => [0, 0, 0, 0, 0, 0]);
    for (let q = 0; q < hw; q++) {
      const s = sums[labels[q]];
      if (!s) continue;
      s[0] += lab[q];
      s[1] += lab[hw + q];
      s[2] += lab[2 * hw + q];
      s[3] += Math.floor(q / W);
      s[4] += q % W;
      s[5]++;
    }
    centres.forEach((c, ci) => {
      const s = sums[ci];
      if (s[5] > 0) for (let d = 0; d < 5; d++) c[d] = s[d] / s[5];
    });
  }
  return enforceConnectivity(labels, H, W, Math.max(1, Math.floor(hw / k / 4)));
}

/**
 * Relabels so each label is one 4-connected region: components of at least `minSize` pixels
 * (or with no labelled neighbour yet) get a new label; smaller ones join the label of an
 * adjacent, already relabelled component.
 */
export function enforceConnectivity(labels: Int32Array, H: number, W: number, minSize: number): Segmentation {
  const out = new Int32Array(labels.length).fill(-1);
  const stack: number[] = [];
  const comp: number[] = [];
  let count = 0;
  for (let start = 0; start < labels.length; start++) {
    if (out[start] >= 0) continue;
    comp.length = 0;
    stack.push(start);
    out[start] = count;
    let adjacent = -1;
    while (stack.length > 0) {
      const q = stack.pop()!;
      comp.push(q);
      const y = Math.floor(q / W);
      const xx = q % W;
      const nbrs = [y > 0 ? q - W : -1, y < H - 1 ? q + W : -1, xx > 0 ? q - 1 : -1, xx < W - 1 ? q + 1 : -1];
      for (const r of nbrs) {
        if (r < 0) continue;
        if (out[r] >= 0 && out[r] !== count) adjacent = out[r];
        else if (out[r] < 0 && labels[r] === labels[start]) {
          out[r] = count;
          stack.push(r);
        }
      }
    }
    if (comp.length < minSize && adjacent >= 0) for (const q of comp) out[q] = adjacent;
    else count++;
  }
  return { labels: out, count };
}
