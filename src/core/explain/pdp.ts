/**
 * Partial dependence (Friedman, 2001) and ICE curves (Goldstein et al., 2015): the model's
 * output as one or two features sweep a grid while every other feature keeps each row's values.
 * PD is the mean over rows; an ICE line is one row's curve.
 */
import { UsageError } from '../errors';
import { Rng } from '../metrics/rng';
import { checkOutput, evaluateBlocks } from './batch';
import { quantileSorted, sampleIndices, selectRows, sortedColumn, uniqueSorted, type Matrix } from './matrix';
import type { ExplainableModel, PdpResult } from './types';

/** Options of {@link partialDependence}. */
export interface PdpOptions {
  /** Rows to average over (a sample of at most `maxRows` is used). */
  data: Matrix;
  /** Grid points per feature (default 20; 2-D grids use it per axis). */
  gridSize?: number;
  /** Quantile range of the grid (default [0.05, 0.95]). */
  percentiles?: [number, number];
  /** Rows averaged at most (default 1000, sampled). */
  maxRows?: number;
  /** ICE lines at most (1-D only; default 100; 0 for none). */
  iceRows?: number;
  output?: number;
  seed?: number;
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Grid for a feature: every distinct value if there are at most `size`, else the values at
 * `size` evenly spaced quantile levels between the percentiles (duplicates merged).
 */
export function quantileGrid(sorted: Float64Array, size: number, percentiles: [number, number] = [0.05, 0.95]): number[] {
  const distinct = uniqueSorted(sorted);
  if (distinct.length <= size) return distinct;
  const [lo, hi] = percentiles;
  return uniqueSorted(Array.from({ length: size }, (_, i) => quantileSorted(sorted, size === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (size - 1))));
}

/** PD (and ICE for one feature) of `features` (one or two column indices). */
export async function partialDependence(model: ExplainableModel, features: number[], opts: PdpOptions): Promise<PdpResult> {
  const m = model.featureNames.length;
  if (features.length < 1 || features.length > 2 || features.some((j) => !Number.isInteger(j) || j < 0 || j >= m)) {
    throw new UsageError(`Partial dependence takes one or two feature indices between 0 and ${m - 1}; got [${features.join(', ')}].`);
  }
  if (opts.data.nCols !== m) throw new UsageError(`The data has ${opts.data.nCols} features; the model has ${m}.`);
  if (opts.data.nRows === 0) throw new UsageError('Partial dependence needs at least one data row.');
  const rng = new Rng(opts.seed ?? 0);
  const rows = selectRows(opts.data, sampleIndices(opts.data.nRows, opts.maxRows ?? 1000, rng));
  const n = rows.nRows;
  const grid = features.map((j) => quantileGrid(sortedColumn(opts.data, j), opts.gridSize ?? 20, opts.percentiles));
  if (grid.some((g) => g.length === 0)) throw new UsageError('A feature for partial dependence has no non-missing values.');
  const points = features.length === 1 ? grid[0].map((v) => [v]) : grid[0].flatMap((a) => grid[1].map((b) => [a, b]));
  const output = opts.output ?? 0;
  const ice = features.length === 1 ? sampleIndices(n, opts.iceRows ?? 100, rng) : [];
  const iceLines = ice.map(() => new Array<number>(points.length).fill(0));
  const average = new Array<number>(points.length).fill(0);
  await evaluateBlocks(
    model.predict,
    m,
    points.length,
    n,
    (p, dst) => {
      dst.set(rows.data);
      for (let i = 0; i < n; i++) features.forEach((j, t) => (dst[i * m + j] = points[p][t]));
    },
    (p, out, k) => {
      checkOutput(output, k, model.outputNames);
      let s = 0;
      for (let i = 0; i < n; i++) s += out[i * k + output];
      average[p] = s / n;
      ice.forEach((i, l) => (iceLines[l][p] = out[i * k + output]));
    },
    opts,
  );
  const result: PdpResult = { method: 'pdp', features: features.map((j) => model.featureNames[j]), class: model.outputNames[output] ?? String(output), grid, average };
  if (features.length === 1 && ice.length) result.ice = iceLines;
  return result;
}
