/**
 * Anchors for images (Ribeiro, Singh & Guestrin, 2018) over SLIC superpixels. An anchor A is a
 * set of superpixels that, kept as they are, "anchors" the prediction: a perturbed image keeps
 * every superpixel of A and each other superpixel independently with probability 0.5 (dropped
 * ones take the superpixel baseline, as in LIME/SHAP), and the model still gives the explained
 * class with precision ≥ τ. Beam search grows A one superpixel at a time, KL-LUCB picks the most
 * precise candidates with few model calls (src/core/explain/klLucb.ts), and A is accepted when
 * its KL lower confidence bound reaches τ. Under this perturbation distribution an anchor's
 * coverage (the share of perturbed images it applies to) is exactly 0.5^|A|, so among accepted
 * anchors the smallest wins, then the most precise.
 */
import { throwIfAborted, UsageError } from '../errors';
import { klLowerBound, klLucb, klUpperBound, type AnchorSearchOptions, type ArmStats } from '../explain/klLucb';
import { Rng } from '../metrics/rng';
import { at } from './layout';
import { slic, type Segmentation } from './slic';
import { paintSegments, superpixelBaseline, type SuperpixelBaseline } from './superpixels';
import type { ImageLayout, ImageModelFn } from './types';

/** Options of {@link imageAnchors}; defaults follow tabular Anchors. */
export interface ImageAnchorOptions extends AnchorSearchOptions {
  /** How dropped superpixels are filled (default 'mean'). */
  baseline?: SuperpixelBaseline;
}

/** The anchor found, or the best candidate when none reached τ. */
export interface ImageAnchor {
  /** Superpixel ids of the anchor, ascending (empty: the class holds with nothing kept). */
  superpixels: number[];
  /** True when the KL lower bound of the precision reached τ; false: the best found, below τ. */
  found: boolean;
  /** Estimated precision: share of the anchor's samples given the explained class. */
  precision: number;
  /** KL confidence bounds on the precision at the level the acceptance test uses. */
  precisionLower: number;
  precisionUpper: number;
  /** Samples behind `precision`. */
  anchorSamples: number;
  /** 0.5^|A|: the share of perturbed images that keep all of A. */
  coverage: number;
  /** Perturbed images scored in the whole search. */
  samples: number;
  /** The class explained and the threshold used. */
  label: number;
  threshold: number;
  /** Superpixels in the segmentation. */
  superpixelCount: number;
}

interface Candidate extends ArmStats {
  ids: number[];
}

/** Class of one output row: argmax (ties to the lower index), or score > 0.5 for a single output. */
function classOf(out: Float32Array, off: number, k: number): number {
  if (k === 1) return out[off] > 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < k; c++) if (out[off + c] > out[off + best]) best = c;
  return best;
}

/**
 * Scores the images of `count` keep/drop rows of `masks` (count × M) and returns the class of
 * each. Images are built batch by batch, so memory stays at one batch whatever `count` is.
 */
export async function classifyMasks(model: ImageModelFn, x: Float32Array, base: Float32Array, segOf: Int32Array, m: number, masks: Uint8Array, count: number, signal?: AbortSignal): Promise<Int32Array> {
  const size = x.length;
  const batch = Math.max(1, Math.min(count, model.maxBatch, 64));
  const buf = new Float32Array(batch * size);
  const labels = new Int32Array(count);
  for (let s = 0; s < count; s += batch) {
    throwIfAborted(signal);
    const e = Math.min(count, s + batch);
    for (let i = s; i < e; i++) {
      const row = i * m;
      const off = (i - s) * size;
      for (let k = 0; k < size; k++) buf[off + k] = masks[row + segOf[k]] ? x[k] : base[k];
    }
    const out = await model.score(buf.subarray(0, (e - s) * size), e - s, signal);
    for (let i = s; i < e; i++) labels[i] = classOf(out, (i - s) * model.nClasses, model.nClasses);
  }
  return labels;
}

