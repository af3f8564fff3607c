/**
 * Cascading weight randomisation for the model-randomisation sanity check (Adebayo et al.,
 * 2018): re-draw the weights of the last k parameterised layers, from the output backwards.
 */
import { onnx } from 'onnx-proto';
import { Rng } from '../metrics/rng';
import { decodeModel } from '../onnx/modelFile';

const LAYER_OPS = new Set(['Conv', 'Gemm', 'MatMul', 'ConvTranspose']);

/** Names of the float weight initialisers of parameterised layers, last layer first. */
export function layerWeights(model: onnx.ModelProto): string[][] {
  const inits = new Set((model.graph?.initializer ?? []).filter((t) => t.dataType === onnx.TensorProto.DataType.FLOAT).map((t) => t.name));
  const layers: string[][] = [];
  for (const node of model.graph?.node ?? []) {
    if (!LAYER_OPS.has(node.opType ?? '')) continue;
    const names = (node.input ?? []).filter((i) => inits.has(i));
    if (names.length > 0) layers.push(names);
  }
  return layers.reverse();
}

function floats(t: onnx.ITensorProto): Float32Array {
  if (t.rawData && t.rawData.length > 0) return new Float32Array(Uint8Array.from(t.rawData).buffer);
  return Float32Array.from(t.floatData ?? []);
}

/**
 * The model with the weights of its last `k` layers replaced by Gaussian draws of the same
 * mean and standard deviation (so activations keep their scale). Returns new bytes.
 */
export function randomizeLastLayers(bytes: Uint8Array, k: number, seed = 0): Uint8Array {
  const model = decodeModel(bytes, 'model');
  const targets = new Set(layerWeights(model).slice(0, k).flat());
  const rng = new Rng(seed);
  for (const t of model.graph?.initializer ?? []) {
    if (!targets.has(t.name ?? '')) continue;
    const v = floats(t);
    let mean = 0;
    for (const x of v) mean += x / v.length;
    let sd = 0;
    for (const x of v) sd += (x - mean) ** 2 / v.length;
    sd = Math.sqrt(sd) || 0.1;
    const out = Float32Array.from(v, () => mean + sd * Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat()));
    t.rawData = new Uint8Array(out.buffer);
    t.floatData = [];
  }
  return onnx.ModelProto.encode(model).finish();
}
