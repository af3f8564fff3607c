/**
 * Image preprocessing, described once as a {@link PreprocessSpec} (saved with the run) and
 * applied the same way everywhere (evaluation, saliency): decode with sharp, resize, pick
 * channels, then scale, normalise and lay out as a float tensor in JavaScript.
 */
import * as path from 'node:path';
import type { OutputInfo } from 'sharp';
import type sharpDefault from 'sharp';
import { readNpy } from '../data/npy';
import { DataError, UsageError } from '../errors';

export type ResizeMode = 'shorter' | 'exact';
export type ChannelOrder = 'rgb' | 'bgr' | 'gray';
export type Layout = 'nchw' | 'nhwc';

/** How an image becomes a model input. JSON-serialisable; `posthoc evaluate --preprocess FILE` reads it. */
export interface PreprocessSpec {
  width: number;
  height: number;
  /** 'shorter': scale the shorter side to fit, then crop the centre (torchvision Resize + CenterCrop); 'exact': stretch. */
  resize: ResizeMode;
  channels: ChannelOrder;
  /** Multiplies the 0–255 pixel values first (1/255 gives 0–1). */
  scale: number;
  /** Per-channel mean and std, applied after `scale`: (x·scale − mean) / std. */
  mean?: number[];
  std?: number[];
  layout: Layout;
  /** Element type the model expects; values are computed in float32 either way. */
  dtype: 'float32' | 'uint8';
}

/** A preprocessed image: one tensor with a leading batch axis of 1. */
export interface ImageTensor {
  data: Float32Array;
  dims: number[];
}

/** File extensions read as images. */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp'];

let sharpModule: typeof sharpDefault | undefined;
/** sharp, loaded on first use (a large native module). */
export function sharpLib(): typeof sharpDefault {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load of a native module
  sharpModule ??= require('sharp') as typeof sharpDefault;
  return sharpModule;
}

/** Number of channels the tensor has. */
export function channelCount(spec: PreprocessSpec): number {
  return spec.channels === 'gray' ? 1 : 3;
}

/** Tensor dims for `batch` images. */
export function tensorDims(spec: PreprocessSpec, batch = 1): number[] {
  const c = channelCount(spec);
  return spec.layout === 'nchw' ? [batch, c, spec.height, spec.width] : [batch, spec.height, spec.width, c];
}

/** Checks a spec (from flags or a JSON file) and names the field at fault. */
export function checkSpec(spec: PreprocessSpec): PreprocessSpec {
  const bad = (what: string) => { throw new UsageError(`preprocessing: ${what}`); };
  for (const k of ['width', 'height'] as const) if (!Number.isInteger(spec[k]) || spec[k] < 1 || spec[k] > 8192) bad(`${k} must be a whole number from 1 to 8192; got ${spec[k]}`);
  if (!['shorter', 'exact'].includes(spec.resize)) bad(`resize must be 'shorter' or 'exact'; got '${spec.resize}'`);
  if (!['rgb', 'bgr', 'gray'].includes(spec.channels)) bad(`channels must be rgb, bgr or gray; got '${spec.channels}'`);
  if (!['nchw', 'nhwc'].includes(spec.layout)) bad(`layout must be nchw or nhwc; got '${spec.layout}'`);
  if (!['float32', 'uint8'].includes(spec.dtype)) bad(`dtype must be float32 or uint8; got '${spec.dtype}'`);
  if (!(Number.isFinite(spec.scale) && spec.scale > 0)) bad(`scale must be a positive number; got ${spec.scale}`);
  const c = channelCount(spec);
  for (const k of ['mean', 'std'] as const) {
    const v = spec[k];
    if (v === undefined) continue;
    if (!Array.isArray(v) || (v.length !== c && v.length !== 1) || v.some((x) => !Number.isFinite(x))) bad(`${k} needs ${c} numbers (one per channel) or 1; got ${JSON.stringify(v)}`);
  }
  if (spec.std?.some((s) => s === 0)) bad('std must not contain 0');
  return spec;
}

/** Decodes, resizes and converts to 8-bit pixels in the spec's channel order (HWC, interleaved). */
export async function decodePixels(input: Buffer | string, spec: PreprocessSpec): Promise<Uint8Array> {
  const sharp = sharpLib();
  const name = typeof input === 'string' ? input : 'image buffer';
  let raw: { data: Buffer; info: OutputInfo };
  try {
    // sharp skips the resampling when the image already has the target size (the tests check
    // such images stay bit-identical), so no metadata() round trip is needed first.
    const img = sharp(input, { failOn: 'error' }).removeAlpha()
      .resize(spec.width, spec.height, { fit: spec.resize === 'exact' ? 'fill' : 'cover', position: 'centre' });
    raw = await img.raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new DataError(`cannot decode ${name}: ${(e as Error).message}. Images must be PNG, JPEG or WebP.`);
  }
  const { data, info } = raw;
  const want = channelCount(spec);
  const n = spec.width * spec.height;
  if (info.channels === want && spec.channels !== 'bgr') return data;
  const out = new Uint8Array(n * want);
  for (let i = 0; i < n; i++) {
    if (want === 1) {
      const p = i * info.channels;
      // ITU-R BT.601 luma in 16-bit fixed point with rounding, the conversion PIL's convert('L')
      // (and so torchvision's Grayscale) uses; libvips' own b-w goes through linear light instead.
      out[i] = info.channels === 1 ? data[p] : (data[p] * 19595 + data[p + 1] * 38470 + data[p + 2] * 7471 + 0x8000) >>> 16;
      continue;
    }
    // A grayscale source has one channel: repeat it into all three.
    const src = info.channels === 1 ? [i, i, i] : [i * info.channels, i * info.channels + 1, i * info.channels + 2];
    const order = spec.channels === 'bgr' ? [2, 1, 0] : [0, 1, 2];
    for (let c = 0; c < 3; c++) out[i * 3 + c] = data[src[order[c]]];
  }
  return out;
}

