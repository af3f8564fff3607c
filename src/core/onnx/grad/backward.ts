/**
 * Reverse-mode differentiation of an ONNX graph: walks the nodes between the differentiated
 * tensors and the output backwards, asks each op's rule for its input gradients, sums gradients
 * of tensors read more than once, and appends all of it as standard ONNX nodes to a copy of the
 * model with a seed input and gradient outputs.
 */
import { onnx } from 'onnx-proto';
import { ModelError, listNames } from '../../errors';
import { defaultOpset } from '../../deploy/optimize/graph';
import { toNumber, type Int64 } from '../protoTypes';
import { Emitter } from './emit';
import { Attrs, ConstantValues } from './nodeInfo';
import { GRAD_RULES, NON_DIFFERENTIABLE, type RuleContext } from './rules/index';
import { UnsupportedOperatorError } from './unsupported';

/** What to differentiate; see `GradientRequest` in index.ts. */
export interface BuildRequest {
  output?: string;
  wrt?: string[];
  layers?: string[];
  /** Static dims of every float32 tensor of the graph (tensors absent here carry no gradient). */
  shapes: Record<string, number[]>;
  /**
   * Output Σ_n weights[n] · ∂/∂wrt[n] (shape [1, …], input {@link WEIGHTS_INPUT}) instead of the
   * per-row gradients of the `wrt` tensors: what IG and SmoothGrad need, and cheaper, since a
   * first Conv reading the input is then differentiated once instead of once per row.
   */
  batchWeights?: boolean;
}

/** Name of the graph input that takes the seed (d loss / d output). */
export const SEED_INPUT = 'posthoc_grad_seed';
/** Name of the graph output holding the gradient of `tensor`. */
export const gradOutputName = (tensor: string): string => `posthoc_grad:${tensor}`;
/** Name of the graph input with one weight per batch row (see {@link BuildRequest.batchWeights}). */
export const WEIGHTS_INPUT = 'posthoc_grad_weights';

/** The names a request resolves to, with defaults filled in. Throws ModelError for unknown names. */
export function resolveRequest(graph: onnx.IGraphProto, req: { output?: string; wrt?: string[]; layers?: string[] }) {
  const inits = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).map((i) => i.name ?? '').filter((n) => n && !inits.has(n));
  const produced = new Set((graph.node ?? []).flatMap((n) => n.output ?? []));
  const known = (name: string) => inputs.includes(name) || produced.has(name);
  const output = req.output ?? graph.output?.[0]?.name ?? '';
  if (!known(output)) throw new ModelError(`Output '${output}' is not a tensor of the model; outputs are: ${listNames((graph.output ?? []).map((o) => o.name ?? ''))}.`);
  const wrt = req.wrt ?? inputs.slice(0, 1);
  const layers = req.layers ?? [];
  for (const name of [...wrt, ...layers]) {
    if (inits.has(name)) throw new ModelError(`'${name}' is a weight (initializer); gradients are computed for inputs and activations only.`);
    if (!known(name)) throw new ModelError(`Tensor '${name}' is not in the model; inputs are: ${listNames(inputs)}. Intermediate tensors are node outputs (see the model's graph).`);
  }
  return { output, wrt, layers, inputs };
}

