/**
 * Sorting scores once for every curve and rank metric. A least-significant-digit radix sort on
 * the IEEE bit patterns (16-bit digits) gives the permutation in O(n) without a comparator call
 * per pair; curves walk it from the top score down. Scores that are all exactly float32 (what
 * ONNX models emit) sort on 32-bit keys in two passes instead of four.
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

/** True when every value survives a round trip through float32. */
function allFloat32(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (Math.fround(values[i]) !== values[i]) return false;
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
 * Stable ascending argsort of finite doubles (NaN must be rejected by the caller; -0 sorts just
 * before +0, which is harmless because they compare equal when ties are grouped).
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
    for (let i = 0; i < n; i++) key[i] = toKey(bits[i]);
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
  // Copy so the 32-bit view is aligned even when `values` is a subarray at an odd offset.
  const words = new Uint32Array(Float64Array.from(values).buffer);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    hi[i] = toKey(h);
    lo[i] = h & 0x80000000 ? ~words[2 * i] >>> 0 : words[2 * i];
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
