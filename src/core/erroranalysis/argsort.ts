/**
 * Argsort of a Float64Array by LSD radix sort on the IEEE-754 bits: linear time, stable, and
 * several times faster than a comparator sort on a million rows (the error tree presorts every
 * feature once). Keys travel with the indices, so every pass reads sequentially, and the sorted
 * values come back decoded from the keys without a gather.
 */

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/** Row order and the values in that order. */
export interface SortedColumn {
  /** Row indices by ascending value; NaN rows last, in row order; ties keep row order. */
  index: Uint32Array;
  /** values[index[k]] for every k. */
  sorted: Float64Array;
}

/** Sorts `values` and returns the permutation with the sorted values. */
export function sortWithIndex(values: Float64Array): SortedColumn {
  const n = values.length;
  // Order-preserving unsigned keys: flip the sign bit of positives, every bit of negatives.
  const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1];
    let l = bits[2 * i];
    if (values[i] !== values[i]) {
      h = 0xffffffff;
      l = 0xffffffff;
    } else if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let idx2 = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  // Four 16-bit digits, least significant first; a digit shared by every row is skipped.
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass % 2) * DIGIT_BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i] >>> shift) & 0xffff]++;
    if (n > 0 && counts[(word[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const pos = counts[(word[k] >>> shift) & 0xffff]++;
      idx2[pos] = idx[k];
      hi2[pos] = hi[k];
      lo2[pos] = lo[k];
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  // Decode the keys back into doubles (NaN keys decode to a NaN).
  const sorted = new Float64Array(n);
  const out = new Uint32Array(sorted.buffer);
  for (let k = 0; k < n; k++) {
    const h = hi[k];
    if (h & 0x80000000) {
      out[2 * k + 1] = h & 0x7fffffff;
      out[2 * k] = lo[k];
    } else {
      out[2 * k + 1] = ~h >>> 0;
      out[2 * k] = ~lo[k] >>> 0;
    }
  }
  return { index: idx, sorted };
}

/** Row indices ordered by ascending value; NaN rows last; stable. */
export function argsortFloat64(values: Float64Array): Uint32Array {
  return sortWithIndex(values).index;
}
