/**
 * Element-type inference over a graph, enough to know which tensors are float32: from the
 * declared inputs, initializers and value_info, then forward through the nodes with the few
 * rules ONNX ops follow (most ops keep their first input's type). Unknown stays undefined.
 */
import { onnx } from 'onnx-proto';
import { toNumber, type Int64 } from '../../onnx/protoTypes';

const DT = onnx.TensorProto.DataType;
const INT64_OUT = new Set(['Shape', 'Size', 'ArgMax', 'ArgMin', 'NonZero', 'NonMaxSuppression']);
const BOOL_OUT = new Set(['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
/** Ops whose output type is not that of the first input and which no rule here covers. */
const OPAQUE = new Set(['QuantizeLinear', 'DynamicQuantizeLinear', 'MatMulInteger', 'ConvInteger', 'QLinearMatMul', 'QLinearConv', 'StringNormalizer', 'TfIdfVectorizer', 'RandomNormal', 'RandomUniform', 'Multinomial', 'EyeLike', 'RandomNormalLike', 'RandomUniformLike', 'Bernoulli']);

function attr(node: onnx.INodeProto, name: string): onnx.IAttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

/** Element types of the outputs of one node, given its input types. */
function outputTypes(node: onnx.INodeProto, inputTypes: (number | undefined)[]): (number | undefined)[] {
  const op = node.opType ?? '';
  const n = (node.output ?? []).length;
  const all = (t: number | undefined) => Array.from({ length: n }, () => t);
  const domain = node.domain ?? '';
  if (domain === 'ai.onnx.ml') {
    // Classifiers: label (int64 or string) then float scores; everything else there gives float.
    if (/Classifier$/.test(op)) return [attr(node, 'classlabels_strings') ? DT.STRING : DT.INT64, DT.FLOAT];
    if (op === 'ZipMap' || op === 'LabelEncoder' || op === 'CategoryMapper' || op === 'DictVectorizer' || op === 'CastMap') return all(undefined);
    return all(DT.FLOAT);
  }
  // Fused onnxruntime ops (FusedGemm, FusedMatMul, ...) keep their first input's type like the ops they replace.
  if (domain === 'com.microsoft') return all(inputTypes[0]);
  if (domain && domain !== 'ai.onnx') return all(undefined);
  if (INT64_OUT.has(op)) return all(DT.INT64);
  if (BOOL_OUT.has(op)) return all(DT.BOOL);
  if (OPAQUE.has(op)) return all(undefined);
  if (op === 'Cast') return [toNumber(attr(node, 'to')?.i as Int64)];
  if (op === 'CastLike') return [inputTypes[1]];
  if (op === 'Constant') {
    const a = node.attribute?.[0];
    if (a?.t) return [a.t.dataType ?? undefined];
    if (a?.name === 'value_float' || a?.name === 'value_floats') return [DT.FLOAT];
    if (a?.name === 'value_int' || a?.name === 'value_ints') return [DT.INT64];
    return [undefined];
  }
  if (op === 'ConstantOfShape') return [attr(node, 'value')?.t?.dataType ?? DT.FLOAT];
  if (op === 'DequantizeLinear') return [inputTypes[1]];
  if (op === 'TopK') return [inputTypes[0], DT.INT64];
  if (op === 'Unique') return [inputTypes[0], DT.INT64, DT.INT64, DT.INT64];
  if (op === 'MaxPool') return [inputTypes[0], DT.INT64];
  if (op === 'Where') return [inputTypes[1]];
  if (op === 'Range') return [inputTypes[0]];
  if (op === 'If' || op === 'Loop' || op === 'Scan' || op === 'SequenceConstruct' || op === 'SplitToSequence') return all(undefined);
  return all(inputTypes[0]);
}

/** Tensor name -> ONNX element type for every name whose type can be worked out. */
export function inferElemTypes(graph: onnx.IGraphProto): Map<string, number> {
  const types = new Map<string, number>();
  const declare = (v: onnx.IValueInfoProto) => {
    const t = v.type?.tensorType?.elemType;
    if (v.name && t) types.set(v.name, t);
  };
  for (const v of graph.input ?? []) declare(v);
  for (const v of graph.valueInfo ?? []) declare(v);
  for (const v of graph.output ?? []) declare(v);
  for (const t of graph.initializer ?? []) if (t.name && t.dataType) types.set(t.name, t.dataType);
  for (const node of graph.node ?? []) {
    const ins = (node.input ?? []).map((x) => (x ? types.get(x) : undefined));
    const outs = outputTypes(node, ins);
    (node.output ?? []).forEach((name, i) => {
      const t = outs[i];
      if (name && t !== undefined && !types.has(name)) types.set(name, t);
    });
  }
  return types;
}
