/**
 * XGBoost JSON models (`booster.save_model('m.json')`, XGBoost ≥ 1.0) -> {@link TreeEnsemble}.
 * XGBoost sends `x < split_condition` left, NaN to the default side, and compares in float32;
 * leaves keep their value in split_conditions; sum_hessian is the cover TreeSHAP needs. The
 * stored base_score is in prediction space and becomes a margin through the objective's link.
 */
import * as path from 'node:path';
import { ModelError } from '../errors';
import { buildEnsemble, LEAF, SplitMode, type PostTransform, type TreeEnsemble, type TreeSpec } from './ensemble';

/** Objective -> (post-transform, link from base_score to margin). */
const OBJECTIVES: Record<string, { post: PostTransform; link: (p: number) => number }> = {};
const identity = (p: number) => p;
const logit = (p: number) => -Math.log(1 / p - 1);
for (const o of ['reg:squarederror', 'reg:linear', 'reg:squaredlogerror', 'reg:pseudohubererror', 'reg:absoluteerror', 'reg:quantileerror',
  'binary:hinge', 'rank:pairwise', 'rank:ndcg', 'rank:map', 'survival:aft']) OBJECTIVES[o] = { post: 'NONE', link: identity };
for (const o of ['binary:logistic', 'reg:logistic']) OBJECTIVES[o] = { post: 'LOGISTIC', link: logit };
OBJECTIVES['binary:logitraw'] = { post: 'NONE', link: logit };
for (const o of ['count:poisson', 'reg:gamma', 'reg:tweedie', 'survival:cox']) OBJECTIVES[o] = { post: 'EXP', link: Math.log };
OBJECTIVES['multi:softprob'] = { post: 'SOFTMAX', link: identity };
OBJECTIVES['multi:softmax'] = { post: 'NONE', link: identity };

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: (number | boolean)[];
  sum_hessian?: number[];
  split_type?: number[];
  tree_param?: { size_leaf_vector?: string };
}

/** True for a `.json` file whose start looks like an XGBoost model. */
export function match(fileName: string, head: string): boolean {
  return fileName.toLowerCase().endsWith('.json') && head.includes('"learner"');
}

/** Parses an XGBoost JSON model. Throws ModelError for corrupt JSON, other boosters, categorical splits. */
export function load(bytes: Uint8Array, fileName: string): TreeEnsemble {
  const name = path.basename(fileName);
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (err) {
    throw new ModelError(`${name} is not valid JSON (${(err as Error).message}); save the model again with booster.save_model('model.json').`);
  }
  const learner = get(doc, 'learner', name) as Record<string, unknown>;
  const booster = get(learner, 'gradient_booster', name) as Record<string, unknown>;
  const boosterName = String(booster.name ?? 'gbtree');
  if (boosterName !== 'gbtree' && boosterName !== 'dart') throw new ModelError(`${name} uses the '${boosterName}' booster; tree explainers need gbtree or dart.`);
  const model = (boosterName === 'dart' ? get(booster, 'gbtree', name) as Record<string, unknown> : booster);
  const inner = get(model, 'model', name) as Record<string, unknown>;
  const trees = get(inner, 'trees', name) as XgbTree[];
  const treeInfo = (inner.tree_info as number[] | undefined) ?? trees.map(() => 0);
  const weightDrop = boosterName === 'dart' ? (booster.weight_drop as number[] | undefined) : undefined;
  const param = get(learner, 'learner_model_param', name) as Record<string, string>;
  const objective = String((learner.objective as { name?: string } | undefined)?.name ?? 'reg:squarederror');
  const obj = OBJECTIVES[objective];
  if (!obj) throw new ModelError(`${name}: objective '${objective}' is not supported by Posthoc's tree loader.`);
  const nClass = Number(param.num_class ?? 0);
  const nTarget = Number(param.num_target ?? 1);
  const nOutputs = Math.max(1, nClass, nTarget);
  const nFeatures = Number(param.num_feature ?? 0);
  // XGBoost ≥ 2.1 may write a vector, "[5E-1]"; one value per model is what gbtree uses here.
  const baseScore = Number(String(param.base_score ?? '0.5').replace(/^\[|\]$/g, '').split(',')[0]);
  if (!Array.isArray(trees) || !Number.isFinite(nFeatures) || !Number.isFinite(baseScore)) throw new ModelError(`${name}: learner_model_param or trees are malformed.`);
  const names = learner.feature_names as string[] | undefined;

  const specs = trees.map((t, ti): TreeSpec => {
    for (const key of ['left_children', 'right_children', 'split_indices', 'split_conditions', 'default_left'] as const) {
      if (!Array.isArray(t[key])) throw new ModelError(`${name}: tree ${ti} has no '${key}' array; the file is not a complete XGBoost model.`);
    }
    if (Number(t.tree_param?.size_leaf_vector ?? 0) > 1) throw new ModelError(`${name}: tree ${ti} has vector leaves (multi_strategy='multi_output_tree'), which Posthoc does not support yet.`);
    if (t.split_type?.some((s) => s !== 0)) throw new ModelError(`${name}: tree ${ti} has categorical splits, which Posthoc's tree explainers do not support yet.`);
    const n = t.left_children.length;
    const k = treeInfo[ti] ?? 0;
    if (k < 0 || k >= nOutputs) throw new ModelError(`${name}: tree ${ti} belongs to output ${k} of ${nOutputs}.`);
    const w = weightDrop?.[ti] ?? 1;
    const spec: TreeSpec = {
      feature: new Int32Array(n), threshold: new Float64Array(n), left: new Int32Array(n), right: new Int32Array(n),
      missingLeft: t.default_left, mode: SplitMode.LT, values: new Float64Array(n * nOutputs),
      cover: t.sum_hessian ? Float64Array.from(t.sum_hessian, Math.fround) : undefined,
    };
    for (let i = 0; i < n; i++) {
      const c = Math.fround(t.split_conditions[i]);
      if (t.left_children[i] === -1) {
        (spec.feature as Int32Array)[i] = LEAF;
        spec.values[i * nOutputs + k] = c * w;
      } else {
        (spec.feature as Int32Array)[i] = t.split_indices[i];
        (spec.threshold as Float64Array)[i] = c;
        (spec.left as Int32Array)[i] = t.left_children[i];
        (spec.right as Int32Array)[i] = t.right_children[i];
      }
    }
    return spec;
  });
  const base = obj.link(baseScore);
  return buildEnsemble({
    format: 'xgboost', nFeatures, featureNames: names && names.length === nFeatures ? names : undefined, nOutputs,
    classLabels: objective.startsWith('multi:') ? Array.from({ length: nOutputs }, (_, i) => String(i)) : objective.startsWith('binary:') ? ['0', '1'] : undefined,
    baseValues: new Array<number>(nOutputs).fill(Math.fround(base)), postTransform: obj.post, float32Inputs: true,
  }, specs, name);
}

function get(obj: unknown, key: string, name: string): unknown {
  const v = obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
  if (v === undefined || v === null) throw new ModelError(`${name} is not an XGBoost JSON model: '${key}' is missing. Save it with booster.save_model('model.json').`);
  return v;
}