/** Builds the forward + backward model. Returns the encoded ONNX bytes. */
export function buildGradientModel(model: onnx.IModelProto, request: BuildRequest): Uint8Array {
  if (!model.graph) throw new ModelError('The model has no graph.');
  let opset = defaultOpset(model);
  if (opset < 11) throw new ModelError(`The model uses ONNX opset ${opset}; gradients need opset 11 or newer. Re-export the model with a newer opset.`);
  const src = model.graph;
  const { output, wrt, layers } = resolveRequest(src, request);
  const shapes = request.shapes;
  const consts = new ConstantValues(src);
  const shape = (name: string): number[] => {
    const s = shapes[name] ?? consts.dims(name);
    if (!s) throw new ModelError(`The shape of tensor '${name}' is unknown; pass it in request.shapes.`);
    return s;
  };
  if (!shapes[output]) throw new ModelError(`Output '${output}' is not a float32 output (or its shape is missing from request.shapes); gradients are computed for float32 outputs.`);
  // Copy what rules may change (node output lists, the graph's lists), so the caller's model stays as it was.
  const nodes = (src.node ?? []).map((n) => ({ ...n, output: [...(n.output ?? [])] }) as onnx.INodeProto);

  // Tensors that depend on a differentiated tensor (forward), then those the output depends on.
  const live = new Set<string>([...wrt, ...layers]);
  for (const n of nodes) {
    if (NON_DIFFERENTIABLE.has(n.opType ?? '') || n.domain) continue;
    if ((n.input ?? []).some((x) => x && live.has(x))) for (const y of n.output ?? []) if (y && shapes[y]) live.add(y);
  }
  const needed = new Set<string>([output]);
  const path: onnx.INodeProto[] = [];
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k];
    if (!(n.output ?? []).some((y) => needed.has(y) && live.has(y))) continue;
    if (n.domain && n.domain !== 'ai.onnx') throw new UnsupportedOperatorError(`${n.domain}.${n.opType}`, n.name ?? '', 'custom-domain operators have no gradient rules');
    path.push(n);
    for (const x of n.input ?? []) if (x && live.has(x)) needed.add(x);
  }
  // Overlapping MaxPool windows need ScatterElements' reduction=add, new in opset 16; opsets
  // 13–15 differ from 16 in nothing the covered ops use, so we raise the import.
  const opsetImport = (model.opsetImport ?? []).map((o) => ({ ...o }));
  if (opset >= 13 && opset < 16 && path.some((n) => n.opType === 'MaxPool')) {
    for (const o of opsetImport) if (!o.domain || o.domain === 'ai.onnx') o.version = 16;
    opset = 16;
  }

  const em = new Emitter(src, opset);
  const contributions = new Map<string, string[]>();
  const add = (name: string, g: string) => contributions.set(name, [...(contributions.get(name) ?? []), g]);
  const total = (name: string): string | undefined => {
    const parts = contributions.get(name);
    if (!parts || parts.length === 0) return undefined;
    const sum = parts.length === 1 ? parts[0] : em.op1('Sum', parts);
    contributions.set(name, [sum]);
    return sum;
  };
  add(output, SEED_INPUT);
  // With batch weights, a wrt input read only by a Conv (constant weights) is summed over the
  // batch before that Conv's backward rule: the rule is linear in g and never mixes rows.
  const batch = wrt.length > 0 ? shape(wrt[0])[0] : 1;
  const sumOverBatch = (g: string, dims: number[]): string => {
    const rows = em.reshape(g, [dims[0], -1]);
    const summed = em.op1('MatMul', [em.reshape(WEIGHTS_INPUT, [1, dims[0]]), rows]);
    return em.reshape(summed, [1, ...dims.slice(1)]);
  };
  const reducedEarly = new Set<string>();
  const earlyConv = (n: onnx.INodeProto): string | undefined => {
    if (!request.batchWeights || n.opType !== 'Conv' || n.domain) return undefined;
    const x = n.input?.[0] ?? '';
    if (!wrt.includes(x) || layers.includes(x) || (n.input ?? []).slice(1).some((i) => i === x || (i && !consts.isConstant(i)))) return undefined;
    const readers = nodes.filter((m) => (m.input ?? []).includes(x));
    return readers.length === 1 && shape(x)[0] === batch ? x : undefined;
  };
  for (const n of path) {
    const opType = n.opType ?? '';
    const outputs = n.output ?? [];
    let gy = outputs.map((y) => (y && live.has(y) ? total(y) : undefined));
    if (gy.every((g) => !g)) continue;
    const early = earlyConv(n);
    if (early && gy[0]) {
      gy = [sumOverBatch(gy[0], shape(outputs[0] ?? ''))];
      reducedEarly.add(early);
    }
    const rule = GRAD_RULES[opType];
    if (!rule) throw new UnsupportedOperatorError(opType, n.name ?? outputs[0] ?? '');
    const inputs = (n.input ?? []).map((x) => x ?? '');
    const ctx: RuleContext = {
      node: n, inputs, outputs: outputs.map((y) => y ?? ''), attrs: new Attrs(n), em, consts, opset, shape,
      wants: (i) => !!inputs[i] && live.has(inputs[i]) && needed.has(inputs[i]),
      unsupported: (why) => {
        throw new UnsupportedOperatorError(opType, n.name ?? outputs[0] ?? '', why);
      },
    };
    const gx = rule(ctx, gy);
    gx.forEach((g, i) => {
      if (g && ctx.wants(i)) add(inputs[i], g);
    });
  }

  const floatInfo = (name: string, dims: number[]): onnx.IValueInfoProto => ({
    name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
  const outputs: onnx.IValueInfoProto[] = [(src.output ?? []).find((o) => o.name === output) ?? floatInfo(output, shape(output))];
  for (const name of layers) if (name !== output) outputs.push(floatInfo(name, shape(name)));
  for (const name of [...new Set([...wrt, ...layers])]) {
    const summed = request.batchWeights && wrt.includes(name);
    const dims = summed ? [1, ...shape(name).slice(1)] : shape(name);
    let g = total(name);
    if (summed && g && !reducedEarly.has(name)) g = sumOverBatch(g, shape(name));
    em.nodes.push({ opType: 'Identity', input: [g ?? em.zeros(dims)], output: [gradOutputName(name)], name: em.fresh('grad/out') });
    outputs.push(floatInfo(gradOutputName(name), dims));
  }
  const extraInputs = request.batchWeights ? [floatInfo(WEIGHTS_INPUT, [batch])] : [];
  const graph: onnx.IGraphProto = {
    ...src,
    node: [...nodes, ...em.nodes],
    initializer: [...(src.initializer ?? []), ...em.initializers],
    input: [...(src.input ?? []), floatInfo(SEED_INPUT, shape(output)), ...extraInputs],
    output: outputs,
  };
  const irVersion = Math.max(toNumber(model.irVersion as Int64), opset >= 16 ? 8 : 7);
  return onnx.ModelProto.encode({ ...model, irVersion, opsetImport, graph }).finish();
}
