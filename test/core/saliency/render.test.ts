import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { renderOverlay, percentileAbs } from '../../../src/core/charts/saliency/overlay';
import { imageLayout, bilinearResize } from '../../../src/core/saliency/layout';
import { crc32 } from 'node:zlib';
import { encodePng } from '../../../src/core/saliency/png';
import { gradCamMap } from '../../../src/core/saliency/gradCam';

describe('PNG encoder', () => {
  it('CRC-32 matches the standard check value', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  });
  it('writes signature, IHDR dimensions and pixels that inflate back', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => i * 7);
    const png = encodePng(rgba, 3, 2);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.equal(png.readUInt32BE(16), 3);
    assert.equal(png.readUInt32BE(20), 2);
    const idatLen = png.readUInt32BE(33);
    assert.equal(png.toString('latin1', 37, 41), 'IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    assert.equal(raw[0], 0);
    assert.deepEqual([...raw.subarray(1, 13)], [...rgba.subarray(0, 12)]);
    assert.equal(png.readUInt32BE(41 + idatLen), crc32(png.subarray(37, 41 + idatLen)));
  });
});

describe('overlay and resize', () => {
  it('bilinear resize matches torch interpolate(align_corners=False) on a 2×2 → 4×4 case', () => {
    const out = bilinearResize([0, 1, 2, 3], 2, 2, 4, 4);
    // torch.nn.functional.interpolate(torch.arange(4.).view(1,1,2,2), size=4, mode='bilinear')
    assert.deepEqual(Array.from(out), [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3]);
  });
  it('leaves cold pixels as the image and colours hot ones; clips at the percentile', () => {
    const l = imageLayout([1, 1, 2, 2]);
    const rgba = renderOverlay([0, 1, 0, 1], l, [0, 0, 0, 5], [2, 2], { sign: 'positive', clipPercentile: 100 });
    assert.deepEqual([...rgba.subarray(0, 4)], [0, 0, 0, 255]);
    assert.notDeepEqual([...rgba.subarray(12, 15)], [255, 255, 255]);
    assert.equal(percentileAbs([1, 2, 3, 4, 100], 80), 4);
  });
});

describe('Grad-CAM maps', () => {
  it('weights channels by mean gradient and applies ReLU', () => {
    const act = Float32Array.of(1, 2, 3, 4, 4, 3, 2, 1);
    const grad = Float32Array.of(1, 1, 1, 1, -0.5, -0.5, -0.5, -0.5);
    const { map } = gradCamMap(act, grad, [1, 2, 2, 2], false);
    assert.deepEqual(Array.from(map), [0, 0.5, 2, 3.5].map((v) => Math.max(0, v)));
  });
});

describe('layout', () => {
  it('detects NCHW and NHWC and maps indices accordingly', async () => {
    const { at, reduceChannels } = await import('../../../src/core/saliency/layout');
    const nchw = imageLayout([1, 3, 4, 5]);
    const nhwc = imageLayout([1, 4, 5, 3]);
    assert.deepEqual([nchw.channelsFirst, nchw.height, nchw.width, nchw.channels], [true, 4, 5, 3]);
    assert.deepEqual([nhwc.channelsFirst, nhwc.height, nhwc.width, nhwc.channels], [false, 4, 5, 3]);
    assert.equal(at(nchw, 2, 1, 3), (2 * 4 + 1) * 5 + 3);
    assert.equal(at(nhwc, 2, 1, 3), (1 * 5 + 3) * 3 + 2);
    assert.deepEqual(Array.from(reduceChannels(imageLayout([1, 1, 2, 3]), [1, 2, 3, 4, 5, 6])), [1, 2, 3, 4, 5, 6]);
    assert.throws(() => imageLayout([2, 3, 4, 4]), /one image/);
  });
});
