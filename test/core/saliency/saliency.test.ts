import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readNpy } from '../../../src/core/data/npy';
import { ModelError } from '../../../src/core/errors';
import { OnnxImageModel } from '../../../src/core/saliency/imageModel';
import { computeSaliency } from '../../../src/core/saliency/saliency';
import { regionModel, regionWeights, uniform, type Region } from './models';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'saliency');
const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-saliency-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const gradAvailable = existsSync(path.join(__dirname, '..', '..', '..', 'src', 'core', 'onnx', 'grad', 'index.ts'));
const skip = gradAvailable ? false : 'GradientSession (src/core/onnx/grad) has not landed yet';

const [C, H, W] = [3, 8, 8];
const REGION: Region = { y0: 1, y1: 4, x0: 3, x1: 7 };
const x = uniform(C * H * W, 21, 0.2, 1);
function modelFile(name: string, bytes: Uint8Array): string {
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
}
const linearPath = modelFile('linear.onnx', regionModel(C, H, W, REGION, { scale: 0.5, bias1: 1 }));
const tanhPath = modelFile('tanh.onnx', regionModel(C, H, W, REGION, { scale: 0.1, tanh: true }));
const input = { data: x, dims: [1, C, H, W] };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('computeSaliency, gradient-free', () => {
  it('occlusion with quality curves: deletion AUC below insertion AUC, both in [0, 1]', async () => {
    const r = await computeSaliency({ modelPath: linearPath, input, method: 'occlusion', target: 0, window: 1, stride: 1, quality: true });
    assert.deepEqual(r.map.dims, [1, C, H, W]);
    const q = r.quality!;
    assert.ok(q.deletion.auc >= 0 && q.insertion.auc <= 1);
    assert.ok(q.deletion.auc < q.insertion.auc, `deletion ${q.deletion.auc} insertion ${q.insertion.auc}`);
    assert.equal(q.deletion.fractions.at(-1), 1);
  });
});

describe('computeSaliency, gradient-based (ONNX gradient graphs)', { skip }, () => {
  it('gradient equals the analytic gradient of a linear model', async () => {
    const r = await computeSaliency({ modelPath: linearPath, input, method: 'gradient', target: 0 });
    assert.ok(maxAbsDiff(r.map.attribution, regionWeights(C, H, W, REGION, 0.5)) < 1e-6);
    const ixg = await computeSaliency({ modelPath: linearPath, input, method: 'input-x-gradient', target: 0 });
    assert.ok(maxAbsDiff(ixg.map.attribution, regionWeights(C, H, W, REGION, 0.5).map((w, i) => w * x[i])) < 1e-6);
  });

  it('integrated gradients: exact on a linear model, small gap on a smooth one', async () => {
    const lin = await computeSaliency({ modelPath: linearPath, input, method: 'integrated-gradients', target: 0, rule: 'riemann-left' });
    assert.ok(lin.completeness!.relativeGap < 1e-5, `${lin.completeness!.relativeGap}`);
    for (const rule of ['riemann-middle', 'trapezoid', 'gauss-legendre'] as const) {
      for (const baseline of ['zero', 'blur', 'noise'] as const) {
        const r = await computeSaliency({ modelPath: tanhPath, input, method: 'integrated-gradients', target: 0, rule, baseline, steps: 50 });
        assert.ok(r.completeness!.relativeGap <= 1e-2, `${rule}/${baseline}: ${r.completeness!.relativeGap}`);
      }
    }
  });

  it('SmoothGrad is deterministic for a seed', async () => {
    const a = await computeSaliency({ modelPath: tanhPath, input, method: 'smoothgrad', samples: 8, seed: 1 });
    const b = await computeSaliency({ modelPath: tanhPath, input, method: 'smoothgrad', samples: 8, seed: 1 });
    assert.deepEqual(a.map.attribution, b.map.attribution);
  });

  it('Grad-CAM and Grad-CAM++ on a small CNN match torch autograd hooks', async () => {
    const cnn = path.join(FIX, 'small_cnn.onnx');
    const xin = await readNpy(path.join(FIX, 'cnn_input.npy'));
    const img = { data: xin.data as Float32Array, dims: xin.shape };
    const target = Number(readFileSync(path.join(FIX, 'cnn_target.txt'), 'utf8'));
    for (const [method, file] of [['grad-cam', 'gradcam.npy'], ['grad-cam++', 'gradcampp.npy']] as const) {
      const ref = await readNpy(path.join(FIX, file));
      const r = await computeSaliency({ modelPath: cnn, input: img, method });
      assert.equal(r.target, target);
      assert.deepEqual(r.map.dims, ref.shape);
      assert.ok(maxAbsDiff(r.map.attribution, ref.data as Float32Array) < 1e-4, method);
      const up = await computeSaliency({ modelPath: cnn, input: img, method, upsample: true });
      assert.deepEqual(up.map.dims, [12, 12]);
    }
    const grad = await readNpy(path.join(FIX, 'cnn_input_grad.npy'));
    const g = await computeSaliency({ modelPath: cnn, input: img, method: 'gradient' });
    assert.ok(maxAbsDiff(g.map.attribution, grad.data as Float32Array) < 1e-5);
  });

  it('randomisation sanity check decorrelates the gradient map of the CNN', async () => {
    const cnn = path.join(FIX, 'small_cnn.onnx');
    const xin = await readNpy(path.join(FIX, 'cnn_input.npy'));
    const r = await computeSaliency({ modelPath: cnn, input: { data: xin.data as Float32Array, dims: xin.shape }, method: 'gradient', sanityLayers: 3 });
    assert.equal(r.sanity!.length, 3);
    for (const s of r.sanity!) assert.ok(s.spearman < 0.9, `layers ${s.layers}: ρ ${s.spearman}`);
  });
});

