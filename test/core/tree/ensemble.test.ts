import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import type * as ort from 'onnxruntime-node';
import { onnxRuntime } from '../../../src/core/model/onnxRunner';
import { decodeModel } from '../../../src/core/onnx/modelFile';
import { removeNonTensorOutputs } from '../../../src/core/onnx/zipmap';
import { predict, predictionWidth, predictMargin } from '../../../src/core/tree/ensemble';
import { loadTreeModel, treeModelFromBytes } from '../../../src/core/tree/load';
import { assertClose, expected, fixturePath, matrix } from './fixtures';

const SKLEARN = ['sk_gb_regression', 'sk_gb_binary', 'sk_gb_multiclass', 'sk_rf_regression', 'sk_rf_binary', 'sk_rf_multiclass'];
const XGBOOST = ['xgb_regression', 'xgb_binary', 'xgb_multiclass'];
const LIGHTGBM = ['lgb_regression', 'lgb_binary', 'lgb_multiclass'];

test('ONNX-ML trees from sklearn: margins and predictions match sklearn', async () => {
  for (const name of SKLEARN) {
    const e = await loadTreeModel(fixturePath(`${name}.onnx`));
    const fx = expected(name);
    const n = fx.x.length;
    const x = matrix(fx.x);
    assert.equal(e.format, 'onnx');
    assert.equal(e.nFeatures, 6);
    // ONNX weights are float32: 1e-6 is float32 rounding of values of order 1.
    assertClose(predictMargin(e, x, n), fx.margin.flat(), 1e-6, `${name} margin`);
    const p = predict(e, x, n);
    assertClose(p, (fx.proba ?? (fx.predict as number[])).flat(), 1e-6, `${name} predictions`);
    if (fx.proba) assert.equal(predictionWidth(e), fx.proba[0].length);
  }
});

test('XGBoost JSON: margins match predict(output_margin=True), predictions match predict()', async () => {
  for (const name of XGBOOST) {
    const e = await loadTreeModel(fixturePath(`${name}.json`));
    const fx = expected(name);
    const n = fx.x.length;
    const x = matrix(fx.x); // has missing values
    assert.ok(x.some((v) => Number.isNaN(v)));
    assert.equal(e.format, 'xgboost');
    assert.deepEqual(e.featureNames, fx.features);
    assertClose(predictMargin(e, x, n), fx.margin.flat(), 1e-5, `${name} margin`);
    const p = predict(e, x, n);
    const ref = (fx.predict as number[] | number[][]).flat();
    if (name === 'xgb_binary') assertClose(Array.from({ length: n }, (_, r) => p[2 * r + 1]), ref, 1e-6, `${name} P(1)`);
    else assertClose(p, ref, 1e-5, `${name} predictions`);
  }
});

test('LightGBM text models: margins and predictions match the sklearn models they were written from', async () => {
  for (const name of LIGHTGBM) {
    const e = await loadTreeModel(fixturePath(`${name}.txt`));
    const fx = expected(name);
    const n = fx.x.length;
    assert.equal(e.format, 'lightgbm');
    assert.deepEqual(e.featureNames, fx.features);
    assertClose(predictMargin(e, matrix(fx.x), n), fx.margin.flat(), 1e-12, `${name} margin`);
    assertClose(predict(e, matrix(fx.x), n), (fx.proba ?? (fx.predict as number[])).flat(), 1e-12, `${name} predictions`);
  }
});

test('LightGBM missing types: NaN as zero, zero as missing, NaN to the default side', () => {
  // One split on f0 at 0.5 per tree; the decision_type differs: 2 = None + default left,
  // 6 = Zero + default left, 8 = NaN + default right.
  const tree = (i: number, decision: number) => [
    `Tree=${i}`, 'num_leaves=2', 'num_cat=0', 'split_feature=0', 'split_gain=1', 'threshold=-0.5', `decision_type=${decision}`,
    'left_child=-1', 'right_child=-2', `leaf_value=${10 ** i} ${-(10 ** i)}`, 'leaf_weight=1 1', 'leaf_count=3 5',
    'internal_value=0', 'internal_weight=2', 'internal_count=8', 'is_linear=0', 'shrinkage=1', '', ''].join('\n');
  const text = ['tree', 'version=v3', 'num_class=1', 'num_tree_per_iteration=1', 'label_index=0', 'max_feature_idx=0',
    'objective=regression', 'feature_names=a', 'feature_infos=[-1:1]', 'tree_sizes=1 1 1', '', tree(0, 2) + tree(1, 6) + tree(2, 8),
    'end of trees', ''].join('\n');
  const e = treeModelFromBytes(Buffer.from(text), 'm.txt');
  const m = predictMargin(e, Float64Array.of(-1, 0, Number.NaN, 1), 4);
  // -1 <= -0.5: left everywhere. 0: None -> right; Zero -> missing -> left; NaN type -> compare, right.
  // NaN: None -> 0 -> right; Zero -> missing -> left; NaN type -> default right.
  assert.deepEqual(Array.from(m), [111, -1 + 10 - 100, -1 + 10 - 100, -111]);
});

let sessions: ort.InferenceSession[] = [];
after(async () => {
  await Promise.all(sessions.map((s) => s.release()));
  sessions = [];
});

/** Rows mixing model thresholds (to hit split boundaries exactly), other values and NaN. */
function probeRows(thresholds: Float64Array, nFeatures: number, n: number): Float64Array {
  const pool = [...Array.from(thresholds).filter((t) => t !== 0).slice(0, 40), -2, -0.25, 0, 0.3, 0.5, 1, 2, Number.NaN];
  const x = new Float64Array(n * nFeatures);
  let seed = 7;
  for (let i = 0; i < x.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    x[i] = pool[seed % pool.length];
  }
  return x;
}

test('ONNX-ML: predictions equal onnxruntime-node on the same file (every branch mode, NaN, binary conventions)', async () => {
  const names = ['onnx_modes', 'onnx_binary_prob', 'onnx_binary_raw', 'onnx_binary_logistic', 'onnx_binary_id1', ...SKLEARN];
  const rt = onnxRuntime();
  for (const name of names) {
    const bytes = readFileSync(fixturePath(`${name}.onnx`));
    const e = treeModelFromBytes(bytes, `${name}.onnx`);
    const session = await rt.InferenceSession.create(removeNonTensorOutputs(decodeModel(bytes, name), bytes).bytes);
    sessions.push(session);
    const n = 200;
    const x = probeRows(e.threshold, e.nFeatures, n);
    const out = session.outputNames[session.outputNames.length - 1];
    const result = await session.run({ [session.inputNames[0]]: new rt.Tensor('float32', Float32Array.from(x), [n, e.nFeatures]) });
    const reference = result[out].data as Float32Array;
    const ours = predict(e, x, n);
    // onnxruntime sums in float32.
    const tol = 4e-7 * Math.max(1, ...Array.from(reference, Math.abs));
    assertClose(ours, reference, tol, `${name} vs onnxruntime`);
  }
});
