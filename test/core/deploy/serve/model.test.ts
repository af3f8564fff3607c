// ServedModel loads through OnnxModel: ZipMap outputs rewritten to the tensor OnnxModel returns,
// the probabilities numpy computed from the classifier's weights (test/fixtures/models/
// make_fixtures.py), tensors it cannot carry refused before onnxruntime opens a session, and
// onnxruntime's own load failure reported as before.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { onnx } from 'onnx-proto';
import { ModelError } from '../../../../src/core/errors';
import { ServedModel } from '../../../../src/core/deploy/serve/model';
import { OnnxModel } from '../../../../src/core/model/onnxRunner';
import { ROOT } from './helpers';

const ZIPMAP = path.join(ROOT, 'test', 'fixtures', 'models', 'zipmap_3class.onnx');
const ref = JSON.parse(readFileSync(ZIPMAP.replace(/\.onnx$/, '.json'), 'utf8')) as { x: number[][]; proba: number[][] };
const DT = onnx.TensorProto.DataType;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'posthoc-serve-model-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** x[N, 2] float → `opType` → y[N, 2] of `outType`, written to a temporary file. */
function writeModel(name: string, opType: string, outType: number): string {
  const io = (n: string, elemType: number) => ({ name: n, type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }, { dimValue: 2 }] } } } });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'g', node: [{ opType, input: ['x'], output: ['y'], name: 'n0' }], input: [io('x', DT.FLOAT)], output: [io('y', outType)] },
  });
  const file = path.join(tmp, `${name}.onnx`);
  writeFileSync(file, onnx.ModelProto.encode(model).finish());
  return file;
}

describe('ServedModel.load', () => {
  it('serves a ZipMap classifier as OnnxModel loads it, with the reference probabilities', async () => {
    const served = await ServedModel.load({ path: ZIPMAP });
    const model = await OnnxModel.load(ZIPMAP);
    try {
      assert.equal(served.name, 'zipmap_3class');
      assert.deepEqual(served.outputs.map((t) => [t.name, t.onnxType]), model.runtimeOutputs.map((t) => [t.name, t.type]));
      assert.deepEqual(served.inputs, [{ name: 'float_input', onnxType: 'float', shape: [-1, 4] }]);
      assert.ok(served.batchable);
      assert.ok(served.loadSeconds > 0);
      const probs = served.outputs.find((t) => t.onnxType === 'float')!.name;
      const out = await served.run({ float_input: { type: 'float32', dims: [ref.x.length, 4], data: Float32Array.from(ref.x.flat()) } }, [probs]);
      assert.deepEqual(out[probs].dims, [ref.x.length, 3]);
      ref.proba.flat().forEach((q, i) => assert.ok(Math.abs(Number(out[probs].data[i]) - q) < 1e-6, `value ${i}`));
      assert.equal(served.sessionRuns, 1);
    } finally {
      await served.dispose();
      await model.dispose();
    }
  });

  it('refuses a tensor type it cannot carry before onnxruntime opens the model', async () => {
    // The op does not exist, so onnxruntime would fail too: the type check must come first.
    const file = writeModel('half', 'NoSuchOp', DT.FLOAT16);
    await assert.rejects(ServedModel.load({ path: file }), (e: unknown) =>
      e instanceof ModelError && /The model's output 'y' is a float16; posthoc serve carries only/.test(e.message));
  });

  it("reports onnxruntime's load failure with the file's name", async () => {
    const file = writeModel('broken', 'NoSuchOp', DT.FLOAT);
    await assert.rejects(ServedModel.load({ path: file, name: 'b' }), (e: unknown) =>
      e instanceof ModelError && /^onnxruntime could not load broken\.onnx: /.test(e.message));
  });
});
