// The heatmap math against NumPy and matplotlib (test/fixtures/saliency/heatmap/make_heatmap.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applySign, blendOverlay, clipScale, colorAt, colorBar, COLOR_MAPS, defaultSign, divergingColorAt, normalizeHeatmap, percentileAbs, type HeatSign } from '../../../src/core/saliency/heatmap';

interface Case { sign: HeatSign; clip: number; values: number[]; scale: number; t: number[]; viridis_blend?: number[][] }
const ref = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/saliency/heatmap/expected.json'), 'utf8')) as {
  colormaps: Record<string, number[][]>; heat: number[]; image: number[]; opacity: number; cases: Case[];
};

describe('heatmap colour maps', () => {
  for (const name of COLOR_MAPS) {
    it(`${name} stays within 5 levels of matplotlib's 256-entry table`, () => {
      let worst = 0;
      ref.colormaps[name].forEach((want, i) => {
        const got = colorAt(name, i / 255);
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(got[c] - want[c]));
      });
      assert.ok(worst <= 5, `largest difference ${worst}`);
    });
  }
  it('the diverging map is white at zero, red above, blue below', () => {
    assert.deepEqual(divergingColorAt(0), [255, 255, 255]);
    assert.deepEqual(divergingColorAt(1), [165, 0, 38]);
    assert.deepEqual(divergingColorAt(-1), [5, 48, 97]);
  });
  it('colour bars run from the low to the high end', () => {
    const bar = colorBar(5, 'positive', 'viridis');
    assert.deepEqual([...bar.subarray(0, 4)], [68, 1, 84, 255]);
    assert.deepEqual([...bar.subarray(16, 20)], [253, 231, 37, 255]);
    assert.deepEqual([...colorBar(3, 'all').subarray(4, 8)], [255, 255, 255, 255]);
  });
});

describe('heatmap sign, clipping and blending', () => {
  for (const c of ref.cases) {
    it(`sign ${c.sign}, clip at the ${c.clip}th percentile matches NumPy`, () => {
      const shown = applySign(ref.heat, c.sign);
      shown.forEach((v, i) => assert.ok(Math.abs(v - c.values[i]) < 1e-6, `value ${i}`));
      assert.ok(Math.abs(percentileAbs(shown, c.clip) - c.scale) < 1e-6, `scale ${percentileAbs(shown, c.clip)} vs ${c.scale}`);
      const { t } = normalizeHeatmap(ref.heat, { sign: c.sign, clipPercentile: c.clip });
      t.forEach((v, i) => assert.ok(Math.abs(v - c.t[i]) < 1e-6, `t ${i}: ${v} vs ${c.t[i]}`));
      if (c.viridis_blend) {
        const rgba = blendOverlay(ref.image, ref.heat, { sign: c.sign, clipPercentile: c.clip, colormap: 'viridis', opacity: ref.opacity });
        let worst = 0;
        c.viridis_blend.forEach((want, q) => {
          for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(rgba[q * 4 + k] - want[k]));
          assert.equal(rgba[q * 4 + 3], 255);
        });
        // Colour within 5 levels, times alpha ≤ 0.6, plus rounding.
        assert.ok(worst <= 3.5, `largest difference ${worst}`);
      }
    });
  }
  it('the 98th percentile clips the outlier: most pixels keep visible colour', () => {
    const { t } = normalizeHeatmap(ref.heat, { sign: 'absolute' });
    const unclipped = normalizeHeatmap(ref.heat, { sign: 'absolute', clipPercentile: 100 }).t;
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    assert.ok(mean(t) > 3 * mean(unclipped), `${mean(t)} vs ${mean(unclipped)}`);
  });
  it('opacity 0 leaves the image untouched; zero attribution is transparent', () => {
    const img = [10, 20, 30, 40, 50, 60];
    assert.deepEqual([...blendOverlay(img, [1, -2], { opacity: 0 })], [10, 20, 30, 255, 40, 50, 60, 255]);
    assert.deepEqual([...blendOverlay(img, [0, 5], { sign: 'positive' }).subarray(0, 4)], [10, 20, 30, 255]);
  });
  it('the percentile (quickselect) equals the sorted-array rule on random, tied, sorted and constant maps', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const arrays = [
      Array.from({ length: 1001 }, () => rand() * 2 - 1), Array.from({ length: 500 }, () => Math.round(rand() * 5)),
      Array.from({ length: 300 }, (_, i) => i), Array.from({ length: 300 }, (_, i) => -i), new Array(64).fill(2), [3], [],
    ];
    for (const v of arrays) {
      const sorted = v.map(Math.abs).sort((a, b) => a - b);
      for (const p of [0, 1, 50, 90, 98, 99.5, 100]) {
        const want = sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : 0;
        assert.equal(percentileAbs(v, p), want, `n=${v.length} p=${p}`);
      }
    }
  });
  it('a sparse map still shows its hot pixels (percentile 0 falls back to the maximum)', () => {
    const map = new Float32Array(100);
    map[3] = 0.5;
    assert.equal(clipScale(applySign(map, 'positive'), 98), 0.5);
    assert.equal(clipScale(new Float32Array(4), 98), 1);
  });
  it('picks positive for non-negative maps and all for signed ones', () => {
    assert.equal(defaultSign([0, 1, 2]), 'positive');
    assert.equal(defaultSign([0, -1, 2]), 'all');
  });
  it('refuses an image and a map of different sizes', () => {
    assert.throws(() => blendOverlay([1, 2, 3], [1, 2]), /2/);
  });
});
