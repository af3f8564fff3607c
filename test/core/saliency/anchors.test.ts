import assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { onnx } from 'onnx-proto';
import { readNpy } from '../../../src/core/data/npy';
import { imageAnchors, superpixelAnchors } from '../../../src/core/saliency/anchors';
import { OnnxImageModel } from '../../../src/core/saliency/imageModel';
import { imageLayout } from '../../../src/core/saliency/layout';
import { preprocessImage } from '../../../src/core/images/preprocess';
import { imageInput, resolvePreprocess } from '../../../src/core/images/spec';
import { readModelFile } from '../../../src/core/onnx/modelFile';
import { computeSaliency } from '../../../src/core/saliency/saliency';
import { slic, type Segmentation } from '../../../src/core/saliency/slic';
import { superpixelBaseline } from '../../../src/core/saliency/superpixels';
import { uniform } from './models';

const DT = onnx.TensorProto.DataType;
const [H, W] = [8, 8];
const M = 16;
/** A 4 × 4 grid of 2 × 2 superpixels, so the known answer does not hang on SLIC. */
const GRID: Segmentation = { labels: Int32Array.from({ length: H * W }, (_, q) => (Math.floor(q / W) >> 1) * 4 + ((q % W) >> 1)), count: M };
/** The region the class hangs on, and seven superpixels of which at least one must stay. */
const R = [5, 6];
const S = [0, 3, 9, 10, 12, 13, 15];

/**
 * x[N,1,8,8] → x² → Flatten → Gemm → [N,2]: class 0 scores the mean of x² over R plus 0.2 × its
 * mean over S, class 1 the constant `bias1`. The energy x² and not x itself, because a dropped
 * superpixel takes its own mean colour: a model of plain means would not see it go.
 */
function energyModel(bias1: number): Uint8Array {
  const w = new Float32Array(2 * H * W);
  GRID.labels.forEach((s, q) => {
    if (R.includes(s)) w[q] = 1 / (4 * R.length);
    if (S.includes(s)) w[q] = 0.2 / (4 * S.length);
  });
  const io = (name: string, dims: (number | string)[]) => onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DT.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } });
  const init = (name: string, dims: number[], v: Float32Array) => onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(v.buffer.slice(0)) });
  const node = [
    onnx.NodeProto.create({ opType: 'Mul', input: ['x', 'x'], output: ['sq'], name: 'Square' }),
    onnx.NodeProto.create({ opType: 'Flatten', input: ['sq'], output: ['f'], name: 'Flatten' }),
    onnx.NodeProto.create({ opType: 'Gemm', input: ['f', 'W', 'b'], output: ['y'], name: 'Gemm', attribute: [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] }),
  ];
  const graph = { name: 'energy', node, initializer: [init('W', [2, H * W], w), init('b', [2], Float32Array.of(0, bias1))], input: [io('x', ['N', 1, H, W])], output: [io('y', ['N', 2])] };
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, producerName: 'posthoc-test', opsetImport: [{ domain: '', version: 13 }], graph })).finish();
}

/** ±1 checkerboard on R and S (each 2 × 2 superpixel has mean 0), noise elsewhere. */
const X = Float32Array.from(uniform(H * W, 11, -1, 1), (v, q) => (R.includes(GRID.labels[q]) || S.includes(GRID.labels[q]) ? ((Math.floor(q / W) + (q % W)) % 2 ? 1 : -1) : v));
const L = imageLayout([1, 1, H, W]);

