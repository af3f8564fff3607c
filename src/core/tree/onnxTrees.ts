/**
 * ONNX-ML TreeEnsembleClassifier / TreeEnsembleRegressor (ai.onnx.ml opsets 1–3, as skl2onnx and
 * onnxmltools write them) -> {@link TreeEnsemble}, reproducing onnxruntime's arithmetic: float32
 * thresholds and inputs, missing values by nodes_missing_value_tracks_true, base values added to
 * the summed weights, AVERAGE aggregation folded into the leaves, and the binary one-score
 * convention (the score is class 1's; onnxruntime derives class 0's).
 */
import * as path from 'node:path';
import type { onnx } from 'onnx-proto';
import { ModelError } from '../errors';
import { decodeModel } from '../onnx/modelFile';
import { toNumber, type Int64 } from '../onnx/protoTypes';
import { buildEnsemble, LEAF, SplitMode, type PostTransform, type TreeEnsemble, type TreeSpec } from './ensemble';

const TREE_OPS = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor']);
/** Operators that may surround the ensemble without changing what it computes. */
const PASSIVE_OPS = new Set(['ZipMap', 'Identity', 'Cast']);
const MODES: Record<string, number> = {
  BRANCH_LEQ: SplitMode.LEQ, BRANCH_LT: SplitMode.LT, BRANCH_GTE: SplitMode.GTE,
  BRANCH_GT: SplitMode.GT, BRANCH_EQ: SplitMode.EQ, BRANCH_NEQ: SplitMode.NEQ, LEAF: -1,
};
const POST: Record<string, PostTransform> = { NONE: 'NONE', LOGISTIC: 'LOGISTIC', SOFTMAX: 'SOFTMAX', SOFTMAX_ZERO: 'SOFTMAX_ZERO', PROBIT: 'PROBIT' };

/** True for a file that looks like ONNX by name (the protobuf has no magic number). */
export function match(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.onnx');
}

/** Decodes ONNX bytes and reads its tree ensemble. Throws ModelError when it has none or more than one. */
export function load(bytes: Uint8Array, fileName: string): TreeEnsemble {
  return fromModel(decodeModel(bytes, fileName), fileName);
}

