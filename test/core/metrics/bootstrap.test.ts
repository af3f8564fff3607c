import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/errors';
import { bootstrapCi, createBinaryScorer, headlineMetrics, headlineStatistic, percentile } from '../../../src/core/metrics';
import { loadBootstrap, loadCases } from './fixtures';

const fx = loadBootstrap();
const data = Float64Array.from(fx.data);
const mean = (w: Float64Array) => {
  let s = 0;
  let t = 0;
  for (let i = 0; i < data.length; i++) {
    s += w[i] * data[i];
    t += w[i];
  }
  return { mean: s / t };
};

describe('bootstrapCi', () => {
  it('brackets the point estimate and is close to scipy.stats.bootstrap(percentile)', () => {
    const ci = bootstrapCi(data.length, 4000, 42, mean).mean;
    assert.ok(ci[0] < fx.mean && fx.mean < ci[1]);
    // Different RNGs: agree loosely, within a tenth of the interval width at each end.
    const width = fx.ci[1] - fx.ci[0];
    assert.ok(Math.abs(ci[0] - fx.ci[0]) < 0.1 * width, `${ci[0]} vs scipy ${fx.ci[0]}`);
    assert.ok(Math.abs(ci[1] - fx.ci[1]) < 0.1 * width, `${ci[1]} vs scipy ${fx.ci[1]}`);
  });

  it('is reproducible with a seed and changes with another', () => {
    const a = bootstrapCi(data.length, 200, 1, mean);
    const b = bootstrapCi(data.length, 200, 1, mean);
    const c = bootstrapCi(data.length, 200, 2, mean);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('wider at higher confidence; multiplies base weights', () => {
    const narrow = bootstrapCi(data.length, 500, 3, mean, 0.8).mean;
    const wide = bootstrapCi(data.length, 500, 3, mean, 0.99).mean;
    assert.ok(wide[0] < narrow[0] && wide[1] > narrow[1]);
    const base = new Float64Array(data.length).fill(1);
    base[0] = 0;
    let seen = true;
    bootstrapCi(data.length, 20, 3, (w) => {
      seen &&= w[0] === 0;
      return mean(w);
    }, { weights: base });
    assert.ok(seen);
  });

  it('headline binary metrics get intervals around their estimates', () => {
    const c = loadCases<{ name: string; y_true: number[]; score: number[]; expected: Record<string, number> }>('binary').find((x) => x.name === 'basic')!;
    const scorer = createBinaryScorer({ yTrue: Uint8Array.from(c.y_true), score: Float64Array.from(c.score), threshold: 0.5, classNames: ['n', 'p'] });
    const ci = bootstrapCi(c.y_true.length, 300, 9, headlineStatistic('binary', scorer));
    assert.deepEqual(Object.keys(ci).sort(), [...headlineMetrics('binary')].sort());
    for (const [k, [lo, hi]] of Object.entries(ci)) assert.ok(lo <= c.expected[k] && c.expected[k] <= hi, `${k}: ${lo}..${hi} vs ${c.expected[k]}`);
  });

  it('cancels through an AbortSignal and validates arguments', () => {
    const ac = new AbortController();
    ac.abort();
    assert.throws(() => bootstrapCi(10, 5, 1, () => ({}), { signal: ac.signal }), CancelledError);
    assert.throws(() => bootstrapCi(10, 5, 1, () => ({}), 1.5), /confidence/);
    assert.throws(() => bootstrapCi(10, 0, 1, () => ({})), /resamples/);
  });

  it('percentile interpolates like numpy', () => {
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(percentile([1, 2, 3, 4], 0), 1);
    assert.equal(percentile([1, 2, 3, 4], 1), 4);
  });
});
