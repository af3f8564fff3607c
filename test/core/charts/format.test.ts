import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatNumber, formatPercent } from '../../../src/core/charts/format';

describe('formatNumber', () => {
  it('uses 4 significant digits', () => {
    assert.equal(formatNumber(0.981234), '0.9812');
    assert.equal(formatNumber(2.67123), '2.671');
    assert.equal(formatNumber(0.95), '0.9500');
  });
  it('keeps integers, rounds large numbers, uses exponents for tiny ones', () => {
    assert.equal(formatNumber(118), '118');
    assert.equal(formatNumber(123456.78), '123457');
    assert.equal(formatNumber(0.0000123456), '1.235e-5');
    assert.equal(formatNumber(0), '0');
  });
  it('handles missing and non-finite values', () => {
    assert.equal(formatNumber(NaN), 'n/a');
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatNumber(null), '');
  });
  it('formats percentages and bytes', () => {
    assert.equal(formatPercent(0.4523), '45.2%');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
  });
});
