/**
 * Bridges {@link GradientSession} (ONNX gradient graphs) to the saliency methods: a
 * {@link GradientFn} for input gradients, and layer activations + gradients for Grad-CAM.
 * Sessions are cached per (model file, what is differentiated): building a gradient graph and
 * its onnxruntime session costs far more than running it, and one image is often explained by
 * several methods and targets in a row.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ModelError } from '../errors';
import { GradientSession, findLastConvActivation, type GradientRequest } from '../onnx/grad';
import { decodeModel } from '../onnx/modelFile';
import type { WeightedGradientFn } from './gradients';
import type { GradientFn } from './types';

/** Loaded gradient graph of a model w.r.t. its image input. */
export interface InputGradients {
  grad: GradientFn;
  /** 1 when the model's batch axis is fixed. */
  maxBatch: number;
  /** Weighted sums of gradients over a batch, for IG and SmoothGrad (a second graph, built on first use). */
  weightedSum: WeightedGradientFn;
  /** Lets go of the session (a cached one stays alive for the next caller). */
  dispose: () => Promise<void>;
}

/** Options of {@link inputGradients} and {@link layerGradient}. */
export interface GradientModelOptions {
  /** Keep the session for later calls on the same model file (default true). */
  cache?: boolean;
  /** Free a fixed batch axis of 1 (only when OnnxImageModel found the graph per-row: `batchRelaxed`). */
  relaxBatch?: boolean;
}

interface CacheEntry {
  session: Promise<GradientSession>;
  users: number;
  evicted: boolean;
}

/** (model, request) pairs kept at once: one image explained by gradient, IG and Grad-CAM uses three. */
const MAX_CACHED = 4;
const cache = new Map<string, CacheEntry>();

/** A session for (file, request), from the cache when the file is unchanged; `release` when done. */
async function acquire(modelPath: string, request: GradientRequest, options: GradientModelOptions): Promise<{ session: GradientSession; release: () => Promise<void> }> {
  if (options.cache === false) {
    const session = await GradientSession.load(modelPath, request, { relaxBatch: options.relaxBatch });
    return { session, release: () => session.dispose() };
  }
  const path = resolve(modelPath);
  let key: string;
  try {
    const s = await stat(path);
    key = JSON.stringify([path, s.size, s.mtimeMs, request, !!options.relaxBatch]);
  } catch (err) {
    throw new ModelError(`Could not read the model ${modelPath}: ${(err as Error).message}`);
  }
  let entry = cache.get(key);
  if (entry) cache.delete(key);
  else entry = { session: GradientSession.load(modelPath, request, { relaxBatch: options.relaxBatch }), users: 0, evicted: false };
  cache.set(key, entry);
  entry.users++;
  for (const [k, e] of cache) {
    if (cache.size <= MAX_CACHED) break;
    if (e.users > 0) continue;
    cache.delete(k);
    e.evicted = true;
    void e.session.then((s) => s.dispose(), () => undefined);
  }
  let session: GradientSession;
  try {
    session = await entry.session;
  } catch (err) {
    if (cache.get(key) === entry) cache.delete(key);
    throw err;
  }
  const held = entry;
  let released = false;
  return {
    session,
    release: async () => {
      if (released) return;
      released = true;
      held.users--;
      // An entry pushed out while in use is disposed by its last user.
      if (held.evicted && held.users === 0) await session.dispose();
    },
  };
}

/** Disposes every cached gradient session (e.g. when the models on disk are about to change). */
export async function releaseGradientSessions(): Promise<void> {
  const all = [...cache.values()];
  cache.clear();
  for (const e of all) {
    e.evicted = true;
    if (e.users === 0) await e.session.then((s) => s.dispose(), () => undefined);
  }
}

function oneHotSeed(n: number, nClasses: number, target: number): Float32Array {
  const seed = new Float32Array(n * nClasses);
  for (let i = 0; i < n; i++) seed[i * nClasses + target] = 1;
  return seed;
}

/** The gradient of output[target] w.r.t. the input, batched along axis 0. */
export async function inputGradients(modelPath: string, inputDims: number[], nClasses: number, fixedBatch: boolean, options: GradientModelOptions = {}): Promise<InputGradients> {
  const { session, release } = await acquire(modelPath, {}, options);
  const input = session.inputNames[0];
  const dimsOf = (n: number) => [n, ...inputDims.slice(1)];
  const grad: GradientFn = async (batch, n, target) => {
    const r = await session.run({ [input]: { data: batch, dims: dimsOf(n) } }, oneHotSeed(n, nClasses, target));
    const g = r.grads[input];
    if (!g) throw new ModelError(`The gradient graph returned no gradient for input '${input}'.`);
    return { grads: g.data, outputs: r.output.data };
  };
  let summing: Promise<{ session: GradientSession; release: () => Promise<void> }> | undefined;
  const weightedSum: WeightedGradientFn = async (batch, n, target, weights) => {
    summing ??= acquire(modelPath, { batchWeights: true }, options);
    const s = (await summing).session;
    const r = await s.run({ [input]: { data: batch, dims: dimsOf(n) } }, oneHotSeed(n, nClasses, target), weights);
    const g = r.grads[input];
    if (!g) throw new ModelError(`The gradient graph returned no gradient for input '${input}'.`);
    return { sum: g.data, outputs: r.output.data };
  };
  const dispose = async () => {
    await release();
    if (summing) await summing.then((s) => s.release(), () => undefined);
  };
  return { grad, weightedSum, maxBatch: fixedBatch && !options.relaxBatch ? 1 : 1 << 30, dispose };
}

/** Activation and gradient of one layer at one image. */
export interface LayerGradient {
  layer: string;
  activation: Float32Array;
  gradient: Float32Array;
  dims: number[];
  outputs: Float32Array;
}

/** Runs the model once and returns the layer's activation and ∂output[target]/∂layer. */
export async function layerGradient(modelPath: string, bytes: Uint8Array, x: Float32Array, inputDims: number[], nClasses: number, target: number, layer?: string, options: GradientModelOptions = {}): Promise<LayerGradient> {
  const name = layer ?? findLastConvActivation(decodeModel(bytes, modelPath));
  if (!name) throw new ModelError('No 4-D convolutional activation was found for Grad-CAM; name one with --layer TENSOR_NAME.');
  const { session, release } = await acquire(modelPath, { layers: [name], wrt: [] }, options);
  try {
    const input = session.inputNames[0];
    const r = await session.run({ [input]: { data: x, dims: inputDims } }, oneHotSeed(1, nClasses, target));
    const act = r.activations[name];
    const g = r.grads[name];
    if (!act || !g) throw new ModelError(`Layer '${name}' gave no activation or gradient; check the tensor name with the model card.`);
    return { layer: name, activation: act.data, gradient: g.data, dims: act.dims, outputs: r.output.data };
  } finally {
    await release();
  }
}
