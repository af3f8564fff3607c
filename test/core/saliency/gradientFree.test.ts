import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OnnxImageModel } from '../../../src/core/saliency/imageModel';
import { imageLayout } from '../../../src/core/saliency/layout';
import { occlusion } from '../../../src/core/saliency/occlusion';
import { spearman } from '../../../src/core/saliency/quality';
import { rise } from '../../../src/core/saliency/rise';
import { regionModel, uniform, type Region } from './models';

const [C, H, W] = [3, 12, 12];
const REGION: Region = { y0: 2, y1: 6, x0: 6, x1: 10 };
const inRegion = (q: number): boolean => {
  const [y, x] = [Math.floor(q / W), q % W];
  return y >= REGION.y0 && y < REGION.y1 && x >= REGION.x0 && x < REGION.x1;
};

describe('gradient-free saliency on a model that looks at one region', () => {
  let model: OnnxImageModel;
  const x = uniform(C * H * W, 7, 0.5, 1);
  const l = imageLayout([1, C, H, W]);
  before(async () => {
    model = await OnnxImageModel.fromBytes(regionModel(C, H, W, REGION), [1, C, H, W]);
  });
  after(() => model.dispose());

  it('occlusion lights up the region and nothing else', async () => {
    const [fx] = await model.score(x, 1);
    const map = await occlusion(model, x, l, 0, fx, { window: 2, stride: 2 });
    for (let q = 0; q < H * W; q++) {
      if (inRegion(q)) assert.ok(map[q] > 0.5, `pixel ${q} inside should be positive (${map[q]})`);
      else assert.ok(Math.abs(map[q]) < 1e-5, `pixel ${q} outside should be 0 (${map[q]})`);
    }
  });

  it('occlusion with overlapping windows still peaks inside the region', async () => {
    const [fx] = await model.score(x, 1);
    const map = await occlusion(model, x, l, 0, fx, { window: 3, stride: 1 });
    const inside = map.filter((_, q) => inRegion(q));
    const outside = map.filter((_, q) => !inRegion(q));
    assert.ok(Math.min(...inside) > Math.max(...outside) * 0.3);
    assert.ok(Math.max(...inside) > Math.max(...outside));
  });

  it('RISE correlates with the region indicator', async () => {
    const map = await rise(model, x, l, 0, { masks: 800, grid: 4, seed: 3 });
    const indicator = Float32Array.from({ length: H * W }, (_, q) => (inRegion(q) ? 1 : 0));
    const rho = spearman(map, indicator);
    assert.ok(rho > 0.5, `Spearman ${rho}`);
    const again = await rise(model, x, l, 0, { masks: 800, grid: 4, seed: 3 });
    assert.deepEqual(again, map);
  });
});