describe('computeSaliency with a model loaded once', { skip }, () => {
  it('gives the maps of a per-call load (Grad-CAM still matches torch), leaves the model open, checks its shape', async () => {
    const cnn = path.join(FIX, 'small_cnn.onnx');
    const xin = await readNpy(path.join(FIX, 'cnn_input.npy'));
    const img = { data: xin.data as Float32Array, dims: xin.shape };
    const model = await OnnxImageModel.load(cnn, img.dims);
    try {
      assert.equal(model.convLayer, (await computeSaliency({ modelPath: cnn, input: img, method: 'grad-cam' })).map.details.layer);
      for (const method of ['grad-cam', 'integrated-gradients', 'occlusion'] as const) {
        const options = { modelPath: cnn, input: img, method, target: 1, steps: 8, quality: true };
        const alone = await computeSaliency(options);
        const shared = await computeSaliency(options, model);
        assert.deepEqual(shared.map.attribution, alone.map.attribution, method);
        assert.deepEqual(shared.scores, alone.scores);
        assert.deepEqual(shared.quality, alone.quality);
      }
      const cam = await computeSaliency({ modelPath: cnn, input: img, method: 'grad-cam' }, model);
      const ref = await readNpy(path.join(FIX, 'gradcam.npy'));
      assert.ok(maxAbsDiff(cam.map.attribution, ref.data as Float32Array) < 1e-4);
      // Still open: the caller disposes it.
      assert.equal((await model.score(img.data, 1)).length, 4);
      const wrong = { data: new Float32Array(3 * 6 * 6), dims: [1, 3, 6, 6] };
      await assert.rejects(computeSaliency({ modelPath: cnn, input: wrong, method: 'occlusion' }, model),
        (err: Error) => err instanceof ModelError && /loaded for inputs of shape \[1, 3, 12, 12\] but this input is \[1, 3, 6, 6\]/.test(err.message));
    } finally {
      await model.dispose();
    }
  });
});
