/**
 * Dynamic int8 weight quantization as an ONNX rewrite, in QDQ form: each float32 weight of a
 * MatMul, Gemm or Conv becomes an int8 initializer plus a DequantizeLinear node whose output
 * feeds the op. Activations stay float32, so the model computes the same function with weights
 * rounded to a 255-level symmetric grid: w ≈ scale · q, q = round(w / scale) ∈ [-127, 127],
 * scale = max|w| / 127 over the tensor (per-tensor) or over each output channel (per-channel).
 */
import { onnx } from 'onnx-proto';
import { ModelError } from '../../errors';
import { NameAllocator, defaultOpset, intAttribute, isDefaultDomain, subgraphReads } from './graph';
import { FLOAT, elementCount, float32Tensor, int8Tensor, isInline, readFloat32, tensorDims } from './tensors';

/** Options of {@link quantizeInt8}. */
export interface QuantizeInt8Options {
  /** One scale per output channel instead of one per tensor (needs opset ≥ 13). */
  perChannel?: boolean;
  /** Ops whose weights are quantized; default MatMul, Gemm and Conv. */
  ops?: readonly string[];
}

/** One weight that was quantized. */
export interface QuantizedWeight {
  name: string;
  op: string;
  shape: number[];
  /** Channel axis of the scales, or null for one scale over the tensor. */
  axis: number | null;
  /** Largest |w − scale·q| over the tensor: at most scale/2 by construction. */
  max_abs_error: number;
}

/** What {@link quantizeInt8} did. */
export interface QuantizeInt8Report {
  quantized: QuantizedWeight[];
  /** Weights left in float32, with the reason. */
  skipped: { name: string; reason: string }[];
}

const DEFAULT_OPS = ['MatMul', 'Gemm', 'Conv'];

/** Banker's rounding, as ONNX QuantizeLinear specifies. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The channel axis of a weight for per-channel scales: the output-feature axis, so each
 * output column/filter gets its own scale. MatMul B is [K, N] (axis 1; only 2-D weights),
 * Gemm B is [K, N] or [N, K] with transB, Conv W is [M, C/g, ...] (axis 0).
 */
function channelAxis(node: onnx.INodeProto, dims: number[]): number | null {
  if (node.opType === 'Conv') return 0;
  if (node.opType === 'Gemm') return intAttribute(node, 'transB', 0) ? 0 : 1;
  return dims.length === 2 ? 1 : null;
}

/** Symmetric int8 quantization of `w` with one scale per slice along `axis` (or one overall). */
export function quantizeSymmetric(w: Float32Array, dims: readonly number[], axis: number | null): { q: Int8Array; scales: Float32Array; maxError: number } {
  const channels = axis === null ? 1 : dims[axis];
  const inner = axis === null ? 1 : elementCount(dims.slice(axis + 1));
  const channelOf = (i: number) => (axis === null ? 0 : Math.floor(i / inner) % channels);
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < w.length; i++) maxAbs[channelOf(i)] = Math.max(maxAbs[channelOf(i)], Math.abs(w[i]));
  // An all-zero channel gets scale 1 so dequantization stays finite (q is 0 there anyway).
  const scales = Float32Array.from(maxAbs, (m) => (m > 0 ? m / 127 : 1));
  const q = new Int8Array(w.length);
  let maxError = 0;
  for (let i = 0; i < w.length; i++) {
    const s = scales[channelOf(i)];
    const v = Math.max(-127, Math.min(127, roundHalfEven(w[i] / s)));
    q[i] = v;
    maxError = Math.max(maxError, Math.abs(w[i] - Math.fround(v * s)));
  }
  return { q, scales, maxError };
}

/**
 * Rewrites `model` in place: every eligible float32 weight initializer becomes int8 + scale +
 * zero point feeding a DequantizeLinear. Throws ModelError when the opset has no
 * DequantizeLinear (< 10) or per-channel scales are asked of an opset < 13.
 */
