import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ModelError } from '../../../src/core/errors';
import { readModelFile } from '../../../src/core/onnx/modelFile';
import { CLASS_LABELS_METADATA_KEY } from '../../../src/core/onnx/modelCard';
import { EXAMPLES, modelPath } from '../model/fixtures';

test('card of the breast-cancer example: shapes, opsets, metadata, parameters', async () => {
  const file = path.join(EXAMPLES, 'breast-cancer/model.onnx');
  const { card } = await readModelFile(file);
  assert.equal(card.file_name, 'model.onnx');
  assert.equal(card.format, 'onnx');
  assert.ok(card.size_bytes > 0);
  assert.ok(card.ir_version >= 7);
  assert.equal(card.producer, 'pytorch');
  assert.deepEqual(card.opsets, [{ domain: 'ai.onnx', version: 13 }]);
  assert.deepEqual(card.inputs, [{ name: 'input', type: 'float', shape: ['batch', 30] }]);
  assert.deepEqual(card.outputs, [{ name: 'probabilities', type: 'float', shape: ['batch', 2] }]);
  assert.deepEqual(card.class_labels, ['malignant', 'benign']);
  assert.equal(JSON.parse(card.metadata[CLASS_LABELS_METADATA_KEY]).length, 2);
  // Linear(30,16) + Linear(16,2) + the folded mean and std (30 each).
  assert.equal(card.parameter_count, 30 * 16 + 16 + 16 * 2 + 2 + 60);
  assert.equal(card.operators.Gemm, 2);
  assert.equal(card.operators.Softmax, 1);
});

test('card of a ZipMap classifier: non-tensor output type, class labels, ML operators', async () => {
  const { card } = await readModelFile(modelPath('zipmap_3class'));
  assert.deepEqual(card.outputs, [
    { name: 'label', type: 'string', shape: [null] },
    { name: 'output_probability', type: 'sequence<map<string,float>>', shape: [] },
  ]);
  assert.deepEqual(card.inputs, [{ name: 'float_input', type: 'float', shape: [null, 4] }]);
  assert.deepEqual(card.class_labels, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual(card.operators, { 'ai.onnx.ml.LinearClassifier': 1, 'ai.onnx.ml.ZipMap': 1 });
  assert.deepEqual(card.opsets, [{ domain: 'ai.onnx', version: 13 }, { domain: 'ai.onnx.ml', version: 1 }]);
  assert.equal(card.parameter_count, 3 * 4 + 3);
  assert.equal(card.producer, 'skl2onnx-like');
  assert.equal(card.metadata.source, 'make_fixtures.py');
});

test('int64 class labels come out as strings', async () => {
  const { card } = await readModelFile(modelPath('zipmap_binary'));
  assert.deepEqual(card.class_labels, ['0', '1']);
  assert.deepEqual(card.outputs[0], { name: 'label', type: 'int64', shape: [null] });
});

test('fixed dims are numbers, symbolic dims are names', async () => {
  const { card } = await readModelFile(modelPath('batch1'));
  assert.deepEqual(card.inputs[0].shape, [1, 4]);
  const multi = (await readModelFile(modelPath('multi_input'))).card;
  assert.deepEqual(multi.inputs.map((i) => [i.name, i.type, i.shape]), [
    ['age', 'float', ['N', 1]], ['income', 'float', ['N', 1]], ['city', 'string', ['N', 1]],
  ]);
});

test('a truncated file is reported as not a valid ONNX model', async () => {
  await assert.rejects(readModelFile(modelPath('truncated')), (err: Error) => {
    assert.ok(err instanceof ModelError);
    assert.match(err.message, /truncated\.onnx is not a valid ONNX model: .*Re-export it or check the file is complete/);
    return true;
  });
});

test('a file that is not ONNX is reported as such', async () => {
  await assert.rejects(readModelFile(modelPath('not_onnx')), (err: Error) => {
    assert.ok(err instanceof ModelError);
    assert.match(err.message, /not_onnx\.onnx is not a valid ONNX model/);
    return true;
  });
});

test('a missing file says file not found', async () => {
  await assert.rejects(readModelFile(modelPath('no_such_model')), (err: Error) => err instanceof ModelError && /file not found/i.test(err.message));
});
