/**
 * Several saliency maps of one image at once (each method × each target class), plus what a
 * viewer needs to draw them: the image as RGB bytes at the model's input size and every map
 * as H × W floats. The VS Code saliency panel runs this in a worker thread
 * (saliencyWorker.ts); {@link probeSaliency} answers the pickers' questions first.
 */
import * as path from 'node:path';
import { CancelledError, DataError, PosthocError, throwIfAborted } from '../errors';
import { imageToRgb } from '../charts/saliency/overlay';
import { decodePixels, IMAGE_EXTENSIONS, pixelsToTensor, readTensorNpy, tensorDims, type PreprocessSpec } from '../images/preprocess';
import { imageInput, resolvePreprocess } from '../images/spec';
import { readModelFile, type OnnxModelFile } from '../onnx/modelFile';
import { inputGradients } from './gradientModel';
import { OnnxImageModel } from './imageModel';
import { argmax, bilinearResize, imageLayout } from './layout';
import { toProbabilities } from './quality';
import { computeSaliency, type SaliencyOptions } from './saliency';
import type { ImageTensor, SaliencyMethod } from './types';

/** Files the saliency views accept as the image: pictures, or a preprocessed .npy tensor. */
export const SALIENCY_INPUT_EXTENSIONS: readonly string[] = [...IMAGE_EXTENSIONS, '.npy'];

/** Which image and model, and how the image becomes the model's input. */
export interface SaliencyInputRequest {
  model: string;
  image: string;
  /** Preprocessing of picture inputs; missing fields are read off the model (as the CLI does). */
  preprocess?: Partial<PreprocessSpec>;
  /** Layout of a .npy input whose shape leaves it ambiguous. */
  layout?: 'nchw' | 'nhwc';
}

/** What the pickers need: the prediction and whether gradient methods can run. */
export interface SaliencyProbe {
  probabilities: number[];
  top: number;
  /** True when the model's gradient graph built and ran on this image. */
  gradients: boolean;
  gradientError?: string;
  /** The activation Grad-CAM would use, when the model has a convolution. */
  convLayer?: string;
  /** Class names the model carries (ZipMap or metadata), one per score. */
  classLabels?: string[];
}

/** The maps to compute. */
export interface SaliencyBatchRequest extends SaliencyInputRequest {
  methods: SaliencyMethod[];
  /** Classes to explain (default: the top prediction). */
  targets?: number[];
  /** Deletion/insertion curves for each map (default true). */
  quality?: boolean;
  seed?: number;
  /** Samples for the sampling methods and IG steps; each method's default when absent. */
  samples?: number;
  steps?: number;
  /** Model-randomisation check per map: the last 1…k weighted layers re-drawn (default 0: off). */
  sanityLayers?: number;
}

/** One (method, target) map, at the image's size. */
export interface SaliencyCell {
  method: SaliencyMethod;
  target: number;
  /** H × W values (Grad-CAM maps are upsampled), empty when `error` is set. */
  heatmap: Float32Array;
  completenessGap?: number;
  relativeGap?: number;
  deletionAuc?: number;
  insertionAuc?: number;
  /** Spearman ρ between this map and the map of the model with its last `layers` layers re-drawn. */
  sanity?: { layers: number; spearman: number }[];
  details: Record<string, number | string>;
  ms: number;
  /** Why this map could not be computed (the others still are). */
  error?: string;
}

/** Everything the saliency panel draws. */
export interface SaliencyBatchResult {
  model: string;
  image: string;
  width: number;
  height: number;
  /** H × W × 3 bytes: the picture as the model sees it (size, crop), or a min–max view of a .npy. */
  rgb: Uint8Array;
  probabilities: number[];
  top: number;
  cells: SaliencyCell[];
  /** The preprocessing used for a picture input. */
  preprocess?: PreprocessSpec;
  /** Class names the model carries, one per score. */
  classLabels?: string[];
}

interface LoadedInput {
  input: ImageTensor;
  rgb: Uint8Array;
  spec?: PreprocessSpec;
  /** The model file, when reading a picture needed it (its input says the preprocessing). */
  file?: OnnxModelFile;
}

/** Loads the model input and the RGB bytes shown under the maps. */
export async function loadSaliencyInput(r: SaliencyInputRequest): Promise<LoadedInput> {
  const ext = path.extname(r.image).toLowerCase();
  if (!SALIENCY_INPUT_EXTENSIONS.includes(ext)) throw new DataError(`${path.basename(r.image)} is not an image: pick a ${SALIENCY_INPUT_EXTENSIONS.join(', ')} file.`);
  if (ext === '.npy') {
    const input = await readTensorNpy(r.image);
    return { input, rgb: imageToRgb(input.data, imageLayout(input.dims, r.layout)) };
  }
  const file = await readModelFile(r.model);
  const { spec } = resolvePreprocess(imageInput(file.card.inputs), r.preprocess ?? {});
  // Decode once: the tensor and the picture shown under the maps come from the same pixels.
  const pixels = await decodePixels(r.image, spec);
  const dims = tensorDims(spec);
  const input = { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims };
  pixelsToTensor(pixels, spec, input.data);
  // The picture as the model sees it: the same resize and crop, shown in RGB whatever the order.
  const n = spec.width * spec.height;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) rgb[i * 3 + c] = spec.channels === 'gray' ? pixels[i] : pixels[i * 3 + (spec.channels === 'bgr' ? 2 - c : c)];
  }
  return { input, rgb, spec, file };
}