/** Superpixel label of every element of the image tensor (any layout). */
export function elementSegments(seg: Segmentation, l: ImageLayout): Int32Array {
  const segOf = new Int32Array(l.channels * l.height * l.width);
  for (let c = 0; c < l.channels; c++) for (let y = 0; y < l.height; y++) for (let xx = 0; xx < l.width; xx++) segOf[at(l, c, y, xx)] = seg.labels[y * l.width + xx];
  return segOf;
}

/**
 * Anchor of the class `target` for image `x` over the superpixels `seg`. Precision counts the
 * samples whose top class is `target` (for a single-output model: whose side of 0.5 matches the
 * original image's). Seeded: the same inputs and seed give the same anchor.
 */
export async function imageAnchors(model: ImageModelFn, x: Float32Array, l: ImageLayout, seg: Segmentation, target: number, opts: ImageAnchorOptions = {}): Promise<ImageAnchor> {
  const m = seg.count;
  const tau = opts.threshold ?? 0.95;
  const delta = opts.delta ?? 0.1;
  const epsilon = opts.epsilon ?? 0.15;
  const batch = opts.batchSize ?? 10;
  const beam = opts.beamSize ?? 2;
  const maxSize = opts.maxAnchorSize ?? m;
  const maxSamples = opts.maxSamples ?? 2000;
  if (!(tau > 0 && tau <= 1)) throw new UsageError(`The anchors precision threshold must be in (0, 1]; got ${tau}. Pass e.g. --threshold 0.95.`);
  if (!(delta > 0 && delta < 1) || !(epsilon > 0)) throw new UsageError(`Anchors needs 0 < δ < 1 and ε > 0; got δ = ${delta}, ε = ${epsilon}.`);
  if (!Number.isInteger(batch) || batch < 1 || !Number.isInteger(beam) || beam < 1) throw new UsageError(`Anchors needs whole numbers ≥ 1 for the batch and beam sizes; got ${batch} and ${beam}.`);
  if (!Number.isInteger(maxSize) || maxSize < 0) throw new UsageError(`The largest anchor size must be a whole number ≥ 0; got ${maxSize}.`);
  if (!(maxSamples >= batch)) throw new UsageError(`Anchors needs at least ${batch} samples per candidate (one batch); got ${maxSamples}. Raise --samples.`);

  const base = superpixelBaseline(x, l, seg, opts.baseline ?? 'mean');
  const segOf = elementSegments(seg, l);
  const rng = new Rng(opts.seed ?? 0);
  let label = target;
  if (model.nClasses === 1) {
    // One output: the class is the side of 0.5 the original image falls on.
    const all = new Uint8Array(m).fill(1);
    label = (await classifyMasks(model, x, base, segOf, m, all, 1, opts.signal))[0];
  }
  let used = 0;

  /** Draws `count` more samples for each candidate, all in one batched pass through the model. */
  const draw = async (cands: Candidate[], count: number): Promise<void> => {
    const total = cands.length * count;
    const masks = new Uint8Array(total * m);
    cands.forEach((cand, a) => {
      for (let s = 0; s < count; s++) {
        const row = (a * count + s) * m;
        for (let j = 0; j < m; j++) masks[row + j] = rng.nextFloat() < 0.5 ? 1 : 0;
        for (const j of cand.ids) masks[row + j] = 1;
      }
    });
    const labels = await classifyMasks(model, x, base, segOf, m, masks, total, opts.signal);
    used += total;
    cands.forEach((cand, a) => {
      for (let s = 0; s < count; s++) if (labels[a * count + s] === label) cand.positives++;
      cand.n += count;
    });
  };
  // One confidence level for every acceptance test and the bounds reported with the anchor.
  const beta = Math.log((1 + (beam - 1) * m) / delta);
  const lower = (c: Candidate): number => klLowerBound(c.positives / c.n, beta / c.n);
  const upper = (c: Candidate): number => klUpperBound(c.positives / c.n, beta / c.n);
  /** Samples the candidates until each is decided against τ (or hits maxSamples); returns the accepted. */
  const settle = async (cands: Candidate[]): Promise<Candidate[]> => {
    const open = (c: Candidate): boolean => c.n < maxSamples && lower(c) < tau && upper(c) >= tau;
    for (let o = cands.filter(open); o.length > 0; o = o.filter(open)) await draw(o, Math.min(batch, maxSamples - Math.min(...o.map((c) => c.n))));
    return cands.filter((c) => lower(c) >= tau);
  };

  const empty: Candidate = { ids: [], n: 0, positives: 0 };
  await draw([empty], batch);
  let accepted = await settle([empty]);
  let best = empty;
  let parents = [empty];
  for (let size = 1; size <= Math.min(maxSize, m) && accepted.length === 0; size++) {
    const seen = new Set<string>();
    const cands: Candidate[] = [];
    for (const p of parents) {
      for (let j = 0; j < m; j++) {
        if (p.ids.includes(j)) continue;
        const ids = [...p.ids, j].sort((a, b) => a - b);
        const key = ids.join();
        if (seen.has(key)) continue;
        seen.add(key);
        cands.push({ ids, n: 0, positives: 0 });
      }
    }
    if (cands.length === 0) break;
    await draw(cands, batch);
    // Near-ties for the last beam slot can keep KL-LUCB pulling for long; capping its rounds
    // at maxSamples / batch bounds its model calls at 2 · maxSamples per anchor size.
    const maxRounds = Math.ceil(maxSamples / batch);
    const chosen = await klLucb(cands, Math.min(beam, cands.length), (which) => draw(which.map((i) => cands[i]), batch), { delta, epsilon, maxRounds });
    parents = chosen.map((i) => cands[i]);
    accepted = await settle(parents);
    // Without an accepted anchor, the best is the one whose precision is surely highest.
    for (const c of parents) if (lower(c) > lower(best)) best = c;
    opts.onProgress?.(size / Math.max(1, Math.min(maxSize, m)));
  }
  accepted.sort((a, b) => a.ids.length - b.ids.length || b.positives / b.n - a.positives / a.n || lower(b) - lower(a));
  const chosen = accepted[0] ?? best;
  return {
    superpixels: chosen.ids, found: accepted.length > 0,
    precision: chosen.positives / chosen.n, precisionLower: lower(chosen), precisionUpper: upper(chosen), anchorSamples: chosen.n,
    coverage: 0.5 ** chosen.ids.length, samples: used, label, threshold: tau, superpixelCount: m,
  };
}

