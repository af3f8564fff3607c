import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/metrics/rng';
import { argsortAscending } from '../../../src/core/metrics/sort';

describe('argsortAscending (radix)', () => {
  it('sorts negatives, zeros, ties, huge and tiny values, stably', () => {
    const v = Float64Array.from([3, -1, 0, -0, 1e-300, -1e300, 2.5, 3, -2.5, 1e300, 0.1, 0.1, -1]);
    const { order, sorted } = argsortAscending(v);
    const expected = Array.from(v).sort((a, b) => a - b);
    assert.deepEqual(Array.from(sorted).map((x) => x + 0), expected.map((x) => x + 0));
    for (let i = 0; i < v.length; i++) assert.equal(sorted[i], v[order[i]]);
    // Stable among equal keys: the two 3s and the two 0.1s stay in row order.
    const threes = Array.from(order).filter((i) => v[i] === 3);
    assert.deepEqual(threes, [0, 7]);
  });

  it('agrees with a comparator sort on random data, including subarray views', () => {
    const r = new Rng(11);
    const big = Float64Array.from({ length: 5001 }, () => (r.nextFloat() - 0.3) * 10 ** Math.floor(r.nextFloat() * 6));
    const v = big.subarray(1);
    const { sorted } = argsortAscending(v);
    assert.deepEqual(Array.from(sorted), Array.from(v).sort((a, b) => a - b));
  });

  it('sorts float32-exact scores (the two-pass path) the same way', () => {
    const r = new Rng(12);
    const v = Float64Array.from(Float32Array.from({ length: 4000 }, () => (r.nextFloat() - 0.5) * 4));
    v[3] = -0;
    v[7] = 0;
    const { order, sorted } = argsortAscending(v);
    assert.deepEqual(Array.from(sorted).map((x) => x + 0), Array.from(v).sort((a, b) => a - b).map((x) => x + 0));
    for (let i = 0; i < v.length; i++) assert.equal(sorted[i], v[order[i]]);
  });

  it('puts NaN last in row order, whatever its sign; the sorted value stays NaN (error-tree features)', () => {
    const negNaN = new Float64Array(new Uint32Array([0, 0xfff80000]).buffer)[0];
    const v = Float64Array.from([3, -1, NaN, 0, -Infinity, 2.5, -0, Infinity, -1, 1e-300, -2e10, negNaN]);
    const { order, sorted } = argsortAscending(v);
    assert.deepEqual(Array.from(order), [4, 10, 1, 8, 6, 3, 9, 5, 0, 7, 2, 11]);
    assert.deepEqual(Array.from(sorted), Array.from(order, (i) => v[i]));
  });

  it('puts NaN last on the float32 path too', () => {
    const v = Float64Array.from([2, NaN, -1, 0.5, NaN, -1]);
    const { order, sorted } = argsortAscending(v);
    assert.deepEqual(Array.from(order), [2, 5, 3, 0, 1, 4]);
    assert.deepEqual(Array.from(sorted), [-1, -1, 0.5, 2, NaN, NaN]);
  });

  it('handles empty input', () => {
    assert.equal(argsortAscending(new Float64Array(0)).order.length, 0);
  });
});