/** The model for this input, from the file already read for a picture's preprocessing when there is one. */
async function loadModel(r: SaliencyInputRequest, loaded: LoadedInput): Promise<OnnxImageModel> {
  return OnnxImageModel.fromFile(loaded.file ?? await readModelFile(r.model), loaded.input.dims);
}

/** Scores the image and tries the gradient graph once, so the pickers offer what will work. */
export async function probeSaliency(r: SaliencyInputRequest, signal?: AbortSignal): Promise<SaliencyProbe> {
  const loaded = await loadSaliencyInput(r);
  const { input } = loaded;
  const model = await loadModel(r, loaded);
  let scores: Float32Array;
  try {
    scores = await model.score(input.data, 1, signal);
  } finally {
    await model.dispose();
  }
  const top = argmax(scores);
  const probe: SaliencyProbe = { probabilities: Array.from(toProbabilities(scores)), top, gradients: false };
  throwIfAborted(signal);
  try {
    const g = await inputGradients(r.model, input.dims, scores.length, model.fixedBatch);
    try {
      await g.grad(input.data, 1, top);
      probe.gradients = true;
    } finally {
      await g.dispose();
    }
  } catch (err) {
    probe.gradientError = (err as Error).message;
  }
  probe.convLayer = model.convLayer;
  if (model.classLabels) probe.classLabels = model.classLabels;
  return probe;
}

/** Computes every (method, target) map; a map that fails carries its error, the rest still run. */
export async function runSaliencyBatch(r: SaliencyBatchRequest, hooks: { signal?: AbortSignal; onProgress?: (message: string, fraction: number) => void } = {}): Promise<SaliencyBatchResult> {
  if (r.methods.length === 0) throw new PosthocError('Pick at least one saliency method.', 'usage');
  const loaded = await loadSaliencyInput(r);
  const { input, rgb, spec } = loaded;
  const l = imageLayout(input.dims, r.layout);
  // One model for every map. Awaited per map, so a model that fails to load fails each map with
  // its message, as loading it per map did; the handler keeps an unawaited failure quiet.
  const loading = loadModel(r, loaded);
  loading.catch(() => undefined);
  const cells: SaliencyCell[] = [];
  let classLabels: string[] | undefined;
  let probabilities: number[] = [];
  let top = 0;
  const targets: (number | undefined)[] = r.targets && r.targets.length > 0 ? r.targets : [undefined];
  const total = targets.length * r.methods.length;
  try {
    for (const target of targets) {
      for (const method of r.methods) {
        throwIfAborted(hooks.signal);
        hooks.onProgress?.(`${method}${target === undefined ? '' : `, class ${target}`} (${cells.length + 1} of ${total})`, cells.length / total);
        const t0 = performance.now();
        const options: SaliencyOptions = {
          modelPath: r.model, input, layout: r.layout, method, target, upsample: true, quality: r.quality ?? true, seed: r.seed ?? 0,
          ...(r.samples ? { samples: r.samples } : {}), ...(r.steps ? { steps: r.steps } : {}), signal: hooks.signal,
          ...(r.sanityLayers ? { sanityLayers: r.sanityLayers } : {}),
        };
        try {
          const s = await computeSaliency(options, await loading);
          probabilities = s.probabilities;
          classLabels = s.classLabels;
          top = argmax(s.scores);
          const [h, w] = s.map.heatmapDims;
          cells.push({
            method, target: s.target, details: s.map.details, ms: performance.now() - t0,
            heatmap: h === l.height && w === l.width ? s.map.heatmap : bilinearResize(s.map.heatmap, h, w, l.height, l.width),
            ...(s.completeness ? { completenessGap: s.completeness.gap, relativeGap: s.completeness.relativeGap } : {}),
            ...(s.quality ? { deletionAuc: s.quality.deletion.auc, insertionAuc: s.quality.insertion.auc } : {}),
            ...(s.sanity ? { sanity: s.sanity } : {}),
          });
        } catch (err) {
          if (err instanceof CancelledError || hooks.signal?.aborted) throw err instanceof CancelledError ? err : new CancelledError();
          cells.push({ method, target: target ?? top, heatmap: new Float32Array(0), details: {}, ms: performance.now() - t0, error: (err as Error).message });
        }
      }
    }
  } finally {
    await loading.then((m) => m.dispose(), () => undefined);
  }
  hooks.onProgress?.('done', 1);
  return { model: r.model, image: r.image, width: l.width, height: l.height, rgb, probabilities, top, cells, ...(spec ? { preprocess: spec } : {}), ...(classLabels ? { classLabels } : {}) };
}
