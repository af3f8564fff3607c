import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { onnx } from 'onnx-proto';
import { ModelError } from '../../../src/core/errors';
import { predictMargin } from '../../../src/core/tree/ensemble';
import { loadTreeModel, treeModelFromBytes } from '../../../src/core/tree/load';
import * as lightgbm from '../../../src/core/tree/lightgbmText';
import * as onnxTrees from '../../../src/core/tree/onnxTrees';
import * as xgboost from '../../../src/core/tree/xgboostJson';
import { fixturePath } from './fixtures';

const modelError = (pattern: RegExp) => (err: unknown) => err instanceof ModelError && pattern.test(err.message);

test('match() picks the format from the name and the first bytes', () => {
  const xgb = readFileSync(fixturePath('xgb_binary.json'), 'utf8').slice(0, 4096);
  const lgb = readFileSync(fixturePath('lgb_binary.txt'), 'utf8').slice(0, 4096);
  assert.ok(onnxTrees.match('m.onnx'));
  assert.ok(xgboost.match('m.json', xgb));
  assert.ok(!xgboost.match('m.json', '{"columns": []}'));
  assert.ok(lightgbm.match('model.txt', lgb));
  assert.ok(!lightgbm.match('notes.txt', 'hello'));
});

test('loaders read header fields: outputs, classes, transforms, covers', async () => {
  const gb = await loadTreeModel(fixturePath('sk_gb_binary.onnx'));
  assert.equal(gb.nOutputs, 1);
  assert.deepEqual(gb.classLabels, ['0', '1']);
  assert.equal(gb.postTransform, 'LOGISTIC');
  assert.ok(gb.cover, 'nodes_hitrates become covers');
  assert.equal(gb.nTrees, 12);
  const rf = await loadTreeModel(fixturePath('sk_rf_multiclass.onnx'));
  assert.equal(rf.nOutputs, 3);
  assert.equal(rf.postTransform, 'NONE');
  const xgb = await loadTreeModel(fixturePath('xgb_multiclass.json'));
  assert.equal(xgb.nOutputs, 3);
  assert.equal(xgb.postTransform, 'SOFTMAX');
  assert.equal(xgb.float32Inputs, true);
  assert.equal(xgb.nTrees, 18);
  assert.equal(xgb.treeOutputs[4], 1 << 1, 'tree 4 feeds class 1');
  const lgb = await loadTreeModel(fixturePath('lgb_multiclass.txt'));
  assert.equal(lgb.nOutputs, 3);
  assert.equal(lgb.float32Inputs, false);
  assert.equal(lgb.maxDepth, 3);
  assert.ok(lgb.cover);
});

test('a non-tree ONNX model is refused with a pointer to kernel SHAP', async () => {
  await assert.rejects(loadTreeModel(path.join(__dirname, '../../fixtures/models/regression.onnx')), modelError(/no TreeEnsembleClassifier or TreeEnsembleRegressor.*kernel SHAP/));
  await assert.rejects(loadTreeModel(path.join(__dirname, '../../fixtures/models/truncated.onnx')), modelError(/not a valid ONNX model/));
});

test('a categorical LightGBM split is refused clearly', async () => {
  await assert.rejects(loadTreeModel(fixturePath('lgb_categorical.txt')), modelError(/Tree=0: node 0 is a categorical split; .*numerical splits only/));
});

test('corrupt or foreign JSON is refused clearly', () => {
  const bytes = readFileSync(fixturePath('xgb_binary.json'));
  assert.throws(() => treeModelFromBytes(bytes.subarray(0, bytes.length / 2), 'cut.json'), modelError(/cut\.json is not valid JSON/));
  assert.throws(() => treeModelFromBytes(Buffer.from('{"columns": [1, 2]}'), 'other.json'), modelError(/not an XGBoost JSON model: 'learner' is missing/));
  const doc = JSON.parse(bytes.toString('utf8'));
  delete doc.learner.gradient_booster.model.trees[3].split_conditions;
  assert.throws(() => treeModelFromBytes(Buffer.from(JSON.stringify(doc)), 'm.json'), modelError(/tree 3 has no 'split_conditions'/));
  const cat = JSON.parse(bytes.toString('utf8'));
  cat.learner.gradient_booster.model.trees[0].split_type[0] = 1;
  assert.throws(() => treeModelFromBytes(Buffer.from(JSON.stringify(cat)), 'm.json'), modelError(/categorical splits/));
});

test('other bad inputs: unknown file kind, missing file, wrong row width', async () => {
  assert.throws(() => treeModelFromBytes(Buffer.from('a,b\n1,2\n'), 'data.csv'), modelError(/not a tree model Posthoc can read/));
  await assert.rejects(loadTreeModel(fixturePath('nope.json')), modelError(/not found/));
  const e = await loadTreeModel(fixturePath('lgb_regression.txt'));
  assert.throws(() => predictMargin(e, new Float64Array(7), 1), modelError(/1 rows × 6 features/));
  const text = readFileSync(fixturePath('lgb_regression.txt'), 'utf8').replace('is_linear=0', 'is_linear=1');
  assert.throws(() => treeModelFromBytes(Buffer.from(text), 'lin.txt'), modelError(/linear trees/));
});

test('ONNX nodes_hitrates are used as covers only when they add up like sample counts', () => {
  const bytes = readFileSync(fixturePath('sk_gb_regression.onnx'));
  assert.ok(treeModelFromBytes(bytes, 'm.onnx').cover);
  const model = onnx.ModelProto.decode(bytes);
  const rates = model.graph!.node![0].attribute!.find((a) => a.name === 'nodes_hitrates')!;
  rates.floats = rates.floats!.map(() => 1);
  const placeholder = treeModelFromBytes(onnx.ModelProto.encode(model).finish(), 'm.onnx');
  assert.equal(placeholder.cover, undefined);
  assert.ok(!treeModelFromBytes(readFileSync(fixturePath('onnx_modes.onnx')), 'modes.onnx').cover);
});

test('XGBoost base_score written as a one-element vector (XGBoost >= 2.1) reads the same', () => {
  const text = readFileSync(fixturePath('xgb_regression.json'), 'utf8');
  const doc = JSON.parse(text);
  const plain = treeModelFromBytes(Buffer.from(text), 'a.json');
  doc.learner.learner_model_param.base_score = `[${doc.learner.learner_model_param.base_score}]`;
  const vector = treeModelFromBytes(Buffer.from(JSON.stringify(doc)), 'b.json');
  assert.deepEqual(Array.from(vector.baseValues), Array.from(plain.baseValues));
  assert.ok(Math.abs(plain.baseValues[0] - 0.3) < 1e-7);
});
