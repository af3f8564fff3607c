/** Shared helpers for the explanation tests: models from plain functions, seeded data, diffs. */
import { Rng } from '../../../src/core/metrics/rng';
import type { Matrix } from '../../../src/core/explain/matrix';
import type { ExplainableModel } from '../../../src/core/explain/types';

/** A model from a per-row function returning one or more outputs; counts rows and calls. */
export function fnModel(m: number, f: (x: Float64Array) => number | number[], outputNames = ['y']): ExplainableModel & { calls: number; rows: number } {
  const model = {
    featureNames: Array.from({ length: m }, (_, j) => `x${j}`),
    outputNames,
    calls: 0,
    rows: 0,
    predict: async (x: Float64Array, n: number): Promise<Float64Array> => {
      model.calls++;
      model.rows += n;
      const k = outputNames.length;
      const out = new Float64Array(n * k);
      for (let i = 0; i < n; i++) {
        const v = f(x.subarray(i * m, (i + 1) * m));
        if (typeof v === 'number') out[i] = v;
        else out.set(v, i * k);
      }
      return out;
    },
  };
  return model;
}

/** n × m standard-normal-ish (sum of uniforms) or uniform data from a seed. */
export function randomMatrix(n: number, m: number, seed: number, kind: 'normal' | 'uniform' = 'normal'): Matrix {
  const rng = new Rng(seed);
  const data = new Float64Array(n * m);
  for (let i = 0; i < data.length; i++) {
    if (kind === 'uniform') data[i] = rng.nextFloat();
    else {
      // Box–Muller.
      const u = 1 - rng.nextFloat();
      data[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
    }
  }
  return { data, nRows: n, nCols: m };
}

/** Largest absolute difference between two equal-length number lists. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}
