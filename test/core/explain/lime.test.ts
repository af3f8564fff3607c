import assert from 'node:assert/strict';
import { test } from 'node:test';
import { limeTabular } from '../../../src/core/explain/lime';
import { selectRows } from '../../../src/core/explain/matrix';
import { fnModel, randomMatrix } from './helpers';

const slopes = [3, -2, 0.5, 0, 1.2];
const m = slopes.length;
const data = randomMatrix(400, m, 31);
// Feature scales differ, so the standardised weights are slope × σ.
const sigma = [1, 2, 0.5, 1, 3];
for (let i = 0; i < data.nRows; i++) for (let j = 0; j < m; j++) data.data[i * m + j] *= sigma[j];
const linear = fnModel(m, (x) => x.reduce((s, v, j) => s + slopes[j] * v, 1));

function stdOf(j: number): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < data.nRows; i++) {
    s += data.data[i * m + j];
    s2 += data.data[i * m + j] ** 2;
  }
  const mu = s / data.nRows;
  return Math.sqrt(s2 / data.nRows - mu * mu);
}

test('continuous LIME on a linear model recovers slope × σ, their signs and ranks; R² ≈ 1', async () => {
  const xs = selectRows(data, [0, 7]);
  const r = await limeTabular(linear, xs, { data, mode: 'continuous', seed: 1 });
  assert.equal(r.method, 'lime');
  assert.equal(r.conditions, undefined);
  for (let row = 0; row < 2; row++) {
    const want = slopes.map((s, j) => s * stdOf(j));
    r.weights[row].forEach((w, j) => assert.ok(Math.abs(w - want[j]) < 0.01 * Math.abs(want[0]) + 1e-3, `feature ${j}: ${w} vs ${want[j]}`));
    const rank = (v: number[]): number[] => v.map((_, j) => j).sort((a, b) => Math.abs(v[b]) - Math.abs(v[a]));
    assert.deepEqual(rank(r.weights[row]), rank(want));
    assert.ok(r.score[row] > 0.999);
  }
});

test('seeded: same seed and row, same explanation; another seed differs', async () => {
  const xs = selectRows(data, [3]);
  const a = await limeTabular(linear, xs, { data, seed: 4, nSamples: 500 });
  const b = await limeTabular(linear, xs, { data, seed: 4, nSamples: 500 });
  assert.deepEqual(a, b);
  const c = await limeTabular(linear, xs, { data, seed: 5, nSamples: 500 });
  assert.notDeepEqual(a.weights, c.weights);
});

test('discretised LIME: signs follow the slopes, readable quartile conditions', async () => {
  // Rows at the extremes, so "same bin as x" has a clear direction for each feature.
  const x = [2.5, -3, 1, 0, 5];
  const r = await limeTabular(linear, { data: Float64Array.from(x), nRows: 1, nCols: m }, { data, seed: 2 });
  const w = r.weights[0];
  assert.ok(w[0] > 0 && w[1] > 0 && w[4] > 0 && w[2] > 0, `weights ${w}`);
  assert.ok(Math.abs(w[3]) < 0.1 * Math.abs(w[0]));
  assert.ok(r.conditions![0][0].startsWith('x0 > '), r.conditions![0][0]);
  assert.ok(r.conditions![0][1].startsWith('x1 <= '), r.conditions![0][1]);
  assert.ok(r.score[0] > 0.5);
});

test('feature selection keeps numFeatures features (highest weights and forward)', async () => {
  const xs = selectRows(data, [1]);
  for (const featureSelection of ['highest', 'forward'] as const) {
    const r = await limeTabular(linear, xs, { data, mode: 'continuous', numFeatures: 2, featureSelection, seed: 1, nSamples: 1000 });
    const nonzero = r.weights[0].map((w, j) => (w !== 0 ? j : -1)).filter((j) => j >= 0);
    // |slope × σ|: x1 (4), x4 (3.6), x0 (3) — the two largest.
    assert.deepEqual(nonzero, [1, 4], featureSelection);
  }
});
