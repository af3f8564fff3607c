/**
 * First-order accumulated local effects (Apley & Zhu, 2020): within each quantile bin of a
 * feature, the mean change of the output when the feature moves from the bin's lower to its
 * upper edge (other features as observed); accumulated over bins and centred so the effect
 * averages to zero over the data. Unlike PD it stays faithful with correlated features.
 */
import { UsageError } from '../errors';
import { checkOutput, evaluateBlocks } from './batch';
import { quantileSorted, sortedColumn, uniqueSorted, type Matrix } from './matrix';
import type { AleResult, ExplainableModel } from './types';

/** Options of {@link accumulatedLocalEffects}. */
export interface AleOptions {
  data: Matrix;
  /** Quantile bins (default 20; fewer when values repeat). */
  bins?: number;
  output?: number;
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** ALE of feature `feature` (column index) over `opts.data`. Rows missing the feature are skipped. */
export async function accumulatedLocalEffects(model: ExplainableModel, feature: number, opts: AleOptions): Promise<AleResult> {
  const m = model.featureNames.length;
  const { data } = opts;
  if (!Number.isInteger(feature) || feature < 0 || feature >= m) throw new UsageError(`ALE feature index must be between 0 and ${m - 1}; got ${feature}.`);
  if (data.nCols !== m) throw new UsageError(`The data has ${data.nCols} features; the model has ${m}.`);
  const sorted = sortedColumn(data, feature);
  const nBins = Math.max(1, Math.floor(opts.bins ?? 20));
  const edges = uniqueSorted(Array.from({ length: nBins + 1 }, (_, k) => quantileSorted(sorted, k / nBins)));
  if (edges.length < 2) throw new UsageError(`Feature '${model.featureNames[feature]}' takes fewer than two distinct values; ALE needs a range.`);
  // Bin k (1-based) is (edges[k-1], edges[k]]; the minimum joins the first bin.
  const rowsUsed: number[] = [];
  const binOfRow: number[] = [];
  for (let i = 0; i < data.nRows; i++) {
    const v = data.data[i * m + feature];
    if (Number.isNaN(v)) continue;
    let k = 1;
    while (k < edges.length - 1 && v > edges[k]) k++;
    rowsUsed.push(i);
    binOfRow.push(k);
  }
  const nb = edges.length - 1;
  const sum = new Float64Array(nb + 1);
  const count = new Float64Array(nb + 1);
  const output = opts.output ?? 0;
  await evaluateBlocks(
    model.predict,
    m,
    rowsUsed.length,
    2,
    (b, dst) => {
      const src = data.data.subarray(rowsUsed[b] * m, (rowsUsed[b] + 1) * m);
      dst.set(src, 0);
      dst.set(src, m);
      dst[feature] = edges[binOfRow[b] - 1];
      dst[m + feature] = edges[binOfRow[b]];
    },
    (b, out, k) => {
      checkOutput(output, k, model.outputNames);
      sum[binOfRow[b]] += out[k + output] - out[output];
      count[binOfRow[b]]++;
    },
    opts,
  );
  const acc = new Array<number>(nb + 1).fill(0);
  for (let k = 1; k <= nb; k++) acc[k] = acc[k - 1] + (count[k] > 0 ? sum[k] / count[k] : 0);
  // Centre: the data-weighted mean of the effect, each bin at the midpoint of its edge values.
  let c = 0;
  let total = 0;
  for (let k = 1; k <= nb; k++) {
    c += (count[k] * (acc[k - 1] + acc[k])) / 2;
    total += count[k];
  }
  c /= Math.max(1, total);
  return { method: 'ale', feature: model.featureNames[feature], class: model.outputNames[output] ?? String(output), edges, effect: acc.map((v) => v - c) };
}
