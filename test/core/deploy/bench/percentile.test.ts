// Percentiles against numpy's np.percentile (default method 'linear'); fixture made by
// test/fixtures/deploy/bench/make_percentiles.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { percentile, percentileSorted, sampleStats } from '../../../../src/core/deploy/bench/percentile';

interface Fixture {
  qs: number[];
  cases: Record<string, { values: number[]; expected: number[] }>;
}
const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/deploy/bench/percentiles.json'), 'utf8')) as Fixture;

describe('percentile (numpy linear)', () => {
  for (const [name, c] of Object.entries(fixture.cases)) {
    it(`matches np.percentile on ${name}`, () => {
      fixture.qs.forEach((q, i) => {
        const got = percentile(c.values, q);
        const want = c.expected[i];
        assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${name} q=${q}: ${got} vs numpy ${want}`);
      });
    });
  }

  it('does not reorder its input and sorts numerically', () => {
    const v = [10, 9, 100, 2];
    assert.equal(percentile(v, 50), 9.5);
    assert.deepEqual(v, [10, 9, 100, 2]);
  });

  it('gives NaN for no samples and rejects q outside 0..100', () => {
    assert.ok(Number.isNaN(percentileSorted([], 50)));
    assert.throws(() => percentile([1], 101), RangeError);
    assert.throws(() => percentile([1], -1), RangeError);
  });

  it('sampleStats orders p50 ≤ p90 ≤ p99 and matches the fixture', () => {
    const c = fixture.cases.lognormal_1000;
    const s = sampleStats(c.values);
    assert.equal(s.count, 1000);
    assert.ok(s.min <= s.p50 && s.p50 <= s.p90 && s.p90 <= s.p99 && s.p99 <= s.max);
    const at = (q: number) => c.expected[fixture.qs.indexOf(q)];
    assert.ok(Math.abs(s.p50 - at(50)) < 1e-12 && Math.abs(s.p90 - at(90)) < 1e-12 && Math.abs(s.p99 - at(99)) < 1e-12);
  });
});
