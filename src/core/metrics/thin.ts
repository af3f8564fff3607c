/**
 * Thinning curves for plotting without changing their shape. Ramer–Douglas–Peucker is run once
 * to give every point the tolerance at which it would be dropped; picking the tolerance that
 * keeps `budget` points is then a selection, not a search over repeated RDP runs.
 */

/**
 * Indices (ascending) of at most `budget` points that best keep the shape of the polyline(s)
 * `xs` vs each of `ys`. Endpoints are always kept. With several `ys`, a point is kept when any
 * of the series needs it. Coordinates are scaled to [0, 1] per axis first, so units don't matter.
 */
export function thinIndices(xs: ArrayLike<number>, ys: ArrayLike<number>[], budget: number): Uint32Array {
  const n = xs.length;
  if (n <= budget) return Uint32Array.from({ length: n }, (_, i) => i);
  const importance = new Float64Array(n);
  const sx = scaled(xs);
  for (const y of ys) {
    const sy = scaled(y);
    const imp = rdpImportance(sx, sy);
    for (let i = 0; i < n; i++) if (imp[i] > importance[i]) importance[i] = imp[i];
  }
  // Tolerance = the budget-th largest importance; ties at the cut are dropped to stay in budget.
  const sortedImp = Float64Array.from(importance).sort();
  const cut = sortedImp[n - budget];
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (importance[i] > cut) keep.push(i);
  for (let i = 0; i < n && keep.length < budget; i++) if (importance[i] === cut) keep.push(i);
  return Uint32Array.from(keep).sort();
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

/**
 * RDP split distance of every point, made monotone (a point never outranks the split that
 * exposed it), so "importance >= tol" is exactly the RDP result at tolerance tol.
 */
function rdpImportance(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const imp = new Float64Array(n);
  imp[0] = Infinity;
  imp[n - 1] = Infinity;
  // Explicit stack of [start, end, cap] segments: no recursion depth limit on long curves.
  const stack: number[] = [0, n - 1, Infinity];
  while (stack.length > 0) {
    const cap = stack.pop() as number;
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    if (b - a < 2) continue;
    const dx = x[b] - x[a];
    const dy = y[b] - y[a];
    const len = Math.hypot(dx, dy);
    let best = -1;
    let bestD = -1;
    for (let i = a + 1; i < b; i++) {
      const d = len === 0 ? Math.hypot(x[i] - x[a], y[i] - y[a]) : Math.abs(dy * (x[i] - x[a]) - dx * (y[i] - y[a])) / len;
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    const v = Math.min(bestD, cap);
    imp[best] = v;
    stack.push(a, best, v, best, b, v);
  }
  return imp;
}
