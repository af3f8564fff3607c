/**
 * Faithfulness checks of a saliency map. Deletion/insertion (Petsiuk et al., 2018): remove
 * (or add) pixels in order of attribution and follow the target-class probability; a faithful
 * map drops it fast (low deletion AUC) and restores it fast (high insertion AUC).
 * Spearman rank correlation for the model-randomisation sanity check (Adebayo et al., 2018).
 */
import { midranks } from '../stats/delong';
import { scoreGenerated } from './imageModel';
import { at } from './layout';
import type { ImageLayout, ImageModelFn } from './types';

/** One curve: fraction of pixels changed vs target probability. */
export interface QualityCurve {
  fractions: number[];
  probabilities: number[];
  auc: number;
}

/** Softmax of one row unless it already looks like probabilities (non-negative, sums to 1). */
export function toProbabilities(row: ArrayLike<number>): Float64Array {
  const v = Float64Array.from(row);
  let sum = 0;
  let nonNeg = true;
  for (const x of v) {
    sum += x;
    if (x < 0 || x > 1) nonNeg = false;
  }
  if (nonNeg && Math.abs(sum - 1) < 1e-3) return v;
  if (v.length === 1) return Float64Array.of(1 / (1 + Math.exp(-v[0])));
  const mx = Math.max(...v);
  let z = 0;
  for (let i = 0; i < v.length; i++) z += v[i] = Math.exp(v[i] - mx);
  return v.map((e) => e / z);
}

/** Pixel indices from most to least salient. */
export function pixelOrder(heatmap: ArrayLike<number>): Int32Array {
  const idx = Int32Array.from({ length: heatmap.length }, (_, i) => i);
  return idx.sort((a, b) => heatmap[b] - heatmap[a] || a - b);
}

/**
 * Deletion and insertion curves in `steps` equal steps, as Petsiuk et al.: deletion turns
 * pixels into `removed` (default zeros); insertion starts from `start` (default: `removed`;
 * a blurred copy of x in {@link computeSaliency}) and restores x. The heatmap is H × W.
 */
export async function deletionInsertion(model: ImageModelFn, x: Float32Array, l: ImageLayout, heatmap: ArrayLike<number>, target: number, opts: { steps?: number; removed?: Float32Array; start?: Float32Array; signal?: AbortSignal } = {}): Promise<{ deletion: QualityCurve; insertion: QualityCurve }> {
  const hw = l.height * l.width;
  const steps = Math.max(1, Math.min(hw, opts.steps ?? 32));
  const removed = opts.removed ?? new Float32Array(x.length);
  const start = opts.start ?? removed;
  const order = pixelOrder(heatmap);
  const rank = new Int32Array(hw);
  order.forEach((p, r) => (rank[p] = r));
  const cut = (s: number): number => Math.round((s * hw) / steps);
  const curve = async (insert: boolean): Promise<QualityCurve> => {
    const raw = await scoreGenerated({ ...model, score: async (b, n, sig) => {
      const out = await model.score(b, n, sig);
      // Per-image probabilities, so the curves read on one scale whatever the model outputs.
      for (let i = 0; i < n; i++) out.set(toProbabilities(out.subarray(i * model.nClasses, (i + 1) * model.nClasses)), i * model.nClasses);
      return out;
    } }, x.length, steps + 1, target, (s, buf) => {
      const k = cut(s);
      for (let c = 0; c < l.channels; c++) for (let q = 0; q < hw; q++) {
        const j = at(l, c, Math.floor(q / l.width), q % l.width);
        const changed = rank[q] < k;
        buf[j] = changed === insert ? x[j] : insert ? start[j] : removed[j];
      }
    }, opts.signal);
    const fractions = Array.from({ length: steps + 1 }, (_, s) => cut(s) / hw);
    const probabilities = Array.from(raw);
    let auc = 0;
    for (let s = 1; s <= steps; s++) auc += ((fractions[s] - fractions[s - 1]) * (probabilities[s] + probabilities[s - 1])) / 2;
    return { fractions, probabilities, auc };
  };
  return { deletion: await curve(false), insertion: await curve(true) };
}

/** Spearman's ρ: Pearson correlation of midranks (NaN when a side is constant). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const idx = Int32Array.from({ length: a.length }, (_, i) => i);
  const ra = midranks(a, idx);
  const rb = midranks(b, idx);
  const n = ra.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += ra[i] / n;
    mb += rb[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
