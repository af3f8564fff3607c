import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OnnxImageModel } from '../../../src/core/saliency/imageModel';
import { imageLayout } from '../../../src/core/saliency/layout';
import { slic, type Segmentation } from '../../../src/core/saliency/slic';
import { superpixelBaseline, superpixelLime, superpixelShap } from '../../../src/core/saliency/superpixels';
import { regionModel, uniform } from './models';

/** Checks every pixel is labelled and every label is one 4-connected region. */
function assertConnectedCover(seg: Segmentation, h: number, w: number): void {
  const seen = new Uint8Array(h * w);
  const firstOf = new Map<number, number>();
  seg.labels.forEach((s, q) => {
    assert.ok(s >= 0 && s < seg.count, `pixel ${q} has label ${s}`);
    if (!firstOf.has(s)) firstOf.set(s, q);
  });
  assert.equal(firstOf.size, seg.count, 'every label is used');
  for (const [s, start] of firstOf) {
    const stack = [start];
    seen[start] = 1;
    let n = 0;
    while (stack.length) {
      const q = stack.pop()!;
      n++;
      const [y, x] = [Math.floor(q / w), q % w];
      for (const r of [y > 0 ? q - w : -1, y < h - 1 ? q + w : -1, x > 0 ? q - 1 : -1, x < w - 1 ? q + 1 : -1]) {
        if (r >= 0 && !seen[r] && seg.labels[r] === s) {
          seen[r] = 1;
          stack.push(r);
        }
      }
    }
    assert.equal(n, seg.labels.filter((v) => v === s).length, `label ${s} is connected`);
  }
}

/** Four quadrants of different colours, with noise: SLIC must respect them. */
function quadrantImage(h: number, w: number): Float32Array {
  const noise = uniform(3 * h * w, 5, -0.05, 0.05);
  const colours = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]];
  const x = new Float32Array(3 * h * w);
  for (let c = 0; c < 3; c++) for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) {
    const quad = (y < h / 2 ? 0 : 2) + (xx < w / 2 ? 0 : 1);
    x[(c * h + y) * w + xx] = colours[quad][c] + noise[(c * h + y) * w + xx];
  }
  return x;
}

describe('SLIC', () => {
  it('gives connected segments covering the image', () => {
    for (const [h, w, k] of [[16, 16, 4], [20, 24, 12], [32, 32, 50]]) {
      const seg = slic(uniform(3 * h * w, h + w, 0, 1), imageLayout([1, 3, h, w]), { segments: k });
      assert.ok(seg.count >= 1 && seg.count <= 4 * k);
      assertConnectedCover(seg, h, w);
    }
  });

  it('follows colour edges: four quadrants give segments inside one quadrant each', () => {
    const [h, w] = [16, 16];
    const seg = slic(quadrantImage(h, w), imageLayout([1, 3, h, w]), { segments: 4, compactness: 1 });
    assertConnectedCover(seg, h, w);
    for (let s = 0; s < seg.count; s++) {
      const quads = new Set<number>();
      seg.labels.forEach((v, q) => v === s && quads.add((Math.floor(q / w) < h / 2 ? 0 : 2) + (q % w < w / 2 ? 0 : 1)));
      assert.equal(quads.size, 1, `segment ${s} spans quadrants ${[...quads]}`);
    }
  });
});

describe('superpixel SHAP and LIME', () => {
  const [C, H, W] = [3, 16, 16];
  const l = imageLayout([1, C, H, W]);
  const x = quadrantImage(H, W);
  let model: OnnxImageModel;
  before(async () => {
    // Non-linear (tanh) so Shapley values are not just the linear contributions.
    model = await OnnxImageModel.fromBytes(regionModel(C, H, W, { y0: 4, y1: 12, x0: 4, x1: 12 }, { scale: 0.02, tanh: true }), [1, C, H, W]);
  });
  after(() => model.dispose());

  it('with all coalitions equals exact Shapley values by brute force', async () => {
    const seg = slic(x, l, { segments: 4, compactness: 1 });
    const m = seg.count;
    assert.ok(m >= 3 && m <= 8, `${m} superpixels`);
    const shap = await superpixelShap(model, x, l, seg, 0, { samples: 2 ** m });
    assert.ok(shap.exact);
    // Brute force: v(S) for all 2^m subsets, φ_j = Σ_S |S|!(m−|S|−1)!/m! (v(S∪j) − v(S)).
    const base = superpixelBaseline(x, l, seg, 'mean');
    const v = new Float64Array(2 ** m);
    for (let code = 0; code < 2 ** m; code++) {
      const img = Float32Array.from(x, (val, k) => ((code >> seg.labels[k % (H * W)]) & 1 ? val : base[k]));
      v[code] = (await model.score(img, 1))[0];
    }
    const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
    for (let j = 0; j < m; j++) {
      let phi = 0;
      for (let code = 0; code < 2 ** m; code++) {
        if ((code >> j) & 1) continue;
        let s = 0;
        for (let b = 0; b < m; b++) s += (code >> b) & 1;
        phi += ((fact(s) * fact(m - s - 1)) / fact(m)) * (v[code | (1 << j)] - v[code]);
      }
      assert.ok(Math.abs(phi - shap.phi[j]) < 1e-5, `φ_${j}: brute ${phi} vs ${shap.phi[j]}`);
    }
    const sum = shap.phi.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - (shap.fx - shap.fBase)) < 1e-5);
  });

  it('LIME ranks the superpixels as their effect on a linear model', async () => {
    const linear = await OnnxImageModel.fromBytes(regionModel(C, H, W, { y0: 0, y1: 8, x0: 0, x1: 8 }, { scale: 0.05 }), [1, C, H, W]);
    try {
      const seg = slic(x, l, { segments: 4, compactness: 1 });
      const fit = await superpixelLime(linear, x, l, seg, 0, { samples: 400, seed: 1 });
      // The top-left quadrant is the region: its segment gets the largest coefficient.
      const topLeft = seg.labels[0];
      const best = fit.coef.indexOf(Math.max(...fit.coef));
      assert.equal(best, topLeft);
      assert.ok(fit.score > 0.95, `R² ${fit.score}`);
    } finally {
      await linear.dispose();
    }
  });
});
