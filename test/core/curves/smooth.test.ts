import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { downsampleIndices, seriesStats, smooth } from '../../../src/core/curves';
import { FIXTURES, num } from './helpers';

interface Case { name: string; weight: number; values: (number | string)[]; expected: (number | string)[] }

describe('smooth', () => {
  const cases = JSON.parse(readFileSync(path.join(FIXTURES, 'smoothing.json'), 'utf8')) as Case[];

  it('matches TensorBoard\'s formula computed independently in Python', () => {
    assert.ok(cases.length >= 20);
    for (const c of cases) {
      const got = smooth(c.values.map(num), c.weight);
      const want = c.expected.map(num);
      assert.equal(got.length, want.length);
      for (let i = 0; i < want.length; i++) {
        const ok = Object.is(got[i], want[i]) || Math.abs(got[i] - want[i]) <= 1e-12 * Math.max(1, Math.abs(want[i]));
        assert.ok(ok, `${c.name} w=${c.weight} [${i}]: ${got[i]} vs ${want[i]}`);
      }
    }
  });

  it('weight 0 is the identity; NaN and Infinity pass through', () => {
    assert.deepEqual([...smooth([1, 2, 3], 0)], [1, 2, 3]);
    const s = smooth([1, NaN, Infinity, 3], 0.5);
    assert.ok(Number.isNaN(s[1]));
    assert.equal(s[2], Infinity);
    // 1 then 3 (NaN/Inf skipped): last = 0.5·0.5 + 0.5·3 = 1.75, debiased by 1 − 0.25.
    assert.equal(s[3], 1.75 / 0.75);
  });
});

describe('downsampleIndices', () => {
  it('keeps everything for short series', () => {
    assert.deepEqual([...downsampleIndices([3, 1, 2], 10)], [0, 1, 2]);
  });

  it('caps long series and keeps the extremes, first and last', () => {
    const n = 100_000;
    const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 500));
    v[12_345] = 50;
    v[67_890] = -50;
    v[77_777] = NaN;
    const idx = downsampleIndices(v, 2000);
    assert.ok(idx.length <= 2000, `${idx.length}`);
    assert.ok(idx.length > 1000, "most of the budget is used");
    for (let k = 1; k < idx.length; k++) assert.ok(idx[k] > idx[k - 1], 'strictly increasing');
    for (const must of [0, n - 1, 12_345, 67_890, 77_777]) assert.ok(idx.includes(must), `keeps ${must}`);
  });
});

describe('seriesStats', () => {
  it('last, min and max with their steps over finite values', () => {
    const s = seriesStats({ steps: Float64Array.of(0, 10, 20, 30), values: Float64Array.of(0.5, 0.2, 0.9, NaN), wallTimes: new Float64Array(4) });
    assert.deepEqual([s.last, s.lastStep, s.min, s.minStep, s.max, s.maxStep], [0.9, 20, 0.2, 10, 0.9, 20]);
  });
});
