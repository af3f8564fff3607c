/**
 * The heatmap math of saliency overlays, shared by the CLI's PNG (via renderOverlay) and the
 * saliency webview's canvases: pick a sign, clip outliers at a percentile of |values|, colour
 * with a perceptually uniform map, and blend over the image with alpha growing with |value|
 * (so unimportant pixels show the image untouched, on dark and light themes alike).
 * Pure and DOM-free: no Node or browser APIs.
 */

/** Which part of a signed map to show; 'all' keeps the sign and uses the diverging map. */
export type HeatSign = 'positive' | 'negative' | 'absolute' | 'all';
export const HEAT_SIGNS: readonly HeatSign[] = ['positive', 'negative', 'absolute', 'all'];

/** Sequential colour maps for one-signed views; all three have a bright high end. */
export const COLOR_MAPS = ['inferno', 'viridis', 'cividis'] as const;
export type ColorMapName = (typeof COLOR_MAPS)[number];

type Rgb = [number, number, number];

// 33 evenly spaced stops of matplotlib's maps (CC0 data), 8-bit; linear interpolation between
// them stays within 5 levels of matplotlib's 256-entry tables (checked in the unit tests).
const STOPS: Record<ColorMapName, Rgb[]> = {
  inferno: [[0, 0, 4], [4, 3, 18], [11, 7, 36], [21, 11, 55], [33, 12, 74], [47, 10, 91], [61, 9, 101], [74, 12, 107], [87, 16, 110], [100, 21, 110], [113, 25, 110], [125, 30, 109], [138, 34, 106], [151, 39, 102], [163, 44, 97], [176, 49, 91], [188, 55, 84], [199, 62, 76], [210, 70, 68], [219, 80, 59], [228, 90, 49], [235, 102, 40], [241, 115, 29], [246, 128, 19], [249, 142, 9], [251, 157, 7], [252, 172, 17], [251, 188, 33], [249, 203, 53], [245, 219, 76], [242, 234, 105], [243, 246, 138], [252, 255, 164]],
  viridis: [[68, 1, 84], [71, 13, 96], [72, 24, 106], [72, 35, 116], [71, 45, 123], [69, 55, 129], [66, 64, 134], [62, 73, 137], [59, 82, 139], [55, 91, 141], [51, 99, 141], [47, 107, 142], [44, 114, 142], [41, 122, 142], [38, 130, 142], [35, 137, 142], [33, 145, 140], [31, 152, 139], [31, 160, 136], [34, 167, 133], [40, 174, 128], [50, 182, 122], [63, 188, 115], [78, 195, 107], [94, 201, 98], [112, 207, 87], [132, 212, 75], [152, 216, 62], [173, 220, 48], [194, 223, 35], [216, 226, 25], [236, 229, 27], [253, 231, 37]],
  cividis: [[0, 34, 78], [0, 40, 91], [0, 46, 106], [5, 51, 113], [26, 56, 111], [39, 62, 110], [50, 67, 109], [59, 73, 108], [67, 78, 108], [75, 84, 108], [83, 90, 109], [90, 95, 110], [97, 101, 111], [104, 106, 113], [111, 112, 115], [118, 118, 118], [125, 124, 120], [132, 130, 121], [140, 136, 120], [147, 142, 120], [155, 148, 118], [163, 154, 116], [171, 160, 114], [180, 167, 111], [188, 174, 108], [196, 180, 104], [205, 187, 99], [213, 194, 94], [222, 201, 88], [231, 209, 80], [240, 216, 70], [249, 224, 58], [254, 232, 56]],
};
// Diverging (ColorBrewer RdBu ends): white at zero, red for positive, blue for negative.
const POSITIVE: Rgb[] = [[255, 255, 255], [244, 109, 67], [165, 0, 38]];
const NEGATIVE: Rgb[] = [[255, 255, 255], [67, 147, 195], [5, 48, 97]];

function ramp(stops: readonly Rgb[], t: number): Rgb {
  const u = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [Math.round(a[0] + f * (b[0] - a[0])), Math.round(a[1] + f * (b[1] - a[1])), Math.round(a[2] + f * (b[2] - a[2]))];
}

/** Colour of t in [0, 1] on a sequential map. */
export function colorAt(name: ColorMapName, t: number): Rgb {
  return ramp(STOPS[name] ?? STOPS.inferno, t);
}

/** Colour of t in [−1, 1] on the diverging map: blue below zero, red above. */
export function divergingColorAt(t: number): Rgb {
  return t >= 0 ? ramp(POSITIVE, t) : ramp(NEGATIVE, -t);
}

/** Colour tables of 256 entries (one per 8-bit level of |t|), built once per map on first use. */
const LEVELS = 256;
const tables = new Map<string, Uint8Array>();

function table(key: ColorMapName | 'diverging'): Uint8Array {
  let t = tables.get(key);
  if (!t) {
    // The diverging table runs over t ∈ [−1, 1] in 2·255 steps; the sequential ones over [0, 1].
    const n = key === 'diverging' ? 2 * LEVELS - 1 : LEVELS;
    t = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) t.set(key === 'diverging' ? divergingColorAt(i / (LEVELS - 1) - 1) : colorAt(key, i / (LEVELS - 1)), i * 3);
    tables.set(key, t);
  }
  return t;
}

