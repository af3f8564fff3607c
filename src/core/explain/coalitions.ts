/**
 * Coalitions for KernelSHAP: all of them when they fit the budget, else a sample drawn with the
 * Shapley kernel weights. Sizes s and M − s are paired (a subset and its complement are taken
 * together, which cancels the leading error term), and the smallest/largest sizes are
 * enumerated outright while their whole set still fits the remaining budget.
 */
import type { Rng } from '../metrics/rng';

/** Coalitions as 0/1 masks (nCoalitions × M row-major) with their regression weights. */
export interface CoalitionSet {
  masks: Uint8Array;
  weights: Float64Array;
  nCoalitions: number;
  /** True when every coalition except the empty and full ones is present (exact result). */
  exact: boolean;
}

/** Binomial coefficient C(n, k) in floating point (Infinity once it overflows). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Number.isFinite(c) ? Math.round(c) : c;
}

/** Shapley kernel weight of one coalition of size s among M features (0 < s < M). */
export function shapleyKernelWeight(m: number, s: number): number {
  return (m - 1) / (binomial(m, s) * s * (m - s));
}

/** Every coalition but the empty and full ones, weighted by the Shapley kernel. */
export function enumerateCoalitions(m: number): CoalitionSet {
  const n = 2 ** m - 2;
  const masks = new Uint8Array(n * m);
  const weights = new Float64Array(n);
  for (let code = 1; code <= n; code++) {
    let size = 0;
    for (let j = 0; j < m; j++) {
      const on = (code >> j) & 1;
      masks[(code - 1) * m + j] = on;
      size += on;
    }
    weights[code - 1] = shapleyKernelWeight(m, size);
  }
  return { masks, weights, nCoalitions: n, exact: true };
}

/** Calls `visit` with every size-s subset of 0..m-1 (as a sorted index list). */
function forEachSubset(m: number, s: number, visit: (idx: number[]) => void): void {
  const idx = Array.from({ length: s }, (_, i) => i);
  for (;;) {
    visit(idx);
    let i = s - 1;
    while (i >= 0 && idx[i] === m - s + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < s; j++) idx[j] = idx[j - 1] + 1;
  }
}

/**
 * Up to `budget` coalitions: enumerated when 2^M − 2 ≤ budget, otherwise the paired
 * size-stratified sample described above. Weights sum to 1 over the returned coalitions.
 */
export function chooseCoalitions(m: number, budget: number, rng: Rng): CoalitionSet {
  if (m < 31 && 2 ** m - 2 <= budget) return enumerateCoalitions(m);
  const nSizes = Math.ceil((m - 1) / 2);
  const nPaired = Math.floor((m - 1) / 2);
  // Kernel mass of each size class s (covering s and M − s when paired), normalised to 1.
  const sizeMass = new Float64Array(nSizes + 1);
  let total = 0;
  for (let s = 1; s <= nSizes; s++) {
    sizeMass[s] = ((m - 1) / (s * (m - s))) * (s <= nPaired ? 2 : 1);
    total += sizeMass[s];
  }
  for (let s = 1; s <= nSizes; s++) sizeMass[s] /= total;

  const masks: Uint8Array[] = [];
  const weights: number[] = [];
  const add = (mask: Uint8Array, w: number): void => {
    masks.push(mask);
    weights.push(w);
  };
  let left = budget;
  let massLeft = 1;
  let s = 1;
  for (; s <= nSizes; s++) {
    const paired = s <= nPaired;
    const count = binomial(m, s) * (paired ? 2 : 1);
    // Enumerate this size class if the budget share it would get covers all of it.
    if (!(left * (sizeMass[s] / massLeft) >= count - 1e-8)) break;
    const w = sizeMass[s] / count;
    forEachSubset(m, s, (idx) => {
      const mask = new Uint8Array(m);
      for (const j of idx) mask[j] = 1;
      add(mask, w);
      if (paired) add(mask.map((v) => 1 - v), w);
    });
    left -= count;
    massLeft -= sizeMass[s];
  }
  if (s <= nSizes && left > 0) {
    // Sample the remaining size classes ∝ their kernel mass; repeats add to a coalition's count.
    const first = s;
    // Keys: the mask's bits as a number while they fit in a double's 53 bits, else a string.
    const keyOf = (mask: Uint8Array): number | string => {
      if (m > 52) return mask.join('');
      let key = 0;
      for (let j = 0; j < m; j++) if (mask[j]) key += 2 ** j;
      return key;
    };
    const counts = new Map<number | string, number>();
    const sampled: Uint8Array[] = [];
    const perm = Array.from({ length: m }, (_, j) => j);
    const bump = (mask: Uint8Array): void => {
      const key = keyOf(mask);
      const c = counts.get(key);
      if (c === undefined) sampled.push(mask);
      counts.set(key, (c ?? 0) + 1);
    };
    let draws = 0;
    const maxDraws = 200 * budget + 1000;
    while (sampled.length < left && draws++ < maxDraws) {
      let u = rng.nextFloat() * massLeft;
      let size = nSizes;
      for (let t = first; t <= nSizes; t++) {
        u -= sizeMass[t];
        if (u < 0) {
          size = t;
          break;
        }
      }
      const mask = new Uint8Array(m);
      for (let i = 0; i < size; i++) {
        const j = i + rng.nextInt(m - i);
        [perm[i], perm[j]] = [perm[j], perm[i]];
        mask[perm[i]] = 1;
      }
      bump(mask);
      if (size <= nPaired) bump(mask.map((v) => 1 - v));
    }
    let totalCount = 0;
    for (const c of counts.values()) totalCount += c;
    for (const mask of sampled) add(mask, (massLeft * counts.get(keyOf(mask))!) / totalCount);
  }
  const n = masks.length;
  const flat = new Uint8Array(n * m);
  masks.forEach((mk, i) => flat.set(mk, i * m));
  return { masks: flat, weights: Float64Array.from(weights), nCoalitions: n, exact: false };
}
