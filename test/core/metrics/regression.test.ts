import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeRegression, createRegressionScorer } from '../../../src/core/metrics';
import { assertMetrics, loadCases } from './fixtures';

interface Case {
  name: string;
  y: number[];
  yhat: number[];
  weights?: number[];
  expected: Record<string, number>;
}

describe('computeRegression vs scikit-learn 1.2', () => {
  for (const c of loadCases<Case>('regression')) {
    it(c.name, () => {
      const input = { y: Float64Array.from(c.y), yhat: Float64Array.from(c.yhat), weights: c.weights ? Float64Array.from(c.weights) : undefined, seed: 1 };
      const r = computeRegression(input);
      assertMetrics(r.metrics, c.expected, c.name);
      assertMetrics(createRegressionScorer(input)(input.weights), c.expected, `${c.name} scorer`);
      const res = r.curves.residuals;
      assert.equal(res.actual.length, Math.min(5000, c.y.length));
      assert.equal(res.residual_counts.length + 1, res.residual_bin_edges.length);
    });
  }

  it('samples at most 5000 scatter points, deterministically per seed', () => {
    const n = 12000;
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const yhat = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + 0.1 * Math.cos(3 * i));
    const a = computeRegression({ y, yhat, seed: 7 }).curves.residuals;
    const b = computeRegression({ y, yhat, seed: 7 }).curves.residuals;
    const c = computeRegression({ y, yhat, seed: 8 }).curves.residuals;
    assert.equal(a.actual.length, 5000);
    assert.deepEqual(a.actual, b.actual);
    assert.notDeepEqual(a.actual, c.actual);
    assert.equal(a.residual_counts.reduce((s, v) => s + v, 0), n);
  });
});
