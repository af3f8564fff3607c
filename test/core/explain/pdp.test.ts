import assert from 'node:assert/strict';
import { test } from 'node:test';
import { partialDependence, quantileGrid } from '../../../src/core/explain/pdp';
import { fnModel, maxAbsDiff, randomMatrix } from './helpers';

const g = (v: number): number => Math.sin(2 * v) + 0.5 * v * v;
const h = (v: number): number => Math.exp(-v * v);
// Additive: PD of x0 is g plus a constant; of (x0, x1) is g + h plus a constant.
const model = fnModel(3, (x) => g(x[0]) + h(x[1]) + 0.3 * x[2]);
const data = randomMatrix(300, 3, 41);

test('1-D PD of an additive model recovers the component up to a constant; ICE lines are shifted copies', async () => {
  const r = await partialDependence(model, [0], { data, seed: 1 });
  assert.equal(r.grid[0].length, 20);
  const shift = r.average[0] - g(r.grid[0][0]);
  assert.ok(maxAbsDiff(r.average, r.grid[0].map((v) => g(v) + shift)) < 1e-12);
  assert.equal(r.ice!.length, 100);
  for (const line of r.ice!) {
    const c = line[0] - g(r.grid[0][0]);
    assert.ok(maxAbsDiff(line, r.grid[0].map((v) => g(v) + c)) < 1e-12);
  }
});

test('2-D PD recovers g(a) + h(b) up to a constant on the grid', async () => {
  const r = await partialDependence(model, [0, 1], { data, gridSize: 7 });
  const [ga, gb] = r.grid;
  assert.equal(r.average.length, ga.length * gb.length);
  assert.equal(r.ice, undefined);
  const c = r.average[0] - g(ga[0]) - h(gb[0]);
  ga.forEach((a, i) => gb.forEach((b, k) => assert.ok(Math.abs(r.average[i * gb.length + k] - (g(a) + h(b) + c)) < 1e-12)));
});

test('grid: distinct values when few, quantiles otherwise', () => {
  assert.deepEqual(quantileGrid(Float64Array.of(1, 1, 2, 3, 3), 20), [1, 2, 3]);
  const grid = quantileGrid(Float64Array.from({ length: 101 }, (_, i) => i), 5);
  assert.ok(maxAbsDiff(grid, [5, 27.5, 50, 72.5, 95]) < 1e-12);
});