export function quantizeInt8(model: onnx.ModelProto, opts: QuantizeInt8Options = {}): QuantizeInt8Report {
  const graph = model.graph;
  if (!graph) throw new ModelError('the model has no graph');
  const opset = defaultOpset(model);
  if (opset < 10) throw new ModelError(`int8 quantization needs opset ≥ 10 (DequantizeLinear); the model uses opset ${opset}. Convert it to a newer opset first.`);
  if (opts.perChannel && opset < 13) {
    throw new ModelError(`per-channel scales need opset ≥ 13 (DequantizeLinear's axis); the model uses opset ${opset}. Drop --per-channel or convert the model to opset 13+.`);
  }
  const ops = new Set(opts.ops ?? DEFAULT_OPS);
  const inits = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const graphInputs = new Set((graph.input ?? []).map((i) => i.name));
  const outerReads = subgraphReads(graph);
  const names = new NameAllocator(graph);
  const report: QuantizeInt8Report = { quantized: [], skipped: [] };
  const replaced = new Map<string, string>();
  const dqNodes: onnx.INodeProto[] = [];
  const newInits: onnx.ITensorProto[] = [];

  for (const node of graph.node ?? []) {
    if (!isDefaultDomain(node) || !ops.has(node.opType ?? '')) continue;
    const weightName = node.input?.[1];
    if (!weightName) continue;
    if (replaced.has(weightName)) continue;
    const t = inits.get(weightName);
    if (!t) continue; // weights computed at run time are activations here, not constants
    const skip = (reason: string) => {
      if (!report.skipped.some((s) => s.name === weightName)) report.skipped.push({ name: weightName, reason });
    };
    if (t.dataType !== FLOAT) { skip('not float32'); continue; }
    if (!isInline(t)) { skip('stored as external data'); continue; }
    if (graphInputs.has(weightName)) { skip('also a graph input, so callers may override it'); continue; }
    if (outerReads.has(weightName)) { skip('read inside a subgraph'); continue; }
    const dims = tensorDims(t);
    if (dims.length < 2) { skip(`${dims.length}-D weight`); continue; }
    const axis = opts.perChannel ? channelAxis(node, dims) : null;
    const { q, scales, maxError } = quantizeSymmetric(readFloat32(t), dims, axis);
    const qName = names.fresh(`${weightName}_quantized`);
    const sName = names.fresh(`${weightName}_scale`);
    const zName = names.fresh(`${weightName}_zero_point`);
    const outName = names.fresh(`${weightName}_dequantized`);
    const paramDims = axis === null ? [] : [scales.length];
    newInits.push(int8Tensor(qName, dims, q), float32Tensor(sName, paramDims, scales), int8Tensor(zName, paramDims, new Int8Array(scales.length)));
    const attribute = axis === null ? [] : [onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: axis })];
    dqNodes.push(onnx.NodeProto.create({ name: names.fresh(`${weightName}_DequantizeLinear`), opType: 'DequantizeLinear', input: [qName, sName, zName], output: [outName], attribute }));
    replaced.set(weightName, outName);
    report.quantized.push({ name: weightName, op: node.opType ?? '', shape: dims, axis, max_abs_error: maxError });
  }
  if (replaced.size === 0) return report;

  // Every reader of a replaced weight now reads its dequantized value.
  for (const node of graph.node ?? []) node.input = (node.input ?? []).map((x) => replaced.get(x) ?? x);
  graph.initializer = [...(graph.initializer ?? []).filter((t) => !replaced.has(t.name ?? '')), ...newInits];
  graph.valueInfo = (graph.valueInfo ?? []).filter((v) => !replaced.has(v.name ?? ''));
  // DequantizeLinear nodes only read initializers, so putting them first keeps the graph sorted.
  graph.node = [...dqNodes, ...(graph.node ?? [])];
  return report;
}
