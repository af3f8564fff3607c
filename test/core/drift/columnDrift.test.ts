// Column typing, automatic test choice by reference size and type, overrides, quality counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { autoTest, columnDrift, columnQuality, columnSamples, defaultThreshold, MAX_CATEGORICAL_UNIQUE, SMALL_REFERENCE_ROWS } from '../../../src/core/drift/columnDrift';
import { proportionZ } from '../../../src/core/drift/statTests';
import type { Column } from '../../../src/core/data/table';

const num = (name: string, values: number[]): Column => ({ name, kind: 'number', values: Float64Array.from(values) });
const str = (name: string, values: (string | null)[]): Column => ({ name, kind: 'string', values });
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('column typing', () => {
  it(`numeric with more than ${MAX_CATEGORICAL_UNIQUE} distinct reference values; fewer is categorical; two is binary`, () => {
    assert.equal(columnSamples(num('x', range(50, (i) => i % 6)), num('x', range(40, (i) => i % 3))).type, 'numeric');
    assert.equal(columnSamples(num('x', range(50, (i) => i % 5)), num('x', range(40, (i) => i % 7))).type, 'categorical');
    assert.equal(columnSamples(num('x', range(50, (i) => i % 2)), num('x', range(40, (i) => i % 2))).type, 'binary');
    assert.equal(columnSamples(str('s', ['a', 'b', null]), str('s', ['a', 'c'])).type, 'categorical');
    assert.equal(columnSamples(str('s', ['yes', 'no']), str('s', ['no', null])).type, 'binary');
  });

  it('missing cells are set aside before testing and counted', () => {
    const s = columnSamples(num('x', [1, NaN, 2, 3, 4, 5, 6, NaN]), num('x', [1, 2, NaN]));
    assert.equal(s.refNumbers!.length, 6);
    assert.equal(s.missingRef, 2);
    assert.equal(s.missingCur, 1);
  });
});

describe('auto test choice (Evidently defaults)', () => {
  it(`reference ≤ ${SMALL_REFERENCE_ROWS} rows: ks, z, chi2; more: wasserstein, jensenshannon`, () => {
    assert.equal(autoTest('numeric', 1000), 'ks');
    assert.equal(autoTest('binary', 1000), 'z');
    assert.equal(autoTest('categorical', 1000), 'chi2');
    assert.equal(autoTest('numeric', 1001), 'wasserstein');
    assert.equal(autoTest('binary', 1001), 'jensenshannon');
    assert.equal(autoTest('categorical', 1001), 'jensenshannon');
  });

  it('thresholds: p < 0.05 for p-value tests, distance ≥ 0.1 otherwise', () => {
    for (const t of ['ks', 'chi2', 'z'] as const) assert.equal(defaultThreshold(t), 0.05);
    for (const t of ['wasserstein', 'jensenshannon', 'psi', 'kl'] as const) assert.equal(defaultThreshold(t), 0.1);
  });

  it('requested tests that do not fit fall back with a note; numeric tests run on numeric categoricals', () => {
    const text = columnSamples(str('s', ['a', 'b', 'c']), str('s', ['a', 'b', 'b']));
    const ks = columnDrift(text, 'ks', 10);
    assert.equal(ks.test, 'chi2');
    assert.match(ks.note!, /ks needs numbers/);
    const fewNumbers = columnSamples(num('r', [1, 2, 3, 1, 2, 3]), num('r', [3, 3, 3, 2, 2, 1]));
    assert.equal(columnDrift(fewNumbers, 'ks', 10).test, 'ks');
  });

  it('binary z-test: the category sorting last is the success', () => {
    const s = columnSamples(str('b', ['no', 'yes', 'no', 'no']), str('b', ['yes', 'yes', 'no']));
    const c = columnDrift(s, 'auto', 4);
    assert.equal(c.test, 'z');
    assert.equal(c.statistic, proportionZ(1, 4, 2, 3).statistic);
  });

  it('a column with no values in one dataset is reported, not tested', () => {
    const c = columnDrift(columnSamples(num('x', range(20, (i) => i)), num('x', [NaN, NaN])), 'auto', 20);
    assert.equal(c.drift, false);
    assert.match(c.note!, /no values in the current dataset/);
  });
});

describe('columnQuality', () => {
  it('new categories and out-of-range values with their shares', () => {
    const q = columnQuality(columnSamples(str('c', ['a', 'b', 'c', null]), str('c', ['a', 'z', 'z', 'y', null, null])));
    assert.deepEqual(q.new_categories, ['y', 'z']);
    assert.equal(q.new_category_count, 2);
    assert.equal(q.new_category_rows, 3);
    assert.equal(q.missing_current, 2);
    assert.equal(q.missing_current_share, 2 / 6);
    const n = columnQuality(columnSamples(num('x', range(10, (i) => i)), num('x', [-1, 0, 5, 9, 10, 11, NaN])));
    assert.equal(n.reference_min, 0);
    assert.equal(n.reference_max, 9);
    assert.equal(n.out_of_range, 3);
    assert.equal(n.out_of_range_share, 3 / 6);
  });
});
