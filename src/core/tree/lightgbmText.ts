/**
 * LightGBM text models (`booster.save_model('model.txt')`) -> {@link TreeEnsemble}.
 * A header of key=value lines, then `Tree=i` blocks. Internal nodes are 0..num_leaves-2; a
 * negative child c is leaf ~c. decision_type bits: 1 categorical, 2 default-left, bits 2–3 the
 * missing type (0 none: NaN is read as 0; 1 zero: 0 and NaN take the default side; 2 NaN: NaN
 * takes the default side). Numerical splits send `x <= threshold` left, compared in double.
 * internal_count / leaf_count are the covers LightGBM's own SHAP uses.
 */
import * as path from 'node:path';
import { ModelError } from '../errors';
import { buildEnsemble, LEAF, SplitMode, type PostTransform, type TreeEnsemble, type TreeSpec } from './ensemble';

/** True when the text starts like a LightGBM model file. */
export function match(_fileName: string, head: string): boolean {
  return /^tree\r?\n(version=|num_class=)/.test(head);
}

/** Parses a LightGBM text model. Throws ModelError for categorical splits, linear trees, malformed blocks. */
export function load(bytes: Uint8Array, fileName: string): TreeEnsemble {
  const name = path.basename(fileName);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (!match(fileName, text)) throw new ModelError(`${name} is not a LightGBM text model (it should start with 'tree' and 'version=').`);
  const end = text.indexOf('end of trees');
  const body = end >= 0 ? text.slice(0, end) : text;
  const blocks = body.split(/\r?\n(?=Tree=\d+)/);
  const header = keyValues(blocks[0]);
  const nClass = int(header, 'num_class', name, 1);
  const perIteration = int(header, 'num_tree_per_iteration', name, nClass);
  const nFeatures = int(header, 'max_feature_idx', name) + 1;
  const featureNames = header.get('feature_names')?.split(' ');
  const [objective, ...objParams] = (header.get('objective') ?? 'regression').split(' ');
  const { post, scale } = transformOf(objective, objParams, name);
  const treeBlocks = blocks.slice(1);
  if (treeBlocks.length === 0) throw new ModelError(`${name} holds no Tree= blocks.`);
  const nOutputs = perIteration;
  const averageScale = header.has('average_output') ? perIteration / treeBlocks.length : 1;
  const trees = treeBlocks.map((block, ti) => treeSpec(keyValues(block), ti, ti % perIteration, nOutputs, averageScale, name));
  return buildEnsemble({
    format: 'lightgbm', nFeatures, featureNames: featureNames?.length === nFeatures ? featureNames : undefined, nOutputs,
    classLabels: objective.startsWith('multiclass') ? Array.from({ length: nOutputs }, (_, i) => String(i)) : objective === 'binary' ? ['0', '1'] : undefined,
    postTransform: post, logisticScale: scale, float32Inputs: false,
  }, trees, name);
}

function transformOf(objective: string, params: string[], name: string): { post: PostTransform; scale: number } {
  const param = (key: string) => params.find((p) => p.startsWith(`${key}:`))?.slice(key.length + 1);
  switch (objective) {
    case 'binary':
    case 'cross_entropy':
    case 'xentropy':
      return { post: 'LOGISTIC', scale: Number(param('sigmoid') ?? 1) };
    case 'multiclass':
    case 'softmax':
      return { post: 'SOFTMAX', scale: 1 };
    case 'multiclassova':
    case 'multiclass_ova':
    case 'ova':
    case 'ovr':
      return { post: 'LOGISTIC', scale: Number(param('sigmoid') ?? 1) };
    case 'poisson':
    case 'gamma':
    case 'tweedie':
      return { post: 'EXP', scale: 1 };
    case 'regression': case 'regression_l2': case 'regression_l1': case 'l2': case 'l1': case 'mse': case 'mae': case 'rmse': case 'huber': case 'fair':
    case 'quantile': case 'mape': case 'lambdarank': case 'rank_xendcg': case 'custom':
      return { post: 'NONE', scale: 1 };
    default:
      throw new ModelError(`${name}: objective '${objective}' is not supported by Posthoc's LightGBM loader.`);
  }
}

