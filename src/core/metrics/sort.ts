/**
 * Sorting scores once for every curve and rank metric. A least-significant-digit radix sort on
 * the 64-bit IEEE keys (16-bit digits, four passes) gives the permutation in O(n) without a
 * comparator call per pair; curves walk it from the top score down.
 */

/** Scores in ascending order and the permutation that produced them. */
export interface SortedScores {
  /** `order[i]` is the row holding the i-th smallest score. */
  order: Uint32Array;
  /** `sorted[i] = values[order[i]]`. */
  sorted: Float64Array;
}

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;

/**
 * Stable ascending argsort of finite doubles (NaN must be rejected by the caller; -0 sorts just
 * before +0, which is harmless because they compare equal when ties are grouped).
 */
export function argsortAscending(values: Float64Array): SortedScores {
  const n = values.length;
  // Copy so the view is aligned even when `values` is a subarray at an odd offset.
  const words = new Uint32Array(Float64Array.from(values).buffer);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let idx = new Uint32Array(n);
  // Map IEEE bits to unsigned keys that order like the numbers: flip all bits of negatives,
  // set the sign bit of positives.
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
    idx[i] = i;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let idx2 = new Uint32Array(n);
  const count = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * DIGIT_BITS;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & MASK]++;
    // A digit shared by every key (common in the high bits) needs no pass.
    if (count[(key[0] >>> shift) & MASK] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const p = count[(key[i] >>> shift) & MASK]++;
      hi2[p] = hi[i];
      lo2[p] = lo[i];
      idx2[p] = idx[i];
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [idx, idx2] = [idx2, idx];
  }
  // Invert the key mapping to get the sorted values back without a random-access gather.
  const sorted = new Float64Array(n);
  const out = new Uint32Array(sorted.buffer);
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    if (h & 0x80000000) {
      out[2 * i + 1] = h & 0x7fffffff;
      out[2 * i] = lo[i];
    } else {
      out[2 * i + 1] = ~h >>> 0;
      out[2 * i] = ~lo[i] >>> 0;
    }
  }
  return { order: idx, sorted };
}
