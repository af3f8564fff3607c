/**
 * Gradients of ONNX models as ONNX graphs: the backward pass of d(seed · output)/d(input) and
 * d/d(intermediate) is appended to the model as standard ONNX nodes and run by onnxruntime in
 * the same session as the forward pass. Used by saliency maps, Grad-CAM and integrated gradients.
 */
import type { onnx } from 'onnx-proto';

export { GradientSession, probeShapes, relaxBatchAxis, type GradientLoadOptions, type GradientRequest, type TensorValue } from './session';
export { buildGradientModel, gradOutputName, SEED_INPUT, WEIGHTS_INPUT, type BuildRequest } from './backward';
export { UnsupportedOperatorError } from './unsupported';
export { GRAD_RULES } from './rules/index';

const POOLS = new Set(['GlobalAveragePool', 'GlobalMaxPool']);
const PASS_THROUGH = new Set(['Relu', 'LeakyRelu', 'Clip', 'Sigmoid', 'HardSwish', 'HardSigmoid', 'Tanh', 'BatchNormalization', 'Identity', 'Add', 'Mul', 'Dropout']);

/**
 * The last 4-D activation before global pooling (Grad-CAM's default layer): the input of the last
 * GlobalAveragePool/GlobalMaxPool or spatial ReduceMean; without one, the output of the last Conv
 * followed through the activations that directly consume it. Undefined when there is no Conv.
 */
export function findLastConvActivation(model: onnx.IModelProto): string | undefined {
  const nodes = model.graph?.node ?? [];
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k];
    if (POOLS.has(n.opType ?? '')) return n.input?.[0] ?? undefined;
    if (n.opType === 'ReduceMean' && isSpatialMean(n)) return n.input?.[0] ?? undefined;
  }
  const convIndex = nodes.map((n) => n.opType).lastIndexOf('Conv');
  if (convIndex < 0) return undefined;
  let tensor = nodes[convIndex].output?.[0] ?? undefined;
  for (let k = convIndex + 1; k < nodes.length && tensor; k++) {
    const n = nodes[k];
    if (PASS_THROUGH.has(n.opType ?? '') && (n.input ?? []).includes(tensor)) tensor = n.output?.[0] ?? tensor;
  }
  return tensor;
}

function isSpatialMean(n: onnx.INodeProto): boolean {
  const axes = (n.attribute ?? []).find((a) => a.name === 'axes')?.ints?.map(Number) ?? [];
  const set = new Set(axes.map((a) => (a < 0 ? a + 4 : a)));
  return set.size === 2 && set.has(2) && set.has(3);
}
