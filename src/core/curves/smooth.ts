/**
 * TensorBoard's smoothing and a drawing-oriented downsampler.
 */

/**
 * Debiased exponential moving average, the same numbers TensorBoard's scalar dashboard shows:
 * `last = last·w + (1−w)·v`, divided by `1 − w^k` after the k-th finite value so the start is
 * not pulled toward zero. NaN and ±Infinity pass through unchanged and do not advance the
 * average; a constant series is returned as it is (no rounding noise).
 * @param weight smoothing weight in [0, 1); 0 returns the values unchanged.
 */
export function smooth(values: ArrayLike<number>, weight: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = values[i] === values[0];
  let last = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (constant || !Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    count++;
    out[i] = weight === 1 ? last : last / (1 - Math.pow(weight, count));
  }
  return out;
}

/**
 * Indices to draw a series of `values` (in x order) with at most about `maxPoints` points while
 * keeping its shape: the range is cut into buckets and each bucket keeps its first point, its
 * minimum and its maximum (in index order), so spikes survive. First and last are always kept.
 * Non-finite values are kept too, since a divergence is worth seeing.
 */
export function downsampleIndices(values: ArrayLike<number>, maxPoints = 2000): Uint32Array {
  const n = values.length;
  if (n <= maxPoints) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const buckets = Math.max(1, Math.floor((maxPoints - 1) / 3));
  const out = new Uint32Array(buckets * 3 + 2);
  let m = 0;
  const size = n / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    let lo = start;
    let hi = start;
    let odd = -1;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (v < values[lo]) lo = i;
      if (v > values[hi]) hi = i;
      if (odd < 0 && !Number.isFinite(v)) odd = i;
    }
    // Up to three distinct indices, in order: first, then min/max (a non-finite one replaces the first).
    const picks = [odd >= 0 ? odd : start, lo, hi].sort((a, c) => a - c);
    for (let k = 0; k < 3; k++) if (m === 0 || picks[k] !== out[m - 1]) out[m++] = picks[k];
  }
  if (out[m - 1] !== n - 1) out[m++] = n - 1;
  return out.slice(0, m);
}