/** Reads the tree ensemble of a decoded model. */
export function fromModel(model: onnx.IModelProto, fileName: string): TreeEnsemble {
  const name = path.basename(fileName);
  const nodes = model.graph?.node ?? [];
  const trees = nodes.filter((n) => TREE_OPS.has(n.opType ?? ''));
  if (trees.length === 0) {
    const ops = [...new Set(nodes.map((n) => n.opType ?? '?'))].join(', ');
    throw new ModelError(`${name} has no TreeEnsembleClassifier or TreeEnsembleRegressor node (its operators are: ${ops}); tree explainers need a tree model. Use kernel SHAP for other models.`);
  }
  if (trees.length > 1) throw new ModelError(`${name} has ${trees.length} tree-ensemble nodes; Posthoc's tree explainers handle one per model.`);
  const others = nodes.filter((n) => !TREE_OPS.has(n.opType ?? '') && !PASSIVE_OPS.has(n.opType ?? ''));
  if (others.length > 0) {
    throw new ModelError(`${name} computes more than its tree ensemble (operators ${[...new Set(others.map((n) => n.opType))].join(', ')}), so its trees alone do not give its output. Use kernel SHAP for this model.`);
  }
  const node = trees[0];
  const attrs = new Attributes(node, name);
  const classifier = node.opType === 'TreeEnsembleClassifier';
  const prefix = classifier ? 'class' : 'target';

  const nodeTrees = attrs.ints('nodes_treeids');
  const nodeIds = attrs.ints('nodes_nodeids');
  const n = nodeTrees.length;
  const featureIds = attrs.ints('nodes_featureids', n);
  const modes = attrs.strings('nodes_modes', n);
  const trueIds = attrs.ints('nodes_truenodeids', n);
  const falseIds = attrs.ints('nodes_falsenodeids', n);
  const tracks = attrs.optionalInts('nodes_missing_value_tracks_true') ?? new Array<number>(n).fill(0);
  const hitrates = consistentCovers(attrs.optionalFloats('nodes_hitrates'), nodeTrees, nodeIds, trueIds, falseIds, modes);
  const thresholdsAsDouble = attrs.tensor('nodes_values_as_tensor');
  const thresholds = thresholdsAsDouble?.values ?? attrs.floats('nodes_values', n);
  const wTrees = attrs.ints(`${prefix}_treeids`);
  const wNodes = attrs.ints(`${prefix}_nodeids`, wTrees.length);
  const wIds = attrs.ints(`${prefix}_ids`, wTrees.length);
  const wWeights = attrs.tensor(`${prefix}_weights_as_tensor`)?.values ?? attrs.floats(`${prefix}_weights`, wTrees.length);
  const base = attrs.tensor('base_values_as_tensor')?.values ?? attrs.optionalFloats('base_values');
  const post = POST[attrs.optionalString('post_transform') ?? 'NONE'];
  if (!post) throw new ModelError(`${name}: unknown post_transform '${attrs.optionalString('post_transform')}'.`);

  let labels: string[] | undefined;
  let nOutputs: number;
  if (classifier) {
    labels = attrs.optionalStrings('classlabels_strings') ?? attrs.optionalInts('classlabels_int64s')?.map(String);
    if (!labels || labels.length === 0) throw new ModelError(`${name}: TreeEnsembleClassifier has no class labels.`);
    // Two classes whose weights all go to class id 0: onnxruntime reads that one column as class
    // 1's score and derives class 0's. (Weights all on id 1 are two ordinary columns, the first 0.)
    const distinct = new Set(wIds);
    nOutputs = labels.length === 2 && distinct.size === 1 && distinct.has(0) ? 1 : labels.length;
  } else {
    nOutputs = attrs.optionalInt('n_targets') ?? Math.max(...wIds) + 1;
  }
  const aggregate = attrs.optionalString('aggregate_function') ?? 'SUM';
  if (aggregate !== 'SUM' && aggregate !== 'AVERAGE') {
    throw new ModelError(`${name}: aggregate_function ${aggregate} is not additive over trees, so tree explainers cannot split it. Use kernel SHAP.`);
  }

  // Group nodes by tree, mapping (tree id, node id) to a local index.
  const treeOrder: number[] = [];
  const byTree = new Map<number, { ids: Map<number, number>; rows: number[] }>();
  for (let i = 0; i < n; i++) {
    let t = byTree.get(nodeTrees[i]);
    if (!t) {
      t = { ids: new Map(), rows: [] };
      byTree.set(nodeTrees[i], t);
      treeOrder.push(nodeTrees[i]);
    }
    t.ids.set(nodeIds[i], t.rows.length);
    t.rows.push(i);
  }
  const scale = aggregate === 'AVERAGE' ? 1 / treeOrder.length : 1;
  const specs = new Map<number, TreeSpec>();
  const inputFeatures = featureCount(model, featureIds);
  for (const tid of treeOrder) {
    const t = byTree.get(tid)!;
    const m = t.rows.length;
    const spec: TreeSpec = {
      feature: new Int32Array(m), threshold: new Float64Array(m), left: new Int32Array(m), right: new Int32Array(m),
      missingLeft: new Uint8Array(m), mode: new Uint8Array(m), values: new Float64Array(m * nOutputs),
      cover: hitrates ? new Float64Array(m) : undefined,
    };
    const child = (id: number, i: number) => {
      const local = t.ids.get(id);
      if (local === undefined) throw new ModelError(`${name}: tree ${tid} node ${nodeIds[i]} points to node ${id}, which the tree does not have.`);
      return local;
    };
    t.rows.forEach((i, local) => {
      const mode = MODES[modes[i]];
      if (mode === undefined) throw new ModelError(`${name}: unknown node mode '${modes[i]}' in tree ${tid}.`);
      (spec.feature as Int32Array)[local] = mode === -1 ? LEAF : featureIds[i];
      if (spec.cover) (spec.cover as Float64Array)[local] = hitrates![i];
      if (mode === -1) return;
      (spec.threshold as Float64Array)[local] = thresholds[i];
      (spec.mode as Uint8Array)[local] = mode;
      (spec.left as Int32Array)[local] = child(trueIds[i], i);
      (spec.right as Int32Array)[local] = child(falseIds[i], i);
      // NaN fails every comparison but NEQ; tracks_true sends it to the true branch regardless.
      (spec.missingLeft as Uint8Array)[local] = tracks[i] || mode === SplitMode.NEQ ? 1 : 0;
    });
    specs.set(tid, spec);
  }
  for (let w = 0; w < wTrees.length; w++) {
    const t = byTree.get(wTrees[w]);
    const local = t?.ids.get(wNodes[w]);
    if (!t || local === undefined) throw new ModelError(`${name}: a weight refers to tree ${wTrees[w]} node ${wNodes[w]}, which does not exist.`);
    const spec = specs.get(wTrees[w])!;
    if (spec.feature[local] !== LEAF) throw new ModelError(`${name}: a weight is attached to tree ${wTrees[w]} node ${wNodes[w]}, which is not a leaf.`);
    const k = nOutputs === 1 ? 0 : wIds[w];
    if (k < 0 || k >= nOutputs) throw new ModelError(`${name}: weight for output ${wIds[w]}, but the model has ${nOutputs} outputs.`);
    spec.values[local * nOutputs + k] += wWeights[w] * scale;
  }
  // onnxruntime adds base values only when there is one per output column.
  const baseValues = base && base.length === nOutputs ? Array.from(base) : undefined;
  return buildEnsemble({
    format: 'onnx', nFeatures: inputFeatures, featureNames: inputFeatureNames(model, node, inputFeatures), nOutputs,
    classLabels: labels, baseValues, postTransform: post,
    binaryComplement: wWeights.every((w) => w >= 0) ? 'one-minus' : 'negate', float32Inputs: !thresholdsAsDouble?.isDouble,
  }, treeOrder.map((t) => specs.get(t)!), name);
}

