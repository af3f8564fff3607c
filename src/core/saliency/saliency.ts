/**
 * `computeSaliency`: one entry point for every saliency method. Loads the model (or takes one
 * already loaded, so a grid of maps of one image loads it once), picks the target (argmax
 * unless given), runs the method, and optionally the quality checks (deletion/insertion
 * curves, cascading model-randomisation sanity check).
 */
import { ModelError, UsageError, throwIfAborted } from '../errors';
import { superpixelAnchors } from './anchors';
import { gradCamMap } from './gradCam';
import { inputGradients, layerGradient } from './gradientModel';
import { inputXGradient, integratedGradients, makeBaseline, smoothGrad, vanillaGradient, type BaselineKind } from './gradients';
import { OnnxImageModel } from './imageModel';
import { argmax, bilinearResize, broadcastChannels, imageLayout, reduceChannels } from './layout';
import { occlusion } from './occlusion';
import { deletionInsertion, spearman, toProbabilities, type QualityCurve } from './quality';
import type { QuadratureRule } from './quadrature';
import { randomizeLastLayers, layerWeights } from './randomize';
import { rise } from './rise';
import { slic } from './slic';
import { boxBlur, paintSegments, superpixelLime, superpixelShap, type SuperpixelBaseline } from './superpixels';
import { GRADIENT_METHODS, type ImageLayout, type ImageTensor, type SaliencyMap, type SaliencyMethod } from './types';

/** Options of {@link computeSaliency}; method-specific ones are ignored by other methods. */
export interface SaliencyOptions {
  modelPath: string;
  input: ImageTensor;
  /** Tensor layout when the shape leaves it ambiguous (default: guessed, see imageLayout). */
  layout?: 'nchw' | 'nhwc';
  method: SaliencyMethod;
  /** Class index to explain (default: the predicted class). */
  target?: number;
  /** Grad-CAM layer (default: the last 4-D convolutional activation). */
  layer?: string;
  /** Grad-CAM: resize the map to the input size. */
  upsample?: boolean;
  /** gradient: absolute values instead of signed. */
  abs?: boolean;
  /** IG steps (default 50) and rule (default gauss-legendre). */
  steps?: number;
  rule?: QuadratureRule;
  /** IG baseline: a kind or an image-shaped array. */
  baseline?: BaselineKind | Float32Array;
  /** SmoothGrad/VarGrad samples, RISE masks, LIME/SHAP perturbations, anchors' max samples per candidate. */
  samples?: number;
  /** Anchors: precision threshold τ (default 0.95). */
  threshold?: number;
  /** SmoothGrad noise std as a fraction of the input range (default 0.15). */
  noise?: number;
  seed?: number;
  /** Occlusion window, stride, fill. */
  window?: number;
  stride?: number;
  fill?: number;
  /** Superpixels: count, compactness, off-fill. */
  segments?: number;
  compactness?: number;
  superpixelBaseline?: SuperpixelBaseline;
  /** Compute deletion/insertion curves. */
  quality?: boolean;
  /** Run the cascading randomisation check over up to this many last layers (0 = off). */
  sanityLayers?: number;
  signal?: AbortSignal;
  /** Keep gradient sessions for later calls on the same model file (default true; see gradientModel.ts). */
  cacheGradients?: boolean;
}

/** Everything {@link computeSaliency} returns. */
export interface SaliencyResult {
  map: SaliencyMap;
  model: string;
  inputDims: number[];
  target: number;
  /** Raw model output for the image and its probabilities (softmax unless already). */
  scores: number[];
  probabilities: number[];
  /** IG only. */
  completeness?: { fx: number; fBaseline: number; gap: number; relativeGap: number };
  timings: { totalMs: number; forwardMs: number; methodMs: number; qualityMs?: number };
  quality?: { deletion: QualityCurve; insertion: QualityCurve };
  sanity?: { layers: number; spearman: number }[];
  /** Class names the model carries, one per score. */
  classLabels?: string[];
}