/**
 * Writes interleaved 8-bit pixels of one image into `out` at `offset` (in elements), applying
 * scale, mean/std and layout. Used per image and per batch slot, so batches need no copy.
 */
export function pixelsToTensor(pixels: Uint8Array, spec: PreprocessSpec, out: Float32Array, offset = 0): void {
  const c = channelCount(spec);
  const n = spec.width * spec.height;
  // (x·scale − mean)/std in float32 steps, the same values numpy's float32 arithmetic gives.
  const pick = (v: number[] | undefined, k: number, dflt: number) => Math.fround(v ? v[v.length === 1 ? 0 : k] : dflt);
  const means = Float32Array.from({ length: c }, (_, k) => pick(spec.mean, k, 0));
  const stds = Float32Array.from({ length: c }, (_, k) => pick(spec.std, k, 1));
  // A scale of 1/k is applied as a division by k, as torchvision's ToTensor (x / 255) does, so
  // tensors match PyTorch pipelines bit for bit; other scales multiply.
  const inv = 1 / spec.scale;
  const divisor = Math.abs(inv - Math.round(inv)) < 1e-9 * inv ? Math.round(inv) : undefined;
  const scale = Math.fround(spec.scale);
  // Pixels are 8-bit: one 256-entry table per channel replaces the arithmetic (10× faster).
  const lut = new Float32Array(256 * c);
  for (let k = 0; k < c; k++) {
    for (let x = 0; x < 256; x++) {
      const scaled = Math.fround(divisor !== undefined ? x / divisor : x * scale);
      lut[k * 256 + x] = Math.fround(scaled - means[k]) / stds[k];
    }
  }
  if (spec.layout === 'nhwc') {
    for (let i = 0; i < n * c; i++) out[offset + i] = lut[(i % c) * 256 + pixels[i]];
    return;
  }
  for (let k = 0; k < c; k++) {
    const plane = offset + k * n;
    const base = k * 256;
    for (let i = 0, p = k; i < n; i++, p += c) out[plane + i] = lut[base + pixels[p]];
  }
}

/** The spec's [1, …] dims and the tensor to fill: `out` from `offset` (a batch slot) or a new array. */
function target(spec: PreprocessSpec, out?: Float32Array, offset = 0): ImageTensor {
  const dims = tensorDims(spec);
  const size = dims.reduce((a, b) => a * b, 1);
  if (!out) return { data: new Float32Array(size), dims };
  if (offset < 0 || offset + size > out.length) throw new RangeError(`an image of ${size} values does not fit at ${offset} in a buffer of ${out.length}`);
  return { data: out.subarray(offset, offset + size), dims };
}

/**
 * Preprocesses one image (a path or encoded bytes) into a [1, …] float tensor. With `out`, the
 * values are written there from `offset` (a slot of a batch) and the tensor is a view of it.
 */
export async function preprocessImage(input: Buffer | string, spec: PreprocessSpec, out?: Float32Array, offset = 0): Promise<ImageTensor> {
  const pixels = await decodePixels(input, spec);
  const t = target(spec, out, offset);
  pixelsToTensor(pixels, spec, t.data);
  return t;
}

/**
 * Loads one model input: an image (preprocessed with `spec`), or an .npy holding an already
 * preprocessed tensor of the spec's shape, with or without the leading batch axis of 1.
 * `out`/`offset` as in {@link preprocessImage}.
 */
export async function loadImageInput(file: string, spec: PreprocessSpec, out?: Float32Array, offset = 0): Promise<ImageTensor> {
  if (path.extname(file).toLowerCase() !== '.npy') return preprocessImage(file, spec, out, offset);
  const a = await readNpy(file);
  const dims = tensorDims(spec);
  const shape = a.shape.length === dims.length - 1 ? [1, ...a.shape] : a.shape;
  if (shape.join(',') !== dims.join(',')) {
    throw new DataError(`${file} holds an array of shape (${a.shape.join(', ')}); the model input needs (${dims.join(', ')}) (or without the leading 1).`);
  }
  const data = a.data instanceof Float32Array ? a.data : Float32Array.from(a.data as ArrayLike<number | bigint>, Number);
  if (!out) return { data, dims };
  const t = target(spec, out, offset);
  t.data.set(data);
  return t;
}

/**
 * Decodes `files` (images or .npy inputs) into one batch tensor of `slots` images, each written
 * straight into its slot; slots beyond the files stay zero.
 */
export async function decodeBatch(files: readonly string[], slots: number, spec: PreprocessSpec): Promise<Float32Array> {
  const size = tensorDims(spec).reduce((a, b) => a * b, 1);
  const out = new Float32Array(slots * size);
  await Promise.all(files.map((f, j) => loadImageInput(f, spec, out, j * size)));
  return out;
}

/**
 * A preprocessed model input saved as .npy (float values; integers are refused), as float32.
 * A 3-D array gets the leading batch axis of 1.
 */
export async function readTensorNpy(file: string): Promise<ImageTensor> {
  const a = await readNpy(file);
  if (typeof a.data[0] === 'bigint') throw new DataError(`${file} holds integers; save the preprocessed input as float32.`);
  const data = a.data instanceof Float32Array ? a.data : Float32Array.from(a.data as ArrayLike<number>);
  return { data, dims: a.shape.length === 3 ? [1, ...a.shape] : a.shape };
}
