/**
 * Sorting scores once for every curve and rank metric. A least-significant-digit radix sort on
 * the IEEE bit patterns (16-bit digits) gives the permutation in O(n) without a comparator call
 * per pair; curves walk it from the top score down. Scores that are all exactly float32 (what
 * ONNX models emit) sort on 32-bit keys in two passes instead of four. The error tree presorts
 * its feature columns with the same routine, which is why NaN (a missing value) has a place.
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

/** Maps IEEE bits to unsigned keys that order like the numbers (flip negatives, set sign of positives). */
function toKey(h: number): number {
  return h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
}

/** Key of NaN, whatever its sign and payload: above every number's key, so NaN sorts last. */
const NAN_KEY = 0xffffffff;

/** True when every value survives a round trip through float32 (NaN counts as surviving). */
function allFloat32(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Math.fround(v) !== v && v === v) return false;
  }
  return true;
}

/**
 * One stable counting-sort pass on digit `shift` of `key`, carrying the other arrays along.
 * Returns false (and moves nothing) when every key shares that digit.
 */
function radixPass(count: Uint32Array, key: Uint32Array, shift: number, from: Uint32Array[], to: Uint32Array[]): boolean {
  const n = key.length;
  count.fill(0);
  for (let i = 0; i < n; i++) count[(key[i] >>> shift) & MASK]++;
  if (n === 0 || count[(key[0] >>> shift) & MASK] === n) return false;
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = count[b];
    count[b] = sum;
    sum += c;
  }
  const m = from.length;
  if (m === 2) {
    const [a0, a1] = from;
    const [b0, b1] = to;
    for (let i = 0; i < n; i++) {
      const p = count[(key[i] >>> shift) & MASK]++;
      b0[p] = a0[i];
      b1[p] = a1[i];
    }
  } else {
    const [a0, a1, a2] = from;
    const [b0, b1, b2] = to;
    for (let i = 0; i < n; i++) {
      const p = count[(key[i] >>> shift) & MASK]++;
      b0[p] = a0[i];
      b1[p] = a1[i];
      b2[p] = a2[i];
    }
  }
  return true;
}

/**
 * Stable ascending argsort: ties keep row order, NaN rows come last in row order (their sorted
 * value is a NaN), and -0 sorts just before +0, which is harmless because they compare equal
 * when ties are grouped. Metrics reject NaN before sorting; the error tree relies on NaN last.
 */
export function argsortAscending(values: Float64Array): SortedScores {
  const n = values.length;
  const count = new Uint32Array(BUCKETS);
  let idx = new Uint32Array(n);
  let idx2 = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const sorted = new Float64Array(n);
  if (allFloat32(values)) {
    const f32 = Float32Array.from(values);
    const bits = new Uint32Array(f32.buffer);
    let key = new Uint32Array(n);
    let key2 = new Uint32Array(n);
    for (let i = 0; i < n; i++) key[i] = values[i] === values[i] ? toKey(bits[i]) : NAN_KEY;
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      if (!radixPass(count, key, shift, [key, idx], [key2, idx2])) continue;
      [key, key2] = [key2, key];
      [idx, idx2] = [idx2, idx];
    }
    // Undo the key mapping: sequential, no random-access gather.
    for (let i = 0; i < n; i++) bits[i] = key[i] & 0x80000000 ? key[i] & 0x7fffffff : ~key[i] >>> 0;
    for (let i = 0; i < n; i++) sorted[i] = f32[i];
    return { order: idx, sorted };
  }
  // A 32-bit view of the input itself: a Float64Array's byteOffset is always a multiple of 8.
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    hi[i] = toKey(h);
    lo[i] = h & 0x80000000 ? ~words[2 * i] >>> 0 : words[2 * i];
    // A NaN's own bits would put a negative-signed NaN first: give every NaN the top key.
    if (values[i] !== values[i]) hi[i] = lo[i] = NAN_KEY;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    if (!radixPass(count, key, (pass & 1) * DIGIT_BITS, [hi, lo, idx], [hi2, lo2, idx2])) continue;
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [idx, idx2] = [idx2, idx];
  }
  const out = new Uint32Array(sorted.buffer);
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    out[2 * i + 1] = h & 0x80000000 ? h & 0x7fffffff : ~h >>> 0;
    out[2 * i] = h & 0x80000000 ? lo[i] : ~lo[i] >>> 0;
  }
  return { order: idx, sorted };
}

const single = new WeakMap<Float64Array, SortedScores>();
const columns = new WeakMap<Float64Array, SortedScores[]>();

/**
 * Sorted order of `values`, remembered per array (weakly, so it never outlives the data): the
 * curves and a later bootstrap scorer on the same scores then sort only once. Do not mutate an
 * array after evaluating it: the remembered order would go stale.
 */
export function sortedOnce(values: Float64Array): SortedScores {
  let s = single.get(values);
  if (!s) {
    s = argsortAscending(values);
    single.set(values, s);
  }
  return s;
}

/** Sorted order of every column of a row-major N×C matrix, remembered per array. */
export function sortedColumnsOnce(proba: Float64Array, nClasses: number): SortedScores[] {
  let s = columns.get(proba);
  if (!s || s.length !== nClasses) {
    const n = proba.length / nClasses;
    s = [];
    for (let c = 0; c < nClasses; c++) {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = proba[i * nClasses + c];
      s.push(argsortAscending(col));
    }
    columns.set(proba, s);
  }
  return s;
}
