/**
 * float16 conversion as an ONNX rewrite. Float32 weights and the float math between them become
 * float16; the model's float32 inputs and outputs stay float32 behind Cast nodes at the graph
 * boundary, so callers feed and read what they did before. Ops on the block list (and ops of
 * other domains, e.g. ai.onnx.ml) keep computing in float32 with Casts around them.
 */
import { onnx } from 'onnx-proto';
import { ModelError, listNames } from '../../errors';
import { inferElemTypes } from './elemTypes';
import { NameAllocator, hasSubgraphs, isDefaultDomain } from './graph';
import { FLOAT, FLOAT16, isInline, toFloat16Bits, toFloat16Tensor } from './tensors';

/**
 * Ops kept in float32 unless the caller says otherwise: ones whose float16 results drift
 * (cumulative sums, reductions over index math) or whose extra inputs must stay float32
 * (Resize/Upsample scales, DequantizeLinear scales before opset 19).
 */
export const DEFAULT_FP16_BLOCK_OPS: readonly string[] = [
  'Resize', 'Upsample', 'Range', 'CumSum', 'TopK', 'NonMaxSuppression', 'RoiAlign',
  'DequantizeLinear', 'QuantizeLinear', 'DynamicQuantizeLinear', 'RandomUniformLike', 'RandomNormalLike',
];

/** Options of {@link convertFloat16}. */
export interface Float16Options {
  /** Extra op types to keep in float32 (added to {@link DEFAULT_FP16_BLOCK_OPS}). */
  blockOps?: readonly string[];
}

/** What {@link convertFloat16} did. */
export interface Float16Report {
  /** Initializers stored as float16 now. */
  converted_initializers: number;
  /** Cast nodes inserted (boundary and around blocked ops). */
  casts: number;
  /** Nodes left computing in float32, as "OpType" → count. */
  blocked: Record<string, number>;
  /** Float values clamped to ±65504 because float16 cannot hold them. */
  overflowed: number;
}

const MAX_HALF = 65504;

function castNode(names: NameAllocator, input: string, output: string, to: number): onnx.NodeProto {
  return onnx.NodeProto.create({
    name: names.fresh(`${output}_Cast`),
    opType: 'Cast',
    input: [input],
    output: [output],
    attribute: [onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: to })],
  });
}

/** Float16 copy of a float32 tensor with out-of-range values clamped to ±65504 (counted). */
function halfTensor(t: onnx.ITensorProto, report: Float16Report): onnx.TensorProto {
  const half = toFloat16Tensor(t);
  const view = new DataView(half.rawData.buffer, half.rawData.byteOffset, half.rawData.byteLength);
  for (let i = 0; i < half.rawData.length / 2; i++) {
    const bits = view.getUint16(i * 2, true);
    if ((bits & 0x7fff) === 0x7c00) {
      view.setUint16(i * 2, toFloat16Bits(bits & 0x8000 ? -MAX_HALF : MAX_HALF), true);
      report.overflowed++;
    }
  }
  return half;
}

/**
 * Rewrites `model` in place to float16. Throws ModelError for models with control flow
 * (subgraphs read outer values by name, which this rewrite would retype) or external weights.
 */