/**
 * nodes_hitrates are covers only when they add up (each split's rate = its children's, as a
 * training sample count does); converters that fill them with placeholders (all 1) are ignored,
 * so path-dependent TreeSHAP refuses the model instead of computing nonsense.
 */
function consistentCovers(rates: number[] | undefined, trees: number[], ids: number[], trueIds: number[], falseIds: number[], modes: string[]): number[] | undefined {
  if (!rates || rates.length !== ids.length) return undefined;
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(`${trees[i]}:${id}`, rates[i]));
  for (let i = 0; i < ids.length; i++) {
    if (modes[i] === 'LEAF') continue;
    const sum = (at.get(`${trees[i]}:${trueIds[i]}`) ?? Number.NaN) + (at.get(`${trees[i]}:${falseIds[i]}`) ?? Number.NaN);
    if (!(rates[i] > 0) || !(Math.abs(sum - rates[i]) <= 1e-4 * rates[i])) return undefined;
  }
  return rates;
}

/** Width of the model input: its declared [N, F] shape, else the largest split feature + 1. */
function featureCount(model: onnx.IModelProto, featureIds: number[]): number {
  const used = featureIds.length ? Math.max(...featureIds) + 1 : 1;
  const dims = model.graph?.input?.[0]?.type?.tensorType?.shape?.dim;
  const declared = dims && dims.length === 2 ? toNumber(dims[1].dimValue as Int64) : 0;
  return Math.max(used, declared);
}

function inputFeatureNames(model: onnx.IModelProto, node: onnx.INodeProto, n: number): string[] {
  const input = node.input?.[0] ?? model.graph?.input?.[0]?.name ?? 'x';
  return Array.from({ length: n }, (_, i) => `${input}[${i}]`);
}

/** Typed access to a node's attributes, with errors naming the attribute. */
class Attributes {
  private readonly map = new Map<string, onnx.IAttributeProto>();
  constructor(node: onnx.INodeProto, private readonly model: string) {
    for (const a of node.attribute ?? []) if (a.name) this.map.set(a.name, a);
  }
  private missing(name: string): ModelError {
    return new ModelError(`${this.model}: the tree ensemble has no '${name}' attribute; the file is incomplete or not from a standard converter.`);
  }
  private sized<T>(name: string, v: T[], n?: number): T[] {
    if (n !== undefined && v.length !== n) throw new ModelError(`${this.model}: attribute '${name}' has ${v.length} entries, expected ${n}.`);
    return v;
  }
  optionalInts(name: string): number[] | undefined {
    const a = this.map.get(name);
    return a ? (a.ints ?? []).map((v) => toNumber(v as Int64)) : undefined;
  }
  ints(name: string, n?: number): number[] {
    const v = this.optionalInts(name);
    if (!v) throw this.missing(name);
    return this.sized(name, v, n);
  }
  optionalInt(name: string): number | undefined {
    const a = this.map.get(name);
    return a ? toNumber(a.i as Int64) : undefined;
  }
  optionalFloats(name: string): number[] | undefined {
    const a = this.map.get(name);
    return a ? (a.floats ?? []).map((f) => Math.fround(f)) : undefined;
  }
  floats(name: string, n?: number): number[] {
    const v = this.optionalFloats(name);
    if (!v) throw this.missing(name);
    return this.sized(name, v, n);
  }
  optionalStrings(name: string): string[] | undefined {
    const a = this.map.get(name);
    return a ? (a.strings ?? []).map((s) => Buffer.from(s).toString('utf8')) : undefined;
  }
  strings(name: string, n?: number): string[] {
    const v = this.optionalStrings(name);
    if (!v) throw this.missing(name);
    return this.sized(name, v, n);
  }
  optionalString(name: string): string | undefined {
    const a = this.map.get(name);
    return a?.s ? Buffer.from(a.s).toString('utf8') : undefined;
  }
  /** A `*_as_tensor` attribute (ai.onnx.ml opset 3): float or double values. */
  tensor(name: string): { values: number[]; isDouble: boolean } | undefined {
    const t = this.map.get(name)?.t;
    if (!t) return undefined;
    const isDouble = t.dataType === 11;
    if (t.rawData && t.rawData.length > 0) {
      const raw = t.rawData;
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const size = isDouble ? 8 : 4;
      const values = Array.from({ length: raw.byteLength / size }, (_, i) => (isDouble ? view.getFloat64(i * size, true) : view.getFloat32(i * size, true)));
      return { values, isDouble };
    }
    return { values: isDouble ? (t.doubleData ?? []) : (t.floatData ?? []).map((f) => Math.fround(f)), isDouble };
  }
}
