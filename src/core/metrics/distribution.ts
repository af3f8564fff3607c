/**
 * Histograms for plots: score distributions per true class, and the regression residual plot
 * data (residual histogram plus a deterministic sample of actual/predicted pairs).
 */
import type { ResidualPlotData, ScoreDistribution } from '../evaluate/types';
import { Rng } from './rng';

/** Bin edges of `nBins` equal bins over [lo, hi]. */
export function binEdges(lo: number, hi: number, nBins: number): number[] {
  const edges: number[] = [];
  for (let i = 0; i <= nBins; i++) edges.push(i === nBins ? hi : lo + ((hi - lo) * i) / nBins);
  return edges;
}

/** Bin of v among equal bins over [lo, hi]; the last bin is closed like numpy.histogram. */
function binOf(v: number, lo: number, hi: number, nBins: number): number {
  if (hi === lo) return 0;
  const b = Math.floor(((v - lo) / (hi - lo)) * nBins);
  return b < 0 ? 0 : b >= nBins ? nBins - 1 : b;
}

/**
 * Histogram of `score` per group (true class) over [0, 1], widened to the data range if scores
 * fall outside it. Counts are weighted when weights are given.
 */
export function scoreDistribution(
  score: (row: number) => number,
  group: ArrayLike<number>,
  names: readonly string[],
  weights: Float64Array | undefined,
  nBins = 20,
): ScoreDistribution {
  let lo = 0;
  let hi = 1;
  const n = group.length;
  for (let i = 0; i < n; i++) {
    const s = score(i);
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const counts = names.map(() => new Array<number>(nBins).fill(0));
  for (let i = 0; i < n; i++) counts[group[i]][binOf(score(i), lo, hi, nBins)] += weights ? weights[i] : 1;
  const out: Record<string, number[]> = {};
  names.forEach((name, k) => (out[name] = counts[k]));
  return { bin_edges: binEdges(lo, hi, nBins), counts: out };
}

/** Sample size for actual/predicted scatter plots. */
export const SCATTER_POINTS = 5000;

/**
 * Residual (actual − predicted) histogram over all rows and up to {@link SCATTER_POINTS} rows
 * for a scatter plot, chosen by selection sampling with a seeded RNG (reproducible, keeps row
 * order). Histogram counts are weighted when weights are given.
 */
export function residualPlot(y: Float64Array, yhat: Float64Array, weights: Float64Array | undefined, seed: number, nBins = 30): ResidualPlotData {
  const n = y.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = y[i] - yhat[i];
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < n; i++) counts[binOf(y[i] - yhat[i], lo, hi, nBins)] += weights ? weights[i] : 1;
  const actual: number[] = [];
  const predicted: number[] = [];
  const rng = new Rng(seed);
  let need = Math.min(SCATTER_POINTS, n);
  for (let i = 0; i < n && need > 0; i++) {
    // Knuth's algorithm S: take row i with probability need / rows left.
    if (rng.nextFloat() * (n - i) < need) {
      actual.push(y[i]);
      predicted.push(yhat[i]);
      need--;
    }
  }
  return { actual, predicted, residual_bin_edges: n > 0 ? binEdges(lo, hi, nBins) : [], residual_counts: counts };
}