export function convertFloat16(model: onnx.ModelProto, opts: Float16Options = {}): Float16Report {
  const graph = model.graph;
  if (!graph) throw new ModelError('the model has no graph');
  if (hasSubgraphs(graph)) throw new ModelError('float16 conversion does not support models with control flow (If/Loop/Scan); use --quantize int8 or keep float32.');
  const external = (graph.initializer ?? []).filter((t) => !isInline(t)).map((t) => t.name ?? '');
  if (external.length > 0) throw new ModelError(`float16 conversion needs inline weights; ${listNames(external)} use external data.`);
  const report: Float16Report = { converted_initializers: 0, casts: 0, blocked: {}, overflowed: 0 };
  const blockOps = new Set([...DEFAULT_FP16_BLOCK_OPS, ...(opts.blockOps ?? [])]);
  const isBlocked = (n: onnx.INodeProto) => !isDefaultDomain(n) || blockOps.has(n.opType ?? '');
  const original = inferElemTypes(graph);
  const isFloat = (name: string) => original.get(name) === FLOAT;
  const names = new NameAllocator(graph);
  const nodes = graph.node ?? [];

  // Which type each float value has after the rewrite. Graph inputs and blocked outputs stay
  // float32; initializers only read by blocked ops stay float32; the rest becomes float16.
  const actual = new Map<string, number>();
  for (const v of graph.input ?? []) if (v.name && isFloat(v.name)) actual.set(v.name, FLOAT);
  const readers = new Map<string, onnx.INodeProto[]>();
  for (const n of nodes) for (const x of n.input ?? []) if (x) readers.set(x, [...(readers.get(x) ?? []), n]);
  const graphInputs = new Set(actual.keys());
  graph.initializer = (graph.initializer ?? []).map((t) => {
    const name = t.name ?? '';
    if (t.dataType !== FLOAT || graphInputs.has(name)) return t;
    const keep = (readers.get(name) ?? []).every(isBlocked) && (readers.get(name) ?? []).length > 0;
    actual.set(name, keep ? FLOAT : FLOAT16);
    if (keep) return t;
    report.converted_initializers++;
    return halfTensor(t, report);
  });

  // Outputs produced in float16 get an internal name and a Cast back to float32 under the old one.
  const outputCasts: onnx.NodeProto[] = [];
  const rename = new Map<string, string>();
  for (const out of graph.output ?? []) {
    const name = out.name ?? '';
    const producer = nodes.find((n) => (n.output ?? []).includes(name));
    if (!producer || !isFloat(name) || isBlocked(producer)) continue;
    const internal = names.fresh(`${name}_fp16`);
    rename.set(name, internal);
    outputCasts.push(castNode(names, internal, name, FLOAT));
  }

  const casted = new Map<string, string>();
  const rewritten: onnx.INodeProto[] = [];
  for (const node of nodes) {
    node.input = (node.input ?? []).map((x) => rename.get(x) ?? x);
    node.output = (node.output ?? []).map((x) => rename.get(x) ?? x);
    const blocked = isBlocked(node);
    if (blocked) report.blocked[node.opType ?? ''] = (report.blocked[node.opType ?? ''] ?? 0) + 1;
    const want = blocked ? FLOAT : FLOAT16;
    node.input = node.input.map((x, i) => {
      const src = [...rename].find(([, v]) => v === x)?.[0] ?? x;
      const have = actual.get(x);
      if (!x || !isFloat(src) || have === undefined || have === want) return x;
      // Cast/CastLike/Shape read any type: no need to convert what they read.
      if (!blocked && (node.opType === 'Shape' || node.opType === 'Size' || (node.opType === 'Cast' && i === 0))) return x;
      const key = `${x}->${want}`;
      let name = casted.get(key);
      if (!name) {
        name = names.fresh(`${x}_${want === FLOAT ? 'fp32' : 'fp16'}`);
        casted.set(key, name);
        rewritten.push(castNode(names, x, name, want));
        report.casts++;
      }
      return name;
    });
    if (!blocked) retypeConstants(node, report);
    node.output.forEach((y, i) => {
      const src = [...rename].find(([, v]) => v === y)?.[0] ?? y;
      if (isFloat(src) || (node.opType === 'Cast' && !blocked && i === 0 && castsToHalf(node))) actual.set(y, blocked ? FLOAT : FLOAT16);
    });
    rewritten.push(node);
  }
  report.casts += outputCasts.length;
  graph.node = [...rewritten, ...outputCasts];
  // Intermediate value_info would now carry stale element types; onnxruntime infers them again.
  graph.valueInfo = [];
  return report;
}

function castsToHalf(node: onnx.INodeProto): boolean {
  return (node.attribute ?? []).some((a) => a.name === 'to' && Number(a.i) === FLOAT16);
}

/** Float constants inside a float16 region become float16: Cast targets, Constant values, ConstantOfShape fills. */
function retypeConstants(node: onnx.INodeProto, report: Float16Report): void {
  const attrs = node.attribute ?? [];
  if (node.opType === 'Cast') {
    for (const a of attrs) if (a.name === 'to' && Number(a.i) === FLOAT) a.i = FLOAT16;
    return;
  }
  if (node.opType === 'Constant' || node.opType === 'ConstantOfShape') {
    for (const a of attrs) {
      if ((a.name === 'value') && a.t && a.t.dataType === FLOAT) a.t = halfTensor(a.t, report);
      if (a.name === 'value_float' || a.name === 'value_floats') {
        const values = a.name === 'value_float' ? [a.f ?? 0] : [...(a.floats ?? [])];
        const dims = a.name === 'value_float' ? [] : [values.length];
        a.name = 'value';
        a.type = onnx.AttributeProto.AttributeType.TENSOR;
        a.t = halfTensor(onnx.TensorProto.create({ dims, dataType: FLOAT, floatData: values }), report);
        a.f = 0;
        a.floats = [];
      }
    }
    // ConstantOfShape without a value fills float32 zeros; say float16 explicitly.
    if (node.opType === 'ConstantOfShape' && !attrs.some((a) => a.name === 'value')) {
      node.attribute = [...attrs, onnx.AttributeProto.create({ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: onnx.TensorProto.create({ dims: [1], dataType: FLOAT16, rawData: new Uint8Array(2) }) })];
    }
  }
}