/** Options of {@link superpixelAnchors}: the anchor search plus the SLIC segmentation. */
export interface SuperpixelAnchorOptions extends ImageAnchorOptions {
  segments?: number;
  compactness?: number;
}

/**
 * The `anchors` saliency method: SLIC, then {@link imageAnchors}. The map is 1 on the anchor's
 * superpixels and 0 elsewhere (H × W); the details carry the anchor and its statistics.
 */
export async function superpixelAnchors(model: ImageModelFn, x: Float32Array, l: ImageLayout, target: number, opts: SuperpixelAnchorOptions = {}): Promise<{ heatmap: Float32Array; anchor: ImageAnchor; details: Record<string, number | string> }> {
  const seg = slic(x, l, { segments: opts.segments, compactness: opts.compactness });
  const anchor = await imageAnchors(model, x, l, seg, target, opts);
  const inAnchor = new Float32Array(seg.count);
  for (const j of anchor.superpixels) inAnchor[j] = 1;
  return { heatmap: paintSegments(seg, inAnchor), anchor, details: anchorDetails(anchor) };
}

/** The anchor as the flat details a SaliencyMap carries (ids as a space-separated list). */
export function anchorDetails(a: ImageAnchor): Record<string, number | string> {
  return {
    superpixels: a.superpixelCount,
    anchor_superpixels: a.superpixels.join(' '),
    anchor_size: a.superpixels.length,
    anchor_found: String(a.found),
    ...(a.found ? {} : { anchor_note: `no anchor reached precision ${a.threshold} within the size limit; this is the best found (highest lower bound)` }),
    precision: a.precision,
    precision_lower: a.precisionLower,
    precision_upper: a.precisionUpper,
    threshold: a.threshold,
    coverage: a.coverage,
    anchor_samples: a.anchorSamples,
    samples: a.samples,
  };
}
