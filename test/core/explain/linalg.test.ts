import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { choleskySolve, weightedLeastSquares, weightedRidge } from '../../../src/core/explain/linalg';
import { maxAbsDiff } from './helpers';

interface Ref { ridge: { x: number[][]; y: number[]; w: number[]; alpha: number; coef: number[]; intercept: number; score: number } }
const ref = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/explain/reference.json'), 'utf8')) as Ref;

test('weighted ridge matches numpy / scikit-learn Ridge(sample_weight) on a fixed design', () => {
  const { x, y, w, alpha } = ref.ridge;
  const fit = weightedRidge(Float64Array.from(x.flat()), x.length, x[0].length, Float64Array.from(y), Float64Array.from(w), alpha);
  assert.ok(maxAbsDiff(fit.coef, ref.ridge.coef) < 1e-12);
  assert.ok(Math.abs(fit.intercept - ref.ridge.intercept) < 1e-12);
  assert.ok(Math.abs(fit.score - ref.ridge.score) < 1e-12);
});

test('weighted least squares (QR) solves an exactly determined system and several right-hand sides', () => {
  // y = 2a − b and y = a + 3b on 4 rows with uneven weights: exact fits, any weights.
  const a = Float64Array.of(1, 0, 0, 1, 1, 1, 2, -1);
  const y = new Float64Array(8);
  for (let i = 0; i < 4; i++) {
    y[i * 2] = 2 * a[i * 2] - a[i * 2 + 1];
    y[i * 2 + 1] = a[i * 2] + 3 * a[i * 2 + 1];
  }
  const beta = weightedLeastSquares(a, 4, 2, Float64Array.of(1, 5, 0.1, 2), y, 2);
  assert.ok(maxAbsDiff(beta, [2, 1, -1, 3]) < 1e-12);
  assert.throws(() => weightedLeastSquares(Float64Array.of(1, 1, 2, 2), 2, 2, Float64Array.of(1, 1), Float64Array.of(1, 2), 1), /rank-deficient/);
  assert.ok(maxAbsDiff(choleskySolve(Float64Array.of(4, 2, 2, 3), 2, Float64Array.of(2, 1)), [0.5, 0]) < 1e-12);
});
