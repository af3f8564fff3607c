/**
 * Completing a preprocessing spec: what the user said wins; what they did not say is read off
 * the model's image input ([N,3,224,224] → NCHW, 224×224, RGB), and every guess is reported.
 */
import { ModelError, UsageError, listNames } from '../errors';
import type { TensorSpec } from '../evaluate/types';
import { checkSpec, type PreprocessSpec } from './preprocess';

/** A complete spec and the warnings that say what was assumed. */
export interface ResolvedPreprocess {
  spec: PreprocessSpec;
  warnings: string[];
  /** The model's batch dimension when it is fixed (e.g. exported with batch 1). */
  fixedBatch?: number;
}

/** Default size when neither the model nor the user gives one. */
const DEFAULT_SIZE = 224;

const num = (d: number | string | null | undefined): number | undefined => (typeof d === 'number' && d > 0 ? d : undefined);

/** Picks the model's image input: the only input, or the first 4-D float/uint8 one. */
export function imageInput(inputs: readonly TensorSpec[]): TensorSpec {
  const fourD = inputs.filter((t) => t.shape.length === 4);
  const chosen = inputs.length === 1 ? inputs[0] : fourD[0];
  if (!chosen || chosen.shape.length !== 4) {
    throw new ModelError(
      `image evaluation needs a model with a 4-D image input ([N,C,H,W] or [N,H,W,C]); its inputs are ${listNames(inputs.map((t) => `${t.name} [${t.shape.join(', ')}]`))}.`,
    );
  }
  if (chosen.type !== 'float' && chosen.type !== 'uint8') {
    throw new ModelError(`the model's image input '${chosen.name}' is of type ${chosen.type}; float and uint8 inputs are supported.`);
  }
  return chosen;
}

/** Completes `given` from the model's image input; throws UsageError when they contradict. */
export function resolvePreprocess(input: TensorSpec, given: Partial<PreprocessSpec> = {}): ResolvedPreprocess {
  const shape = input.shape;
  const guessed: string[] = [];
  let layout = given.layout;
  if (!layout) {
    const c1 = num(shape[1]), c3 = num(shape[3]);
    layout = (c3 === 1 || c3 === 3) && !(c1 === 1 || c1 === 3) ? 'nhwc' : 'nchw';
    guessed.push(layout.toUpperCase());
  }
  const [cDim, hDim, wDim] = layout === 'nchw' ? [shape[1], shape[2], shape[3]] : [shape[3], shape[1], shape[2]];
  const modelC = num(cDim), modelH = num(hDim), modelW = num(wDim);
  let height = given.height ?? modelH;
  let width = given.width ?? modelW;
  if (height === undefined || width === undefined) {
    height ??= width ?? DEFAULT_SIZE;
    width ??= height;
    guessed.push(`${width}×${height} (the model's size is not fixed; pass --image-size)`);
  } else if (given.height === undefined || given.width === undefined) {
    guessed.push(`${width}×${height}`);
  }
  if ((modelH !== undefined && modelH !== height) || (modelW !== undefined && modelW !== width)) {
    throw new UsageError(`--image-size ${width}x${height} does not fit the model input '${input.name}' [${shape.join(', ')}], which takes ${modelW}×${modelH} images.`);
  }
  let channels = given.channels;
  if (!channels) {
    channels = modelC === 1 ? 'gray' : 'rgb';
    guessed.push(channels === 'gray' ? 'grayscale' : 'RGB');
  }
  if (modelC !== undefined && modelC !== (channels === 'gray' ? 1 : 3)) {
    throw new UsageError(`--channels ${channels} gives ${channels === 'gray' ? 1 : 3} channel(s) but the model input '${input.name}' [${shape.join(', ')}] takes ${modelC}.`);
  }
  const dtype = input.type === 'uint8' ? 'uint8' : 'float32';
  if (given.dtype && given.dtype !== dtype) throw new UsageError(`dtype ${given.dtype} does not match the model input '${input.name}', which is ${input.type}.`);
  // uint8 models take raw pixels; float models get 0–1 by default, and no mean/std unless asked.
  const scale = given.scale ?? (dtype === 'uint8' ? 1 : 1 / 255);
  const spec = checkSpec({
    width, height, resize: given.resize ?? 'shorter', channels, scale, layout, dtype,
    ...(given.mean ? { mean: given.mean } : {}), ...(given.std ? { std: given.std } : {}),
  });
  const warnings: string[] = [];
  if (guessed.length > 0) warnings.push(`Preprocessing read off the model input '${input.name}' [${shape.map((d) => d ?? '?').join(', ')}]: ${guessed.join(', ')}.`);
  if (given.scale === undefined && dtype === 'float32' && !given.mean && !given.std) {
    warnings.push('Assumed pixel scale 1/255 (values 0–1) and no mean/std normalisation; pass --mean/--std (e.g. ImageNet 0.485,0.456,0.406 / 0.229,0.224,0.225) if the model was trained with them.');
  }
  const fixedBatch = num(shape[0]);
  return { spec, warnings, ...(fixedBatch !== undefined ? { fixedBatch } : {}) };
}