/** Per-pixel map (H × W or the raw layer's h × w) and the attribution tensor for one method. */
async function runMethod(o: SaliencyOptions, model: OnnxImageModel, l: ImageLayout, target: number, fx: number): Promise<{ map: SaliencyMap; completeness?: SaliencyResult['completeness'] }> {
  const x = o.input.data;
  const dims = o.input.dims;
  const pixelMap = (heat: Float32Array, details: Record<string, number | string> = {}): SaliencyMap => ({ method: o.method, attribution: broadcastChannels(l, heat), dims, heatmap: heat, heatmapDims: [l.height, l.width], target, details });
  const elementMap = (attr: Float32Array, details: Record<string, number | string> = {}): SaliencyMap => ({ method: o.method, attribution: attr, dims, heatmap: reduceChannels(l, attr), heatmapDims: [l.height, l.width], target, details });
  switch (o.method) {
    case 'occlusion':
      return { map: pixelMap(await occlusion(model, x, l, target, fx, o)) };
    case 'rise':
      return { map: pixelMap(await rise(model, x, l, target, { masks: o.samples, seed: o.seed, signal: o.signal })) };
    case 'superpixel-lime':
    case 'superpixel-shap': {
      const seg = slic(x, l, { segments: o.segments, compactness: o.compactness });
      const sp = { baseline: o.superpixelBaseline, samples: o.samples, seed: o.seed, signal: o.signal };
      if (o.method === 'superpixel-lime') {
        const fit = await superpixelLime(model, x, l, seg, target, sp);
        return { map: pixelMap(paintSegments(seg, fit.coef), { superpixels: seg.count, lime_r2: fit.score }) };
      }
      const shap = await superpixelShap(model, x, l, seg, target, sp);
      return { map: pixelMap(paintSegments(seg, shap.phi), { superpixels: seg.count, exact: String(shap.exact), f_baseline: shap.fBase }) };
    }
    case 'anchors': {
      const a = await superpixelAnchors(model, x, l, target, { segments: o.segments, compactness: o.compactness, baseline: o.superpixelBaseline, threshold: o.threshold, maxSamples: o.samples, seed: o.seed, signal: o.signal });
      return { map: pixelMap(a.heatmap, a.details) };
    }
    case 'grad-cam':
    case 'grad-cam++': {
      // The layer comes from the model decoded at load; layerGradient would decode it again.
      const lg = await layerGradient(o.modelPath, model.file.bytes, x, dims, model.nClasses, target, o.layer ?? model.convLayer, { cache: o.cacheGradients, relaxBatch: model.batchRelaxed });
      const cam = gradCamMap(lg.activation, lg.gradient, lg.dims, o.method === 'grad-cam++');
      if (o.upsample) {
        const up = bilinearResize(cam.map, cam.h, cam.w, l.height, l.width);
        return { map: { method: o.method, attribution: up, dims: [l.height, l.width], heatmap: up, heatmapDims: [l.height, l.width], target, details: { layer: lg.layer } } };
      }
      return { map: { method: o.method, attribution: cam.map, dims: [cam.h, cam.w], heatmap: cam.map, heatmapDims: [cam.h, cam.w], target, details: { layer: lg.layer } } };
    }
    default: {
      const g = await inputGradients(o.modelPath, dims, model.nClasses, model.fixedBatch, { cache: o.cacheGradients, relaxBatch: model.batchRelaxed });
      try {
        const common = { nClasses: model.nClasses, maxBatch: g.maxBatch, weightedSum: g.weightedSum };
        switch (o.method) {
          case 'gradient':
            return { map: elementMap(await vanillaGradient(g.grad, x, target, o.abs)) };
          case 'input-x-gradient':
            return { map: elementMap(await inputXGradient(g.grad, x, target)) };
          case 'integrated-gradients': {
            const baseline = o.baseline instanceof Float32Array ? o.baseline : makeBaseline(x, l, o.baseline ?? 'zero', o.seed);
            const ig = await integratedGradients(g.grad, x, target, { ...common, baseline, steps: o.steps, rule: o.rule });
            return { map: elementMap(ig.attribution, { steps: o.steps ?? 50, rule: o.rule ?? 'gauss-legendre' }), completeness: { fx: ig.fx, fBaseline: ig.fBaseline, gap: ig.gap, relativeGap: ig.relativeGap } };
          }
          default:
            return { map: elementMap(await smoothGrad(g.grad, x, target, { ...common, kind: o.method as 'smoothgrad', samples: o.samples, noise: o.noise, seed: o.seed })) };
        }
      } finally {
        await g.dispose();
      }
    }
  }
}

