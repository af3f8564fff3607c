import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onnx } from 'onnx-proto';
import { OnnxModel } from '../../../src/core/model/onnxRunner';
import { decodeModel, readModelFile } from '../../../src/core/onnx/modelFile';
import { tensorSpec } from '../../../src/core/onnx/modelCard';
import { removeNonTensorOutputs } from '../../../src/core/onnx/zipmap';
import { expected, maxAbsDiff, modelPath, tableFromRows } from '../model/fixtures';

interface ZipFixture { features: string[]; x: number[][]; classes: string[]; proba: number[][]; label: string[] }

test('the ZipMap is cut off and its probability tensor takes the output name', async () => {
  const file = await readModelFile(modelPath('zipmap_binary'));
  const r = removeNonTensorOutputs(file.model, file.bytes);
  assert.equal(r.changed, true);
  assert.deepEqual(r.unzipped, ['output_probability']);
  assert.deepEqual(r.dropped, []);
  assert.deepEqual(r.classLabels, ['0', '1']);
  const g = decodeModel(r.bytes, 'rewritten').graph!;
  assert.deepEqual((g.output ?? []).map(tensorSpec), [
    { name: 'label', type: 'int64', shape: [null] },
    { name: 'output_probability', type: 'float', shape: ['N', 2] },
  ]);
  assert.ok(!(g.node ?? []).some((n) => n.opType === 'ZipMap'));
  // The caller's decoded message is left as the file has it.
  assert.ok((file.model.graph?.node ?? []).some((n) => n.opType === 'ZipMap'));
});

test('a model with tensor outputs only is passed through byte for byte', async () => {
  const file = await readModelFile(modelPath('binary_logits'));
  const r = removeNonTensorOutputs(file.model, file.bytes);
  assert.equal(r.changed, false);
  assert.equal(r.bytes, file.bytes);
});

for (const name of ['zipmap_binary', 'zipmap_3class']) {
  test(`${name}: predictions equal sklearn's predict_proba to 1e-5`, async () => {
    const fx = expected<ZipFixture>(name);
    const model = await OnnxModel.load(modelPath(name));
    try {
      const task = fx.classes.length === 2 ? 'binary' : 'multiclass';
      const p = await model.predict(tableFromRows(fx.features, fx.x), fx.features, { task });
      assert.equal(p.outputName, 'output_probability');
      assert.equal(p.kind, 'probabilities');
      assert.equal(p.detected, true);
      assert.deepEqual(p.classes, fx.classes);
      assert.ok(maxAbsDiff(p.proba!, fx.proba.flat()) < 1e-5, `max diff ${maxAbsDiff(p.proba!, fx.proba.flat())}`);
      // The label output, read explicitly, agrees with sklearn's predict.
      const labels = await model.predict(tableFromRows(fx.features, fx.x), fx.features, { task, output: 'label' });
      assert.equal(labels.kind, 'labels');
      assert.deepEqual(labels.labels, fx.label);
    } finally {
      await model.dispose();
    }
  });
}

test('a non-tensor output without a ZipMap is dropped', async () => {
  const file = await readModelFile(modelPath('zipmap_3class'));
  const model = onnx.ModelProto.decode(file.bytes);
  // Rename the ZipMap so it is no longer recognised: its output must then be dropped.
  model.graph!.node!.find((n) => n.opType === 'ZipMap')!.opType = 'SomethingElse';
  const bytes = onnx.ModelProto.encode(model).finish();
  const r = removeNonTensorOutputs(decodeModel(bytes, 'x'), bytes);
  assert.deepEqual(r.dropped, ['output_probability (sequence<map<string,float>>)']);
  assert.deepEqual((decodeModel(r.bytes, 'x').graph?.output ?? []).map((o) => o.name), ['label']);
});
