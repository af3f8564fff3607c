/**
 * The fast paths of the gradient methods give the numbers of the plain ones: IG and SmoothGrad
 * through weighted gradient sums vs per-point gradients; fixed-batch models run batched only
 * when their graph is per-row; cached gradient sessions follow the model file when it changes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { onnx } from 'onnx-proto';
import { inputGradients, releaseGradientSessions } from '../../../src/core/saliency/gradientModel';
import { chunkSize, integratedGradients, smoothGrad } from '../../../src/core/saliency/gradients';
import { OnnxImageModel } from '../../../src/core/saliency/imageModel';
import { computeSaliency } from '../../../src/core/saliency/saliency';
import { regionModel, uniform } from './models';

const CNN = path.join(__dirname, '../../fixtures/grad/small_cnn.onnx');
const DIMS = [1, 3, 16, 16];
const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-gradmodel-'));
after(async () => {
  await releaseGradientSessions();
  rmSync(dir, { recursive: true, force: true });
});
const x = uniform(3 * 16 * 16, 5, -1, 1);

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let d = 0;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

/** The model with its batch axis fixed at 1 (as many exporters write it). */
function fixedBatch(bytes: Uint8Array): Uint8Array {
  const m = onnx.ModelProto.decode(bytes);
  for (const v of [...m.graph!.input!, ...m.graph!.output!]) v.type!.tensorType!.shape!.dim![0] = onnx.TensorShapeProto.Dimension.create({ dimValue: 1 });
  return onnx.ModelProto.encode(m).finish();
}

describe('gradient fast paths', () => {
  it('IG (every rule, batches of 7) and SmoothGrad through weighted sums equal the per-point sums', async () => {
    const g = await inputGradients(CNN, DIMS, 5, false, { cache: false });
    try {
      const baseline = uniform(x.length, 9, -0.2, 0.2);
      for (const rule of ['riemann-left', 'trapezoid', 'gauss-legendre'] as const) {
        const opts = { baseline, steps: 20, rule, nClasses: 5, maxBatch: 7 };
        const plain = await integratedGradients(g.grad, x, 2, opts);
        const fast = await integratedGradients(g.grad, x, 2, { ...opts, weightedSum: g.weightedSum });
        assert.ok(relDiff(fast.attribution, plain.attribution) < 1e-5, rule);
        assert.equal(fast.fx, plain.fx);
        assert.equal(fast.fBaseline, plain.fBaseline);
      }
      const sg = { kind: 'smoothgrad' as const, samples: 9, seed: 3, nClasses: 5, maxBatch: 4 };
      assert.ok(relDiff(await smoothGrad(g.grad, x, 1, { ...sg, weightedSum: g.weightedSum }), await smoothGrad(g.grad, x, 1, sg)) < 1e-5);
    } finally {
      await g.dispose();
    }
  });

  it('evens out batches under the cap', () => {
    assert.equal(chunkSize(52, 3 * 224 * 224), 26);
    assert.equal(chunkSize(52, 3 * 64 * 64), 52);
    assert.equal(chunkSize(10, 100, 3), 3);
    assert.equal(chunkSize(7, 100, 6), 4);
    assert.equal(chunkSize(1, 100, 1), 1);
  });

  it('a per-row model with batch fixed at 1 runs batched, with the same maps', async () => {
    const bytes = readFileSync(CNN);
    const file = path.join(dir, 'fixed.onnx');
    writeFileSync(file, fixedBatch(bytes));
    const model = await OnnxImageModel.fromBytes(readFileSync(file), DIMS, file);
    try {
      assert.equal(model.batchRelaxed, true);
      assert.ok(model.maxBatch > 1);
    } finally {
      await model.dispose();
    }
    const input = { data: x, dims: DIMS };
    for (const method of ['integrated-gradients', 'smoothgrad', 'occlusion'] as const) {
      const a = await computeSaliency({ modelPath: file, input, method, target: 3, samples: 6, steps: 12, window: 4, stride: 4 });
      const b = await computeSaliency({ modelPath: CNN, input, method, target: 3, samples: 6, steps: 12, window: 4, stride: 4 });
      assert.ok(relDiff(a.map.attribution, b.map.attribution) < 1e-5, method);
    }
  });

  it('a model that mixes rows (Reshape to [1, -1]) keeps its batch of 1', async () => {
    const m = onnx.ModelProto.decode(regionModel(2, 3, 3, { y0: 0, y1: 2, x0: 0, x1: 2 }));
    const flatten = m.graph!.node![0];
    flatten.opType = 'Reshape';
    flatten.input!.push('shape');
    m.graph!.initializer!.push(onnx.TensorProto.create({ name: 'shape', dims: [2], dataType: onnx.TensorProto.DataType.INT64, int64Data: [1, -1] }));
    const bytes = fixedBatch(onnx.ModelProto.encode(m).finish());
    const model = await OnnxImageModel.fromBytes(bytes, [1, 2, 3, 3], 'mixing');
    try {
      assert.equal(model.batchRelaxed, false);
      assert.equal(model.maxBatch, 1);
    } finally {
      await model.dispose();
    }
  });

  it('a cached gradient session follows the model file when it is rewritten', async () => {
    const file = path.join(dir, 'changing.onnx');
    const region = { y0: 0, y1: 2, x0: 1, x1: 3 };
    const small = uniform(2 * 3 * 3, 2, 0, 1);
    const gradOf = async () => {
      const g = await inputGradients(file, [1, 2, 3, 3], 2, false);
      try {
        return Array.from((await g.grad(small, 1, 0)).grads);
      } finally {
        await g.dispose();
      }
    };
    writeFileSync(file, regionModel(2, 3, 3, region, { scale: 1 }));
    const first = await gradOf();
    assert.deepEqual(await gradOf(), first);
    writeFileSync(file, regionModel(2, 3, 3, region, { scale: 2 }));
    // Same size; a different mtime is what tells the cache.
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(await gradOf(), first.map((v) => 2 * v));
  });
});