/**
 * Computes a saliency map (and the asked-for checks) for one image. Pass `loaded` (from
 * {@link OnnxImageModel.load} with this input's shape, the file `o.modelPath` names) to reuse
 * one model across calls; it is left open. Without it the model is loaded and released here.
 */
export async function computeSaliency(o: SaliencyOptions, loaded?: OnnxImageModel): Promise<SaliencyResult> {
  const t0 = performance.now();
  const l = imageLayout(o.input.dims, o.layout);
  const size = o.input.dims.reduce((a, b) => a * b, 1);
  if (o.input.data.length !== size) throw new UsageError(`The input has ${o.input.data.length} values but shape [${o.input.dims.join(', ')}].`);
  const inputDims = o.input.dims.length === 3 ? [1, ...o.input.dims] : o.input.dims;
  const input = { data: o.input.data, dims: inputDims };
  if (loaded && loaded.inputDims.join(',') !== inputDims.join(',')) {
    throw new ModelError(`The model was loaded for inputs of shape [${loaded.inputDims.join(', ')}] but this input is [${inputDims.join(', ')}]; load it again for this shape.`);
  }
  const model = loaded ?? await OnnxImageModel.load(o.modelPath, inputDims);
  try {
    const tf = performance.now();
    const scores = Array.from(await model.score(input.data, 1, o.signal));
    const forwardMs = performance.now() - tf;
    const target = o.target ?? argmax(scores);
    if (!Number.isInteger(target) || target < 0 || target >= model.nClasses) throw new UsageError(`--target ${target} is out of range; the model has ${model.nClasses} output(s), 0–${model.nClasses - 1}.`);
    throwIfAborted(o.signal);
    const opts = { ...o, input };
    const tm = performance.now();
    const { map, completeness } = await runMethod(opts, model, l, target, scores[target]);
    const methodMs = performance.now() - tm;
    const result: SaliencyResult = {
      map, model: o.modelPath, inputDims, target, scores, probabilities: Array.from(toProbabilities(scores)), completeness,
      timings: { totalMs: 0, forwardMs, methodMs },
      ...(model.classLabels ? { classLabels: model.classLabels } : {}),
    };
    if (o.quality || (o.sanityLayers ?? 0) > 0) {
      const tq = performance.now();
      if (o.quality) {
        const heat = map.heatmapDims[0] === l.height ? map.heatmap : bilinearResize(map.heatmap, map.heatmapDims[0], map.heatmapDims[1], l.height, l.width);
        const blurred = boxBlur(input.data, l, Math.max(1, Math.round(Math.min(l.height, l.width) / 8)));
        result.quality = await deletionInsertion(model, input.data, l, heat, target, { start: blurred, signal: o.signal });
      }
      if ((o.sanityLayers ?? 0) > 0) result.sanity = await sanityCheck(o, model, input, target, map.heatmap);
      result.timings.qualityMs = performance.now() - tq;
    }
    result.timings.totalMs = performance.now() - t0;
    return result;
  } finally {
    if (!loaded) await model.dispose();
  }
}

/** Spearman ρ of |original| vs |randomised| maps as the last 1, 2, … layers are re-drawn. */
async function sanityCheck(o: SaliencyOptions, model: OnnxImageModel, input: ImageTensor, target: number, original: Float32Array): Promise<{ layers: number; spearman: number }[]> {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { bytes } = model.file;
  const nLayers = Math.min(o.sanityLayers ?? 0, layerWeights(model.file.model).length);
  const dir = await mkdtemp(join(tmpdir(), 'posthoc-sanity-'));
  const out: { layers: number; spearman: number }[] = [];
  try {
    for (let k = 1; k <= nLayers; k++) {
      // Gradient sessions load from a path, so each randomised model is written to a temp file.
      const file = join(dir, `random-${k}.onnx`);
      await writeFile(file, randomizeLastLayers(bytes, k, o.seed ?? 0));
      // One-off models: caching their gradient sessions would only push out the real model's.
      const r = await computeSaliency({ ...o, modelPath: file, input, target, quality: false, sanityLayers: 0, cacheGradients: false });
      out.push({ layers: k, spearman: spearman(original.map(Math.abs), r.map.heatmap.map(Math.abs)) });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

export { GRADIENT_METHODS };
