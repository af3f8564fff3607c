// The saliency grid behind the VS Code panel: the same maps as computeSaliency (which the core
// tests check against torch), the image as the model sees it, and the worker thread round trip.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it, mock } from 'node:test';
import { onnx } from 'onnx-proto';
import { loadSaliencyInput, probeSaliency, runSaliencyBatch } from '../../../src/core/saliency/batch';
import { OnnxImageModel } from '../../../src/core/saliency/imageModel';
import { computeSaliency } from '../../../src/core/saliency/saliency';
import { bilinearResize } from '../../../src/core/saliency/layout';
import { probeSaliencyInWorker, runSaliencyInWorker } from '../../../src/core/saliency/saliencyInWorker';
import { readNpy } from '../../../src/core/data/npy';

const FIX = path.join(__dirname, '../../fixtures');
const MODEL = path.join(FIX, 'saliency/small_cnn.onnx');
const INPUT = path.join(FIX, 'saliency/cnn_input.npy');
const PNG = path.join(FIX, 'images/rgb/img0.png');

describe('saliency grid (src/core/saliency/batch.ts)', () => {
  it('probes the prediction and the gradient graph', async () => {
    const p = await probeSaliency({ model: MODEL, image: INPUT });
    assert.equal(p.top, 2); // cnn_target.txt, from torch
    assert.equal(p.probabilities.length, 4);
    assert.ok(Math.abs(p.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-6);
    assert.equal(p.gradients, true, p.gradientError);
    assert.ok(p.convLayer, 'a conv activation for Grad-CAM');
  });

  it('passes on the class names a model carries, and none when it carries none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saliency-labels-'));
    try {
      const labelled = path.join(dir, 'labelled.onnx');
      const m = onnx.ModelProto.decode(readFileSync(MODEL));
      m.metadataProps = [{ key: 'class_labels', value: JSON.stringify(['cat', 'dog', 'owl', 'fox']) }];
      writeFileSync(labelled, onnx.ModelProto.encode(m).finish());
      assert.deepEqual((await probeSaliency({ model: labelled, image: INPUT })).classLabels, ['cat', 'dog', 'owl', 'fox']);
      assert.deepEqual((await runSaliencyBatch({ model: labelled, image: INPUT, methods: ['gradient'] })).classLabels, ['cat', 'dog', 'owl', 'fox']);
      assert.equal((await probeSaliency({ model: MODEL, image: INPUT })).classLabels, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds the model-randomisation check to every map when asked, as computeSaliency computes it', async () => {
    const r = await runSaliencyBatch({ model: MODEL, image: INPUT, methods: ['gradient', 'grad-cam'], targets: [2], sanityLayers: 2, quality: false });
    const a = await readNpy(INPUT);
    for (const c of r.cells) {
      assert.equal(c.error, undefined);
      assert.deepEqual(c.sanity?.map((s) => s.layers), [1, 2]);
      const ref = await computeSaliency({ modelPath: MODEL, input: { data: a.data as Float32Array, dims: a.shape }, method: c.method, target: 2, sanityLayers: 2, seed: 0, upsample: true });
      assert.deepEqual(c.sanity, ref.sanity);
    }
    assert.equal((await runSaliencyBatch({ model: MODEL, image: INPUT, methods: ['gradient'], quality: false })).cells[0].sanity, undefined);
  });

  it('computes method × target maps equal to computeSaliency, Grad-CAM upsampled to the image', async () => {
    const r = await runSaliencyBatch({ model: MODEL, image: INPUT, methods: ['integrated-gradients', 'grad-cam'], targets: [2, 0], steps: 16 });
    assert.deepEqual(r.cells.map((c) => [c.method, c.target]), [['integrated-gradients', 2], ['grad-cam', 2], ['integrated-gradients', 0], ['grad-cam', 0]]);
    assert.equal(r.width, 12);
    assert.equal(r.rgb.length, 12 * 12 * 3);
    const a = await readNpy(INPUT);
    const input = { data: a.data as Float32Array, dims: a.shape };
    for (const c of r.cells) {
      assert.equal(c.error, undefined);
      assert.equal(c.heatmap.length, 144);
      assert.ok(c.deletionAuc !== undefined && c.insertionAuc !== undefined, 'quality by default');
      const ref = await computeSaliency({ modelPath: MODEL, input, method: c.method, target: c.target, steps: 16, seed: 0 });
      const want = ref.map.heatmapDims[0] === 12 ? ref.map.heatmap : bilinearResize(ref.map.heatmap, ref.map.heatmapDims[0], ref.map.heatmapDims[1], 12, 12);
      c.heatmap.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-6 * (1 + Math.abs(want[i])), `${c.method} ${i}`));
      if (c.method === 'integrated-gradients') assert.ok(Math.abs(c.completenessGap! - ref.completeness!.gap) < 1e-9);
    }
  });

  it('loads and parses the model once for a whole method × target grid', async () => {
    const request = { model: MODEL, image: INPUT, methods: ['gradient', 'integrated-gradients', 'grad-cam'] as const, targets: [0, 1], steps: 8 };
    await runSaliencyBatch({ ...request, methods: [...request.methods] }); // builds the cached gradient sessions
    const loads = mock.method(OnnxImageModel, 'fromFile');
    const decodes = mock.method(onnx.ModelProto, 'decode');
    try {
      const r = await runSaliencyBatch({ ...request, methods: [...request.methods] });
      assert.equal(r.cells.length, 6);
      assert.ok(r.cells.every((c) => !c.error), r.cells.map((c) => c.error).join('; '));
      assert.equal(loads.mock.callCount(), 1, 'one OnnxImageModel for six maps');
      assert.equal(decodes.mock.callCount(), 1, 'the protobuf decoded once (readModelFile)');
    } finally {
      loads.mock.restore();
      decodes.mock.restore();
    }
  });

  it('fails every map with the model\'s error when the model cannot load', async () => {
    const r = await runSaliencyBatch({ model: path.join(FIX, 'missing.onnx'), image: INPUT, methods: ['occlusion', 'gradient'], quality: false });
    assert.deepEqual(r.cells.map((c) => c.method), ['occlusion', 'gradient']);
    for (const c of r.cells) assert.match(c.error ?? '', /Model file not found: .*missing\.onnx/);
  });

  it('keeps going when one method fails, and says why', async () => {
    const r = await runSaliencyBatch({ model: MODEL, image: INPUT, methods: ['occlusion', 'grad-cam'], targets: [7], quality: false });
    assert.equal(r.cells.length, 2);
    for (const c of r.cells) assert.match(c.error ?? '', /out of range.*4 output/);
  });

  it('shows a picture as the model sees it: resized to the input size, in RGB', async () => {
    const { input, rgb, spec } = await loadSaliencyInput({ model: MODEL, image: PNG, preprocess: { scale: 1 / 255 } });
    assert.deepEqual(input.dims, [1, 3, 12, 12]);
    assert.equal(spec?.width, 12);
    // Channel 0 of the tensor is R/255 of the displayed pixel.
    for (let q = 0; q < 144; q++) assert.ok(Math.abs(input.data[q] - rgb[q * 3] / 255) < 1e-6);
  });

  it('refuses files that are not images', async () => {
    await assert.rejects(loadSaliencyInput({ model: MODEL, image: MODEL }), /not an image: pick a \.png/);
  });

  it('runs in a worker thread, transferring the maps', async () => {
    const p = await probeSaliencyInWorker({ model: MODEL, image: INPUT });
    assert.equal(p.top, 2);
    const progress: number[] = [];
    const r = await runSaliencyInWorker({ model: MODEL, image: INPUT, methods: ['gradient', 'occlusion'], quality: false }, { onProgress: (_m, f) => progress.push(f ?? -1) });
    assert.equal(r.cells.length, 2);
    assert.ok(r.cells[0].heatmap instanceof Float32Array && r.cells[0].heatmap.length === 144);
    assert.ok(r.rgb instanceof Uint8Array);
    assert.ok(progress.includes(1));
  });

  it('cancels in the worker within a second', async () => {
    const abort = new AbortController();
    const running = runSaliencyInWorker({ model: MODEL, image: INPUT, methods: ['rise'], samples: 2_000_000, quality: false }, { signal: abort.signal });
    await new Promise((r) => setTimeout(r, 700));
    const t0 = Date.now();
    abort.abort();
    await assert.rejects(running, /[Cc]ancel/);
    assert.ok(Date.now() - t0 < 1000);
  });
});
