/**
 * Thinning curves for plotting without changing their shape: greedy Ramer–Douglas–Peucker. The
 * segment whose farthest point deviates most is split first, until the point budget is used,
 * so corners go in before straight runs and the tolerance adapts to the budget. Very long curves
 * first drop points closer than a sub-pixel distance to the previous kept one (O(n)).
 */

/** Relative distance (of the axis range) below which a neighbour adds nothing visible. */
const SUBPIXEL = 1e-4;

/**
 * Indices (ascending) of at most `budget` points that best keep the shape of the polyline(s)
 * `xs` vs each of `ys`. Endpoints are always kept. With several `ys`, a point's deviation is
 * its largest over the series. Axes are scaled to [0, 1] first, so units don't matter.
 */
export function thinIndices(xs: ArrayLike<number>, ys: ArrayLike<number>[], budget: number): Uint32Array {
  const n = xs.length;
  if (n <= budget) return Uint32Array.from({ length: n }, (_, i) => i);
  const sx = scaled(xs);
  const sy = ys.map(scaled);
  const cand = n > 50 * budget ? radialFilter(sx, sy) : Uint32Array.from({ length: n }, (_, i) => i);
  return greedyRdp(cand, sx, sy, Math.max(2, budget));
}

/** Picks `idx` entries out of an array into a plain number list (for JSON). */
export function pick(values: ArrayLike<number>, idx: Uint32Array): number[] {
  const out = new Array<number>(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = values[idx[i]];
  return out;
}

function scaled(v: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  const span = hi - lo || 1;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = (v[i] - lo) / span;
  return out;
}

/** Keeps a point only if some coordinate moved more than {@link SUBPIXEL} since the last kept. */
function radialFilter(x: Float64Array, ys: Float64Array[]): Uint32Array {
  const n = x.length;
  const keep: number[] = [0];
  let last = 0;
  for (let i = 1; i < n - 1; i++) {
    let far = Math.abs(x[i] - x[last]) > SUBPIXEL;
    for (let s = 0; s < ys.length && !far; s++) far = Math.abs(ys[s][i] - ys[s][last]) > SUBPIXEL;
    if (far) {
      keep.push(i);
      last = i;
    }
  }
  keep.push(n - 1);
  return Uint32Array.from(keep);
}

/** Farthest candidate strictly inside (a, b) (positions in `cand`) and its deviation. */
function farthest(cand: Uint32Array, a: number, b: number, x: Float64Array, ys: Float64Array[]): [number, number] {
  let best = -1;
  let bestD = 0;
  const ia = cand[a];
  const ib = cand[b];
  const dx = x[ib] - x[ia];
  for (const y of ys) {
    const dy = y[ib] - y[ia];
    const len = Math.hypot(dx, dy);
    for (let k = a + 1; k < b; k++) {
      const i = cand[k];
      const d = len === 0 ? Math.hypot(x[i] - x[ia], y[i] - y[ia]) : Math.abs(dy * (x[i] - x[ia]) - dx * (y[i] - y[ia])) / len;
      if (d > bestD) {
        bestD = d;
        best = k;
      }
    }
  }
  return [best, bestD];
}

/** Greedy RDP over candidate points with a max-heap of segments keyed by deviation. */
function greedyRdp(cand: Uint32Array, x: Float64Array, ys: Float64Array[], budget: number): Uint32Array {
  const m = cand.length;
  const kept = new Uint8Array(m);
  kept[0] = 1;
  kept[m - 1] = 1;
  let count = 2;
  // Heap entries: [deviation, a, b, split] in parallel arrays.
  const dev: number[] = [];
  const seg: number[][] = [];
  const push = (a: number, b: number): void => {
    if (b - a < 2) return;
    const [k, d] = farthest(cand, a, b, x, ys);
    if (k < 0) return; // every inner point on the chord: nothing to add
    dev.push(d);
    seg.push([a, b, k]);
    let i = dev.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (dev[p] >= dev[i]) break;
      [dev[p], dev[i]] = [dev[i], dev[p]];
      [seg[p], seg[i]] = [seg[i], seg[p]];
      i = p;
    }
  };
  const pop = (): number[] => {
    const top = seg[0];
    const lastD = dev.pop() as number;
    const lastS = seg.pop() as number[];
    if (dev.length > 0) {
      dev[0] = lastD;
      seg[0] = lastS;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let big = i;
        if (l < dev.length && dev[l] > dev[big]) big = l;
        if (r < dev.length && dev[r] > dev[big]) big = r;
        if (big === i) break;
        [dev[big], dev[i]] = [dev[i], dev[big]];
        [seg[big], seg[i]] = [seg[i], seg[big]];
        i = big;
      }
    }
    return top;
  };
  push(0, m - 1);
  while (count < budget && dev.length > 0) {
    const [a, b, k] = pop();
    kept[k] = 1;
    count++;
    push(a, k);
    push(k, b);
  }
  const out: number[] = [];
  for (let k = 0; k < m; k++) if (kept[k]) out.push(cand[k]);
  return Uint32Array.from(out);
}