describe('anchors for images', () => {
  let model: OnnxImageModel;
  /** Class of every one of the 2^16 keep/drop patterns, scored by the model itself. */
  let classOfPattern: Uint8Array;
  const exactPrecision = (anchor: number[]): number => {
    const need = anchor.reduce((a, j) => a | (1 << j), 0);
    let hit = 0;
    let all = 0;
    for (let code = 0; code < 2 ** M; code++) {
      if ((code & need) !== need) continue;
      all++;
      if (classOfPattern[code] === 0) hit++;
    }
    return hit / all;
  };

  before(async () => {
    model = await OnnxImageModel.fromBytes(energyModel(1.01), [1, 1, H, W]);
    // Exact enumeration, independent of the code under test: dropped superpixels are all-zero (their mean).
    const n = 2 ** M;
    const imgs = new Float32Array(n * H * W);
    for (let code = 0; code < n; code++) for (let q = 0; q < H * W; q++) imgs[code * H * W + q] = (code >> GRID.labels[q]) & 1 ? X[q] : 0;
    const out = await model.score(imgs, n);
    classOfPattern = Uint8Array.from({ length: n }, (_, i) => (out[2 * i + 1] > out[2 * i] ? 1 : 0));
  });
  after(() => model.dispose());

  it('enumeration agrees with the closed form: P(class 0 | R kept) = 1 − 2^−7', () => {
    assert.equal(classOfPattern[2 ** M - 1], 0, 'the original image is class 0');
    assert.equal(exactPrecision(R), 1 - 2 ** -7);
    assert.equal(exactPrecision([5]), 0.5 * (1 - 2 ** -7));
    assert.equal(exactPrecision([]), 0.25 * (1 - 2 ** -7));
  });

  it('finds exactly the region, with the exact precision inside its KL bounds', async () => {
    const a = await imageAnchors(model, X, L, GRID, 0, { seed: 3 });
    assert.deepEqual(a.superpixels, R);
    assert.equal(a.found, true);
    assert.ok(a.precisionLower >= 0.95, `lower bound ${a.precisionLower}`);
    const exact = exactPrecision(a.superpixels);
    assert.ok(a.precisionLower <= exact && exact <= a.precisionUpper, `exact ${exact} outside [${a.precisionLower}, ${a.precisionUpper}] (estimate ${a.precision} of ${a.anchorSamples})`);
    assert.ok(Math.abs(a.precision - exact) < 0.03);
    assert.equal(a.coverage, 0.25);
    // Size 1 separates the two region blocks (0.496) from the rest (0.248); at size 2 KL-LUCB
    // meets 28 tied runners-up (0.496) and stops at its round cap (2 · maxSamples samples).
    assert.ok(a.samples < 8000, `${a.samples} model calls`);
    // Seeded: the same seed gives the same search, sample for sample.
    assert.deepEqual(await imageAnchors(model, X, L, GRID, 0, { seed: 3 }), a);
  });

  it('finds the region whatever the seed, and with the blur baseline too', async () => {
    for (const seed of [0, 1, 2, 7]) assert.deepEqual((await imageAnchors(model, X, L, GRID, 0, { seed })).superpixels, R, `seed ${seed}`);
    assert.deepEqual((await imageAnchors(model, X, L, GRID, 0, { baseline: 'blur' })).superpixels, R);
  });

  it('flags the best candidate when no anchor reaches τ within the size limit', async () => {
    const a = await imageAnchors(model, X, L, GRID, 0, { maxAnchorSize: 1, seed: 1 });
    assert.equal(a.found, false);
    assert.equal(a.superpixels.length, 1);
    assert.ok(R.includes(a.superpixels[0]), `best ${a.superpixels}`);
    const exact = exactPrecision(a.superpixels);
    assert.ok(a.precisionLower <= exact && exact <= a.precisionUpper, `exact ${exact} outside [${a.precisionLower}, ${a.precisionUpper}]`);
    assert.ok(a.precisionUpper < 0.95);
  });

  it('gives the empty anchor (coverage 1) when the class never changes', async () => {
    const always = await OnnxImageModel.fromBytes(energyModel(-5), [1, 1, H, W]);
    try {
      const a = await imageAnchors(always, X, L, GRID, 0);
      assert.deepEqual(a.superpixels, []);
      assert.equal(a.found, true);
      assert.equal(a.coverage, 1);
      assert.equal(a.precision, 1);
    } finally {
      await always.dispose();
    }
  });

  it('refuses bad options with the fix in the message', async () => {
    await assert.rejects(imageAnchors(model, X, L, GRID, 0, { threshold: 1.5 }), /threshold/);
    await assert.rejects(imageAnchors(model, X, L, GRID, 0, { maxSamples: 5 }), /--samples/);
  });

  it('as a saliency method: a 0/1 map over the anchor superpixels of the small CNN', async () => {
    const fix = path.join(__dirname, '..', '..', 'fixtures', 'saliency');
    const a = await readNpy(path.join(fix, 'cnn_input.npy'));
    const input = { data: Float32Array.from(a.data as ArrayLike<number>), dims: a.shape };
    const r = await computeSaliency({ modelPath: path.join(fix, 'small_cnn.onnx'), input, method: 'anchors', segments: 16, seed: 0 });
    assert.deepEqual(r.map.heatmapDims, [12, 12]);
    assert.ok(r.map.heatmap.every((v) => v === 0 || v === 1));
    const d = r.map.details;
    const ids = String(d.anchor_superpixels).split(' ').filter(Boolean).map(Number);
    assert.equal(d.anchor_size, ids.length);
    assert.equal(d.coverage, 0.5 ** ids.length);
    assert.ok(Number(d.precision_lower) <= Number(d.precision) && Number(d.precision) <= Number(d.precision_upper));
    if (d.anchor_found === 'true') assert.ok(Number(d.precision_lower) >= 0.95);
    // The same run through superpixelAnchors directly paints the same pixels.
    const l = imageLayout(input.dims);
    const model2 = await OnnxImageModel.fromBytes(readFileSync(path.join(fix, 'small_cnn.onnx')), input.dims);
    try {
      const direct = await superpixelAnchors(model2, input.data, l, r.target, { segments: 16, seed: 0 });
      assert.deepEqual(Array.from(direct.heatmap), Array.from(r.map.heatmap));
    } finally {
      await model2.dispose();
    }
  });

  const sharp = existsSync(path.join(__dirname, '..', '..', '..', 'node_modules', 'sharp'));
  it('on the Fashion-MNIST CNN (blur fill): exact enumeration of the anchor lies in its KL bounds', { skip: sharp ? false : 'sharp is not installed' }, async () => {
    const dir = path.join(__dirname, '..', '..', 'fixtures', 'images', 'fashion');
    const file = await readModelFile(path.join(dir, 'fashion.onnx'));
    const { spec } = resolvePreprocess(imageInput(file.card.inputs), {});
    const input = await preprocessImage(path.join(dir, 'folder', 'shirt', 'shirt_5.png'), spec);
    const l = imageLayout(input.dims);
    const fashion = await OnnxImageModel.fromBytes(file.bytes, input.dims);
    try {
      const scores = Array.from(await fashion.score(input.data, 1));
      const top = scores.indexOf(Math.max(...scores));
      const a = (await superpixelAnchors(fashion, input.data, l, top, { segments: 16, baseline: 'blur', seed: 0 })).anchor;
      assert.equal(a.found, true);
      assert.ok(a.superpixels.length >= 1, 'a low-confidence shirt needs part of the image kept');
      // All 2^(M − |A|) keep/drop patterns of the other superpixels, scored by the model.
      const seg = slic(input.data, l, { segments: 16 });
      const base = superpixelBaseline(input.data, l, seg, 'blur');
      const others = Array.from({ length: seg.count }, (_, j) => j).filter((j) => !a.superpixels.includes(j));
      const n = 2 ** others.length;
      const size = input.data.length;
      const imgs = new Float32Array(n * size);
      for (let code = 0; code < n; code++) {
        const keep = new Set(a.superpixels);
        others.forEach((j, b) => (code >> b) & 1 && keep.add(j));
        for (let q = 0; q < size; q++) imgs[code * size + q] = keep.has(seg.labels[q]) ? input.data[q] : base[q];
      }
      const out = await fashion.score(imgs, n);
      const k = fashion.nClasses;
      let hit = 0;
      for (let i = 0; i < n; i++) {
        const row = Array.from(out.subarray(i * k, (i + 1) * k));
        if (row.indexOf(Math.max(...row)) === top) hit++;
      }
      const exact = hit / n;
      assert.ok(a.precisionLower <= exact && exact <= a.precisionUpper, `exact ${exact} outside [${a.precisionLower}, ${a.precisionUpper}] (estimate ${a.precision} of ${a.anchorSamples})`);
      assert.ok(exact >= 0.95, `exact precision ${exact}`);
    } finally {
      await fashion.dispose();
    }
  });
});
