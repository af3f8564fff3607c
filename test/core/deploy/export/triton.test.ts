// Triton config.pbtxt for real models: batch-dim handling, types, reshape, round trip.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { exportModel, renderTritonConfig } from '../../../../src/core/deploy/export/exportModel';
import { PbEnum, parsePbtxt, type PbMessage } from '../../../../src/core/deploy/export/pbtxt';
import { TRITON_DATA_TYPES, tritonConfig, tritonMessage } from '../../../../src/core/deploy/export/triton';
import { ModelError, UsageError } from '../../../../src/core/errors';
import { tempDir } from '../../../cli/helpers';

const ROOT = path.join(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/breast-cancer/model.onnx');
const MODELS = path.join(ROOT, 'test/fixtures/models');
const FIX = path.join(ROOT, 'test/fixtures/deploy/export');

async function exported(model: string, extra: { maxBatch?: number; name?: string; instances?: number } = {}) {
  const out = tempDir();
  const r = await exportModel({ target: 'triton', model, out, ...extra });
  const text = readFileSync(path.join(out, r.name, 'config.pbtxt'), 'utf8');
  return { r, out, text, parsed: parsePbtxt(text) };
}

describe('Triton export', () => {
  it('writes the breast-cancer example: dims [30] without the batch dim, max_batch_size > 0', async () => {
    const { r, out, parsed } = await exported(EXAMPLE);
    assert.equal(r.name, 'breast-cancer');
    assert.deepEqual(parsed, {
      name: 'breast-cancer',
      platform: 'onnxruntime_onnx',
      max_batch_size: 8,
      input: [{ name: 'input', data_type: new PbEnum('TYPE_FP32'), dims: [30] }],
      output: [{ name: 'probabilities', data_type: new PbEnum('TYPE_FP32'), dims: [2] }],
      dynamic_batching: {},
      instance_group: [{ count: 1, kind: new PbEnum('KIND_CPU') }],
    });
    // The model file is copied byte for byte (no ZipMap to remove here).
    assert.deepEqual(readFileSync(path.join(out, 'breast-cancer', '1', 'model.onnx')), readFileSync(EXAMPLE));
  });

  it('writes the multi-input model with a string input as TYPE_STRING', async () => {
    const { parsed } = await exported(path.join(MODELS, 'multi_input.onnx'), { maxBatch: 64, instances: 2, name: 'adult' });
    const inputs = parsed.input as PbMessage[];
    assert.deepEqual(inputs.map((i) => i.name), ['age', 'income', 'city']);
    assert.deepEqual(inputs.map((i) => (i.data_type as PbEnum).name), ['TYPE_FP32', 'TYPE_FP32', 'TYPE_STRING']);
    assert.ok(inputs.every((i) => JSON.stringify(i.dims) === '[1]'));
    assert.deepEqual(parsed.output, [{ name: 'p', data_type: new PbEnum('TYPE_FP32'), dims: [1] }]);
    assert.equal(parsed.max_batch_size, 64);
    assert.equal(parsed.name, 'adult');
    assert.deepEqual(parsed.instance_group, [{ count: 2, kind: new PbEnum('KIND_CPU') }]);
  });

  it('keeps the full shape and no dynamic_batching when the model fixes its batch', async () => {
    const { r, parsed } = await exported(path.join(MODELS, 'batch1.onnx'));
    assert.equal(parsed.max_batch_size, 0);
    assert.equal(parsed.dynamic_batching, undefined);
    assert.deepEqual((parsed.input as PbMessage[])[0].dims, [1, 4]);
    assert.match(r.notes.join(' '), /max_batch_size is 0/);
    await assert.rejects(exportModel({ target: 'triton', model: path.join(MODELS, 'batch1.onnx'), out: tempDir(), maxBatch: 4 }), (e: Error) => e instanceof UsageError && /fixes its first dimension at 1.*--max-batch 0/.test(e.message));
  });

  it('declares a batch-only tensor as dims [1] with an empty reshape', async () => {
    const { parsed } = await exported(path.join(FIX, 'rank1.onnx'));
    assert.deepEqual((parsed.input as PbMessage[])[0], { name: 'x', data_type: new PbEnum('TYPE_FP32'), dims: [1], reshape: { shape: [] } });
    const unbatched = await exported(path.join(FIX, 'rank1.onnx'), { maxBatch: 0 });
    assert.deepEqual((unbatched.parsed.input as PbMessage[])[0].dims, [-1]);
  });

  it('maps int64, bool and double and writes -1 for symbolic non-batch dims', async () => {
    const { parsed } = await exported(path.join(FIX, 'mixed_types.onnx'));
    const inputs = parsed.input as PbMessage[];
    assert.deepEqual(inputs.map((i) => [(i.data_type as PbEnum).name, i.dims]), [['TYPE_INT64', [-1]], ['TYPE_BOOL', [-1]], ['TYPE_FP64', [1]]]);
    assert.deepEqual((parsed.output as PbMessage[])[0], { name: 'out', data_type: new PbEnum('TYPE_FP64'), dims: [-1] });
  });

  it('turns a ZipMap output into its probability tensor in the Triton copy', async () => {
    const { r, parsed } = await exported(path.join(MODELS, 'zipmap_3class.onnx'));
    assert.deepEqual((parsed.output as PbMessage[]).map((o) => [o.name, (o.data_type as PbEnum).name, o.dims]), [['label', 'TYPE_STRING', [1]], ['output_probability', 'TYPE_FP32', [3]]]);
    assert.match(r.notes.join(' '), /ZipMap/);
  });

  it('refuses a model without declared shapes, naming the tensors', async () => {
    await assert.rejects(exportModel({ target: 'triton', model: path.join(FIX, 'no_shape.onnx'), out: tempDir() }), (e: Error) => e instanceof ModelError && /shape of x, y/.test(e.message));
  });

  it('round-trips the rendered config through the parser', () => {
    const c = tritonConfig([{ name: 'in', type: 'float16', shape: ['N', 3, 'h'] }], [{ name: 'o', type: 'uint8', shape: [null] }], { name: 'm', maxBatch: 2 });
    assert.deepEqual(parsePbtxt(renderTritonConfig(c)), tritonMessage(c));
    assert.throws(() => tritonConfig([{ name: 'z', type: 'complex64', shape: ['N'] }], [], { name: 'm' }), /complex64/);
    assert.equal(TRITON_DATA_TYPES.string, 'TYPE_STRING');
  });
});
