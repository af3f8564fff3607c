// Preprocessing against numpy: PNG is lossless, so the same steps must give bit-identical float32 tensors
// (expected_*.npy and first_three.npy are written by test/fixtures/images/make_fixtures.py).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readNpy, writeNpy } from '../../../src/core/data/npy';
import { DataError, UsageError } from '../../../src/core/errors';
import { checkSpec, loadImageInput, preprocessImage, readTensorNpy, sharpLib, type PreprocessSpec } from '../../../src/core/images/preprocess';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'images');
const base: PreprocessSpec = { width: 7, height: 5, resize: 'exact', channels: 'rgb', scale: 1 / 255, layout: 'nchw', dtype: 'float32' };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'posthoc-pre-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function assertSameFloats(actual: Float32Array, expected: ArrayLike<number>): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) assert.fail(`element ${i}: ${actual[i]} !== ${expected[i]}`);
}

describe('preprocessImage', () => {
  it('NCHW RGB, 1/255 and ImageNet mean/std: bit-identical to numpy float32', async () => {
    const t = await preprocessImage(path.join(FIX, 'rgb', 'img0.png'), { ...base, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    const e = await readNpy(path.join(FIX, 'rgb', 'expected_nchw_rgb_norm.npy'));
    assert.deepEqual(t.dims, e.shape);
    assertSameFloats(t.data, e.data as Float32Array);
  });
  it('NHWC BGR, scale 1: raw pixels in reversed channel order', async () => {
    const t = await preprocessImage(path.join(FIX, 'rgb', 'img0.png'), { ...base, channels: 'bgr', layout: 'nhwc', scale: 1 });
    const e = await readNpy(path.join(FIX, 'rgb', 'expected_nhwc_bgr_raw.npy'));
    assert.deepEqual(t.dims, e.shape);
    assertSameFloats(t.data, e.data as Float32Array);
  });
  it('grayscale Fashion-MNIST PNGs give the tensors torch was fed', async () => {
    const e = await readNpy(path.join(FIX, 'fashion', 'first_three.npy'));
    const spec: PreprocessSpec = { ...base, width: 28, height: 28, channels: 'gray' };
    for (let i = 0; i < 3; i++) {
      const t = await preprocessImage(path.join(FIX, 'fashion', 'folder', 'pullover', `pullover_${i}.png`), spec);
      assert.deepEqual(t.dims, [1, 1, 28, 28]);
      assertSameFloats(t.data, (e.data as Float32Array).subarray(i * 784, (i + 1) * 784));
    }
  });
  it('accepts encoded bytes as well as paths', async () => {
    const bytes = await sharpLib()(path.join(FIX, 'rgb', 'img1.png')).png().toBuffer();
    const a = await preprocessImage(bytes, base);
    const b = await preprocessImage(path.join(FIX, 'rgb', 'img1.png'), base);
    assertSameFloats(a.data, b.data);
  });
  it("'shorter' scales the shorter side and crops the centre", async () => {
    // 20×10: red outer quarters, green centre half. Shorter side is already 10, so a 10×10 crop is all green.
    const w = 20, h = 10;
    const px = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[(y * w + x) * 3 + (x >= 5 && x < 15 ? 1 : 0)] = 255;
    const file = path.join(tmp, 'bands.png');
    await sharpLib()(px, { raw: { width: w, height: h, channels: 3 } }).png().toFile(file);
    const t = await preprocessImage(file, { ...base, width: 10, height: 10, resize: 'shorter', scale: 1 });
    const plane = 100;
    assert.ok(t.data.subarray(0, plane).every((v) => v === 0), 'red plane is empty');
    assert.ok(t.data.subarray(plane, 2 * plane).every((v) => v === 255), 'green plane is full');
    const exact = await preprocessImage(file, { ...base, width: 10, height: 10, resize: 'exact', scale: 1 });
    assert.ok(exact.data.subarray(0, plane).some((v) => v > 0), "'exact' keeps the red bands");
  });
  it("grayscale of an RGB image equals PIL's convert('L')", async () => {
    const gray = await preprocessImage(path.join(FIX, 'rgb', 'img2.png'), { ...base, channels: 'gray', scale: 1 });
    const e = await readNpy(path.join(FIX, 'rgb', 'expected_gray_pil.npy'));
    assert.deepEqual(gray.dims, e.shape);
    assertSameFloats(gray.data, e.data as Float32Array);
  });
  it('names the file that cannot be decoded', async () => {
    const file = path.join(tmp, 'bad.png');
    await writeNpy(file, { dtype: '|u1', shape: [3], data: Uint8Array.from([1, 2, 3]) });
    await assert.rejects(preprocessImage(file, base), (e: Error) => e instanceof DataError && e.message.includes('bad.png'));
  });
});

describe('loadImageInput', () => {
  it('reads an already-preprocessed .npy, with or without the batch axis', async () => {
    const e = await readNpy(path.join(FIX, 'fashion', 'first_three.npy'));
    const one = (e.data as Float32Array).slice(0, 784);
    const spec: PreprocessSpec = { ...base, width: 28, height: 28, channels: 'gray' };
    for (const shape of [[1, 1, 28, 28], [1, 28, 28]]) {
      const f = path.join(tmp, `t${shape.length}.npy`);
      await writeNpy(f, { dtype: '<f4', shape, data: one });
      const t = await loadImageInput(f, spec);
      assert.deepEqual(t.dims, [1, 1, 28, 28]);
      assertSameFloats(t.data, one);
    }
    await assert.rejects(loadImageInput(path.join(FIX, 'fashion', 'first_three.npy'), spec), /shape \(3, 1, 28, 28\)/);
  });
  it('preprocesses images', async () => {
    const t = await loadImageInput(path.join(FIX, 'rgb', 'img0.png'), base);
    assert.deepEqual(t.dims, [1, 3, 5, 7]);
  });
  it('writes into a batch buffer at an offset, the values it returns alone (images and .npy)', async () => {
    const spec: PreprocessSpec = { ...base, width: 28, height: 28, channels: 'gray' };
    const e = await readNpy(path.join(FIX, 'fashion', 'first_three.npy'));
    const npy = path.join(tmp, 'slot.npy');
    await writeNpy(npy, { dtype: '<f4', shape: [1, 28, 28], data: (e.data as Float32Array).slice(784, 1568) });
    const files = [path.join(FIX, 'fashion', 'folder', 'pullover', 'pullover_0.png'), npy, path.join(FIX, 'fashion', 'folder', 'pullover', 'pullover_2.png')];
    const out = new Float32Array(4 * 784).fill(-7);
    const views = await Promise.all(files.map((f, j) => loadImageInput(f, spec, out, j * 784)));
    // The same three images torch was fed (first_three.npy), in their slots; the spare slot untouched.
    assertSameFloats(out.subarray(0, 3 * 784), e.data as Float32Array);
    assert.ok(out.subarray(3 * 784).every((v) => v === -7));
    views.forEach((v, j) => { assert.equal(v.data.buffer, out.buffer); assert.equal(v.data.byteOffset, j * 784 * 4); });
    await assert.rejects(loadImageInput(files[0], spec, out, 3 * 784 + 1), RangeError);
  });
});

describe('readTensorNpy', () => {
  it('reads a float tensor, adding the batch axis to a 3-D one, and refuses integers', async () => {
    const f = path.join(tmp, 'chw.npy');
    await writeNpy(f, { dtype: '<f8', shape: [1, 2, 2], data: Float64Array.from([0.5, 1, 2, 3]) });
    const t = await readTensorNpy(f);
    assert.deepEqual(t.dims, [1, 1, 2, 2]);
    assert.ok(t.data instanceof Float32Array);
    assertSameFloats(t.data, [0.5, 1, 2, 3]);
    const ints = path.join(tmp, 'ints.npy');
    await writeNpy(ints, { dtype: '<i8', shape: [2], data: BigInt64Array.from([1n, 2n]) });
    await assert.rejects(readTensorNpy(ints), (err: Error) => err instanceof DataError && /holds integers; save the preprocessed input as float32/.test(err.message));
  });
});

describe('checkSpec', () => {
  it('names the bad field', () => {
    assert.throws(() => checkSpec({ ...base, width: 0 }), (e: Error) => e instanceof UsageError && /width/.test(e.message));
    assert.throws(() => checkSpec({ ...base, mean: [1, 2] }), /mean needs 3 numbers/);
    assert.throws(() => checkSpec({ ...base, std: [0] }), /std must not contain 0/);
    assert.throws(() => checkSpec({ ...base, layout: 'nwhc' as never }), /layout/);
  });
});
