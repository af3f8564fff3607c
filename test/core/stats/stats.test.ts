// McNemar against scipy.stats.binomtest, DeLong against its O(m·n) placement-value definition
// (numpy, in test/fixtures/cohorts/make_fixtures.py), the paired bootstrap against bootstrapCi.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { bootstrapCi } from '../../../src/core/metrics/bootstrap';
import { binomialHalfCdf, binomialPmf, delongAuc, delongTest, erfc, mcnemarExact, midranks, normalQuantile, pairedBootstrapDiff } from '../../../src/core/stats';

const stats = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'cohorts', 'stats.json'), 'utf8')) as {
  mcnemar: { y: number[]; a: number[]; b: number[]; only_a_correct: number; only_b_correct: number; pvalue: number }[];
  mcnemar_counts: { b: number; c: number; pvalue: number }[];
  delong: { y: number[]; a: number[]; b: number[]; expected: Record<string, number> }[];
};

function rel(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(Math.abs(expected), 1e-300), `${what}: ${actual} vs ${expected}`);
}

describe('normal and binomial helpers', () => {
  it('erfc to about 1e-14 relative (values from scipy.special.erfc)', () => {
    rel(erfc(0), 1, 1e-15, 'erfc(0)');
    rel(erfc(0.5), 0.4795001221869534, 1e-14, 'erfc(0.5)');
    rel(erfc(1), 0.15729920705028513, 1e-14, 'erfc(1)');
    rel(erfc(2.4), 6.885138966450786e-4, 1e-13, 'erfc(2.4)');
    rel(erfc(3), 2.209049699858544e-5, 1e-13, 'erfc(3)');
    rel(erfc(6), 2.1519736712498913e-17, 1e-13, 'erfc(6)');
    rel(erfc(-1), 1.8427007929497148, 1e-15, 'erfc(-1)');
    rel(normalQuantile(0.975), 1.959963984540054, 1e-12, 'z 0.975');
  });
  it('binomial mass and tail', () => {
    rel(binomialPmf(3, 10, 0.5), 120 / 1024, 1e-14, 'pmf');
    rel(binomialHalfCdf(3, 10), (1 + 10 + 45 + 120) / 1024, 1e-14, 'cdf');
    rel(binomialHalfCdf(7, 10), 1 - (1 + 10 + 45) / 1024, 1e-14, 'cdf above the mean');
  });
});

describe('mcnemarExact matches scipy.stats.binomtest on the discordant pairs', () => {
  it('on predictions', () => {
    for (const c of stats.mcnemar) {
      const r = mcnemarExact(c.y, c.a, c.b);
      assert.equal(r.only_a_correct, c.only_a_correct);
      assert.equal(r.only_b_correct, c.only_b_correct);
      assert.equal(r.n, c.y.length);
      assert.equal(r.both_correct + r.both_wrong + r.only_a_correct + r.only_b_correct, r.n);
      rel(r.pvalue, c.pvalue, 1e-9, `p (b=${c.only_a_correct}, c=${c.only_b_correct})`);
    }
  });
  it('on counts up to 2·10⁵ discordant rows', () => {
    for (const c of stats.mcnemar_counts) {
      const y = new Array<number>(c.b + c.c).fill(1);
      const a = [...new Array<number>(c.b).fill(1), ...new Array<number>(c.c).fill(0)];
      const b = a.map((v) => 1 - v);
      const r = mcnemarExact(y, a, b);
      rel(r.pvalue, c.pvalue, 1e-9, `p (b=${c.b}, c=${c.c})`);
    }
  });
  it('no discordant rows: p = 1; class names work; lengths must match', () => {
    assert.equal(mcnemarExact(['a', 'b'], ['a', 'a'], ['a', 'a']).pvalue, 1);
    assert.throws(() => mcnemarExact([1, 0], [1], [1, 0]), /same rows: 2 labels, 1 and 2 predictions/);
  });
});

describe('delongTest matches the placement-value definition to 1e-9', () => {
  it('AUCs, variances, covariance, z and p (with and without ties)', () => {
    for (const [k, c] of stats.delong.entries()) {
      const r = delongTest(c.y, c.a, c.b);
      const e = c.expected;
      for (const key of ['auc_a', 'auc_b', 'variance_a', 'variance_b', 'covariance', 'z', 'pvalue'] as const) {
        rel(r[key], e[key], 1e-9, `case ${k} ${key}`);
      }
      rel(r.se, Math.sqrt(e.variance_a + e.variance_b - 2 * e.covariance), 1e-9, `case ${k} se`);
      assert.ok(r.ci[0] < r.difference && r.difference < r.ci[1]);
      const single = delongAuc(c.y, c.a);
      rel(single.auc, e.auc_a, 1e-12, 'single auc');
      rel(single.variance, e.variance_a, 1e-9, 'single variance');
    }
  });
  it('midranks average ties', () => {
    assert.deepEqual([...midranks([3, 1, 3, 2, 3], [0, 1, 2, 3, 4])], [4, 1, 4, 2, 4]);
  });
  it('identical scores: difference 0, p 1; bad labels are named', () => {
    const y = [0, 1, 0, 1, 1, 0];
    const s = [0.1, 0.9, 0.3, 0.6, 0.2, 0.4];
    const r = delongTest(y, s, s);
    assert.equal(r.difference, 0);
    assert.equal(r.pvalue, 1);
    assert.throws(() => delongTest([0, 2, 1, 1, 0], s.slice(0, 5), s.slice(0, 5)), /labels 0\/1 .* row 2 has 2/);
    assert.throws(() => delongTest([0, 1, 0], [1, 2, 3], [1, 2, 3]), /at least two positive and two negative rows; got 1 and 2/);
  });
});

describe('pairedBootstrapDiff', () => {
  const n = 200;
  const y = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 13 > 5 ? 1 : 0);
  const a = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 - y[i] : y[i]));
  const b = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 - y[i] : y[i]));
  const accuracy = (pred: Float64Array) => (w: Float64Array) => {
    let hit = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += w[i];
      if (pred[i] === y[i]) hit += w[i];
    }
    return hit / total;
  };
  it('is the percentile interval of the difference on shared resamples', () => {
    const r = pairedBootstrapDiff(n, 300, 5, accuracy(a), accuracy(b));
    const ref = bootstrapCi(n, 300, 5, (w) => ({ d: accuracy(a)(w) - accuracy(b)(w) }));
    assert.deepEqual(r.ci, ref.d);
    rel(r.a, 0.8, 1e-12, 'accuracy A');
    rel(r.difference, r.a - r.b, 1e-15, 'difference');
    assert.ok(r.ci[0] <= r.difference && r.difference <= r.ci[1]);
    assert.equal(r.valid, 300);
    assert.deepEqual(pairedBootstrapDiff(n, 300, 5, accuracy(a), accuracy(b)), r, 'same seed, same result');
  });
  it('a model against itself has a zero-width interval', () => {
    const r = pairedBootstrapDiff(n, 100, 1, accuracy(a), accuracy(a));
    assert.deepEqual(r.ci, [0, 0]);
    assert.equal(r.share_not_better, 1);
  });
});
