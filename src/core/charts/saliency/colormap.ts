/**
 * Colour maps for saliency overlays. Sequential: dark purple → red → yellow (an inferno-like
 * ramp whose high end is bright, so hot spots read on dark and light themes alike). Diverging
 * (signed maps): blue for negative, red for positive, transparent near zero.
 */

type Rgb = [number, number, number];

const SEQUENTIAL: Rgb[] = [
  [0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164],
];

function ramp(stops: Rgb[], t: number): Rgb {
  const u = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  return [0, 1, 2].map((c) => Math.round(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]))) as Rgb;
}

/** Sequential colour of t in [0, 1]. */
export function sequentialColor(t: number): Rgb {
  return ramp(SEQUENTIAL, t);
}

/** Diverging colour of t in [−1, 1]: blue below zero, red above. */
export function divergingColor(t: number): Rgb {
  return t >= 0 ? ramp([[255, 255, 255], [244, 109, 67], [165, 0, 38]], t) : ramp([[255, 255, 255], [67, 147, 195], [5, 48, 97]], -t);
}
