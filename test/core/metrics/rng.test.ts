import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/metrics/rng';

describe('Rng (xoshiro128** seeded by splitmix32)', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(123);
    const b = new Rng(123);
    const c = new Rng(124);
    const xa = Array.from({ length: 8 }, () => a.nextUint32());
    assert.deepEqual(xa, Array.from({ length: 8 }, () => b.nextUint32()));
    assert.notDeepEqual(xa, Array.from({ length: 8 }, () => c.nextUint32()));
    assert.ok(xa.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32));
  });

  it('gives uniform floats in [0, 1) and unbiased integers', () => {
    const r = new Rng(5);
    const bins = new Array(10).fill(0);
    let sum = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const f = r.nextFloat();
      assert.ok(f >= 0 && f < 1);
      sum += f;
      bins[r.nextInt(10)]++;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.005);
    for (const b of bins) assert.ok(Math.abs(b / n - 0.1) < 0.005, String(b));
    assert.equal(r.nextInt(1), 0);
  });

  it('seeds that differ only above 32 bits give different streams', () => {
    assert.notEqual(new Rng(1).nextUint32(), new Rng(1 + 2 ** 32).nextUint32());
  });
});
