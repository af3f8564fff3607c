import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accumulatedLocalEffects } from '../../../src/core/explain/ale';
import { fnModel, randomMatrix } from './helpers';

const g = (v: number): number => Math.sin(2 * v) + 0.5 * v * v;
const model = fnModel(3, (x) => g(x[0]) + Math.cos(x[1]) * 2 + x[2]);
const data = randomMatrix(500, 3, 42);

test('ALE of an additive model equals the component at the bin edges up to a constant, centred', async () => {
  const r = await accumulatedLocalEffects(model, 0, { data });
  assert.equal(r.edges.length, 21);
  const c = r.effect[0] - g(r.edges[0]);
  r.edges.forEach((e, k) => assert.ok(Math.abs(r.effect[k] - (g(e) + c)) < 1e-12));
  // Centred: the data-weighted mean effect is zero (bins hold equal counts, ±1).
  let mean = 0;
  for (let k = 1; k < r.edges.length; k++) mean += (r.effect[k - 1] + r.effect[k]) / 2;
  assert.ok(Math.abs(mean / (r.edges.length - 1)) < 0.05);
});

test('ALE of a linear feature is a straight line with its slope', async () => {
  const r = await accumulatedLocalEffects(model, 2, { data, bins: 5 });
  for (let k = 1; k < r.edges.length; k++) assert.ok(Math.abs(r.effect[k] - r.effect[k - 1] - (r.edges[k] - r.edges[k - 1])) < 1e-12);
  assert.equal(r.feature, 'x2');
});
