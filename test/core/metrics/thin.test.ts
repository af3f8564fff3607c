import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { thinIndices } from '../../../src/core/metrics/thin';

describe('thinIndices', () => {
  it('returns everything under budget', () => {
    assert.deepEqual(Array.from(thinIndices([0, 1, 2], [[0, 1, 0]], 5)), [0, 1, 2]);
  });

  it('keeps corners and endpoints of a polyline made of many collinear points', () => {
    // An L-shaped path sampled densely: (0,0)->(0,1)->(1,1).
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i <= 1000; i++) {
      xs.push(0);
      ys.push(i / 1000);
    }
    for (let i = 1; i <= 1000; i++) {
      xs.push(i / 1000);
      ys.push(1);
    }
    const idx = Array.from(thinIndices(xs, [ys], 10));
    assert.ok(idx.length <= 10);
    assert.ok(idx.includes(0) && idx.includes(1000) && idx.includes(2000));
    for (let i = 1; i < idx.length; i++) assert.ok(idx[i] > idx[i - 1]);
  });

  it('honours every series: a spike in one series is kept', () => {
    const n = 5000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const flat = new Array(n).fill(0);
    const spike = flat.map((_, i) => (i === 2500 ? 1 : 0));
    const idx = Array.from(thinIndices(xs, [flat, spike], 20));
    assert.ok(idx.includes(2500));
  });
});
