/**
 * Bridges {@link GradientSession} (ONNX gradient graphs) to the saliency methods: a
 * {@link GradientFn} for input gradients, and layer activations + gradients for Grad-CAM.
 */
import { ModelError } from '../errors';
import { GradientSession, findLastConvActivation } from '../onnx/grad';
import { decodeModel } from '../onnx/modelFile';
import type { GradientFn } from './types';

/** Loaded gradient graph of a model w.r.t. its image input. */
export interface InputGradients {
  grad: GradientFn;
  /** 1 when the model's batch axis is fixed. */
  maxBatch: number;
  dispose: () => Promise<void>;
}

function oneHotSeed(n: number, nClasses: number, target: number): Float32Array {
  const seed = new Float32Array(n * nClasses);
  for (let i = 0; i < n; i++) seed[i * nClasses + target] = 1;
  return seed;
}

/** The gradient of output[target] w.r.t. the input, batched along axis 0. */
export async function inputGradients(modelPath: string, inputDims: number[], nClasses: number, fixedBatch: boolean): Promise<InputGradients> {
  const session = await GradientSession.load(modelPath);
  const input = session.inputNames[0];
  const grad: GradientFn = async (batch, n, target) => {
    const r = await session.run({ [input]: { data: batch, dims: [n, ...inputDims.slice(1)] } }, oneHotSeed(n, nClasses, target));
    const g = r.grads[input];
    if (!g) throw new ModelError(`The gradient graph returned no gradient for input '${input}'.`);
    return { grads: g.data, outputs: r.output.data };
  };
  return { grad, maxBatch: fixedBatch ? 1 : 1 << 30, dispose: () => session.dispose() };
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
export async function layerGradient(modelPath: string, bytes: Uint8Array, x: Float32Array, inputDims: number[], nClasses: number, target: number, layer?: string): Promise<LayerGradient> {
  const name = layer ?? findLastConvActivation(decodeModel(bytes, modelPath));
  if (!name) throw new ModelError('No 4-D convolutional activation was found for Grad-CAM; name one with --layer TENSOR_NAME.');
  const session = await GradientSession.load(modelPath, { layers: [name], wrt: [] });
  try {
    const input = session.inputNames[0];
    const r = await session.run({ [input]: { data: x, dims: inputDims } }, oneHotSeed(1, nClasses, target));
    const act = r.activations[name];
    const g = r.grads[name];
    if (!act || !g) throw new ModelError(`Layer '${name}' gave no activation or gradient; check the tensor name with the model card.`);
    return { layer: name, activation: act.data, gradient: g.data, dims: act.dims, outputs: r.output.data };
  } finally {
    await session.dispose();
  }
}