/** The map after the sign choice: max(0, v), max(0, −v), |v|, or v itself. */
export function applySign(map: ArrayLike<number>, sign: HeatSign): Float32Array {
  const out = new Float32Array(map.length);
  for (let i = 0; i < map.length; i++) {
    const v = map[i];
    out[i] = sign === 'positive' ? Math.max(0, v) : sign === 'negative' ? Math.max(0, -v) : sign === 'absolute' ? Math.abs(v) : v;
  }
  return out;
}

/**
 * The p-th percentile (0–100) of |v|: the smallest |v| with at least p% of the values at or
 * below it (numpy.percentile's 'inverted_cdf' rule).
 */
export function percentileAbs(v: ArrayLike<number>, p: number): number {
  const a = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) a[i] = Math.abs(v[i]);
  if (a.length === 0) return 0;
  return kthSmallest(a, Math.min(a.length - 1, Math.max(0, Math.ceil((p / 100) * a.length) - 1)));
}

/**
 * The k-th smallest value (0-based) by quickselect (Hoare partition, median-of-three pivot):
 * linear time, where a full sort of a 224×224 map costs several times more on every redraw.
 * Reorders `a`.
 */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot, so sorted or constant maps do not degrade to quadratic time.
    const x = a[lo], y = a[mid], z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * The value shown at full colour: the clip percentile of |values|. When that is 0 (a sparse
 * map, mostly zeros after the sign), the largest |value|, so the few hot pixels still show.
 */
export function clipScale(values: ArrayLike<number>, clipPercentile: number): number {
  const s = percentileAbs(values, clipPercentile);
  if (s > 0) return s;
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max > 0 ? max : 1;
}

/** The sign a map reads best with by default: 'positive' for non-negative maps, else 'all'. */
export function defaultSign(map: ArrayLike<number>): HeatSign {
  for (let i = 0; i < map.length; i++) if (map[i] < 0) return 'all';
  return 'positive';
}

/** Options of the overlay functions; defaults: sign 'all', 98th percentile, inferno, 0.7. */
export interface HeatmapOptions {
  sign?: HeatSign;
  /** Percentile of |values| mapped to full colour; above is clipped (default 98). */
  clipPercentile?: number;
  colormap?: ColorMapName;
  /** Largest heatmap opacity, reached at the clip value (default 0.7). */
  opacity?: number;
}

/** The map normalised to t ∈ [−1, 1] (or [0, 1] for one-signed views), and the clip scale used. */
export function normalizeHeatmap(map: ArrayLike<number>, opts: HeatmapOptions = {}): { t: Float32Array; scale: number } {
  const shown = applySign(map, opts.sign ?? 'all');
  const scale = clipScale(shown, opts.clipPercentile ?? 98);
  const t = new Float32Array(shown.length);
  for (let i = 0; i < t.length; i++) t[i] = Math.max(-1, Math.min(1, shown[i] / scale));
  return { t, scale };
}

/**
 * Blends the heatmap over an image: `rgb` is H × W × 3 bytes, `map` H × W values. Returns
 * H × W × 4 RGBA bytes, opaque, out = (1 − α)·image + α·colour with α = opacity·|t|.
 * An `opacity` of 0 gives the image itself.
 */
export function blendOverlay(rgb: ArrayLike<number>, map: ArrayLike<number>, opts: HeatmapOptions = {}): Uint8ClampedArray<ArrayBuffer> {
  const n = map.length;
  if (rgb.length !== n * 3) throw new Error(`blendOverlay: the image has ${rgb.length / 3} pixels but the map ${n}`);
  const sign = opts.sign ?? 'all';
  const { t } = normalizeHeatmap(map, opts);
  const opacity = opts.opacity ?? 0.7;
  const signed = sign === 'all';
  // Colours from a 256-level table (t quantised to 1/255, below one 8-bit step): a 224×224
  // redraw is a few ms, so the controls can redraw a whole grid as they move.
  const lut = table(signed ? 'diverging' : opts.colormap ?? 'inferno');
  const out = new Uint8ClampedArray(n * 4);
  for (let q = 0; q < n; q++) {
    const v = t[q];
    const k = 3 * Math.round(signed ? (v + 1) * (LEVELS - 1) : Math.abs(v) * (LEVELS - 1));
    const a = opacity * Math.abs(v);
    const o = q * 4;
    const i = q * 3;
    out[o] = Math.round((1 - a) * rgb[i] + a * lut[k]);
    out[o + 1] = Math.round((1 - a) * rgb[i + 1] + a * lut[k + 1]);
    out[o + 2] = Math.round((1 - a) * rgb[i + 2] + a * lut[k + 2]);
    out[o + 3] = 255;
  }
  return out;
}

/** A horizontal colour bar (width × 1 RGBA) of the map a view uses, for the legend. */
export function colorBar(width: number, sign: HeatSign, colormap: ColorMapName = 'inferno'): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(width * 4);
  for (let x = 0; x < width; x++) {
    const u = width === 1 ? 1 : x / (width - 1);
    const colour = sign === 'all' ? divergingColorAt(2 * u - 1) : colorAt(colormap, u);
    out.set([...colour, 255], x * 4);
  }
  return out;
}