function treeSpec(kv: Map<string, string>, ti: number, k: number, nOutputs: number, scale: number, name: string): TreeSpec {
  const where = `${name}, Tree=${ti}`;
  if (kv.get('is_linear') === '1') throw new ModelError(`${where}: linear trees are not supported by Posthoc's tree explainers.`);
  const nLeaves = int(kv, 'num_leaves', where);
  const leafValue = nums(kv, 'leaf_value', where, nLeaves);
  const nInternal = nLeaves - 1;
  const n = nInternal + nLeaves;
  const spec: TreeSpec = {
    feature: new Int32Array(n), threshold: new Float64Array(n), left: new Int32Array(n), right: new Int32Array(n),
    missingLeft: new Uint8Array(n), mode: new Uint8Array(n), values: new Float64Array(n * nOutputs),
  };
  // Leaves go after the internal nodes: leaf j is node nInternal + j. Leaf values are already shrunk.
  for (let j = 0; j < nLeaves; j++) {
    (spec.feature as Int32Array)[nInternal + j] = LEAF;
    spec.values[(nInternal + j) * nOutputs + k] = leafValue[j] * scale;
  }
  const leafCount = kv.has('leaf_count') ? nums(kv, 'leaf_count', where, nLeaves) : undefined;
  if (nInternal === 0) {
    spec.cover = leafCount ? [leafCount[0]] : undefined;
    return spec;
  }
  const feature = nums(kv, 'split_feature', where, nInternal);
  const threshold = nums(kv, 'threshold', where, nInternal);
  const decision = nums(kv, 'decision_type', where, nInternal);
  const leftChild = nums(kv, 'left_child', where, nInternal);
  const rightChild = nums(kv, 'right_child', where, nInternal);
  const internalCount = kv.has('internal_count') ? nums(kv, 'internal_count', where, nInternal) : undefined;
  const node = (c: number) => (c < 0 ? nInternal + ~c : c);
  for (let i = 0; i < nInternal; i++) {
    const d = decision[i];
    if (d & 1) throw new ModelError(`${where}: node ${i} is a categorical split; Posthoc's tree explainers support numerical splits only. Retrain without categorical_feature, or use kernel SHAP.`);
    const defaultLeft = (d & 2) !== 0;
    const missingType = (d >> 2) & 3;
    (spec.feature as Int32Array)[i] = feature[i];
    (spec.threshold as Float64Array)[i] = threshold[i];
    (spec.left as Int32Array)[i] = node(leftChild[i]);
    (spec.right as Int32Array)[i] = node(rightChild[i]);
    if (missingType === 1) {
      (spec.mode as Uint8Array)[i] = SplitMode.LEQ_ZERO_MISSING;
      (spec.missingLeft as Uint8Array)[i] = defaultLeft ? 1 : 0;
    } else {
      (spec.mode as Uint8Array)[i] = SplitMode.LEQ;
      // Missing type NaN: NaN takes the default side. None: NaN is read as 0.
      (spec.missingLeft as Uint8Array)[i] = (missingType === 2 ? defaultLeft : 0 <= threshold[i]) ? 1 : 0;
    }
  }
  if (internalCount && leafCount) {
    const cover = new Float64Array(n);
    cover.set(internalCount);
    cover.set(leafCount, nInternal);
    spec.cover = cover;
  }
  return spec;
}

function keyValues(block: string): Map<string, string> {
  const kv = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) kv.set(line.slice(0, eq), line.slice(eq + 1).trim());
    else if (line.trim()) kv.set(line.trim(), '');
  }
  return kv;
}

function int(kv: Map<string, string>, key: string, where: string, fallback?: number): number {
  const raw = kv.get(key);
  if (raw === undefined && fallback !== undefined) return fallback;
  const v = Number(raw);
  if (raw === undefined || !Number.isInteger(v)) throw new ModelError(`${where}: '${key}' is missing or not an integer; the LightGBM model file is incomplete.`);
  return v;
}

function nums(kv: Map<string, string>, key: string, where: string, n: number): number[] {
  const raw = kv.get(key);
  if (raw === undefined) throw new ModelError(`${where}: '${key}' is missing; the LightGBM model file is incomplete.`);
  const v = raw.split(' ').map(Number);
  if (v.length !== n || v.some((x) => Number.isNaN(x))) throw new ModelError(`${where}: '${key}' should hold ${n} numbers.`);
  return v;
}
