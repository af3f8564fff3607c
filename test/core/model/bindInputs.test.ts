import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Table } from '../../../src/core/data/table';
import { DataError, ModelError } from '../../../src/core/errors';
import type { TensorSpec } from '../../../src/core/evaluate/types';
import { planBinding } from '../../../src/core/model/bindInputs';

const table: Table = {
  nRows: 3,
  columns: [
    { name: 'a', kind: 'number', values: Float64Array.of(1, 2, 3) },
    { name: 'b', kind: 'number', values: Float64Array.of(10, 20, 30) },
    { name: 'city', kind: 'string', values: ['oslo', null, 'lima'] },
    { name: 'code', kind: 'string', values: ['4', '5', '6'] },
  ],
};
const matrix = (type: string, shape: TensorSpec['shape']): TensorSpec[] => [{ name: 'input', type, shape }];

test('one [N, F] input: rows packed row-major in feature order', () => {
  const plan = planBinding(matrix('float', ['N', 2]), table, ['b', 'a']);
  assert.equal(plan.layout, 'matrix');
  assert.equal(plan.fixedBatch, undefined);
  const feed = plan.bind(1, 3).input;
  assert.equal(feed.type, 'float32');
  assert.deepEqual(feed.dims, [2, 2]);
  assert.deepEqual(Array.from(feed.data as Float32Array), [20, 2, 30, 3]);
});

test('int64 and double inputs get their own array types', () => {
  const i64 = planBinding(matrix('int64', [null, 2]), table, ['a', 'b']).bind(0, 2).input;
  assert.deepEqual(Array.from(i64.data as BigInt64Array), [1n, 10n, 2n, 20n]);
  const f64 = planBinding(matrix('double', [null, 1]), table, ['a']).bind(0, 3).input;
  assert.ok(f64.data instanceof Float64Array);
});

test('numeric text in a string column is parsed for a numeric input', () => {
  const feed = planBinding(matrix('float', ['N', 2]), table, ['a', 'code']).bind(0, 3).input;
  assert.deepEqual(Array.from(feed.data as Float32Array), [1, 4, 2, 5, 3, 6]);
});

test('wrong feature count names both numbers and the features', () => {
  assert.throws(() => planBinding(matrix('float', ['N', 30]), table, ['a', 'b']), (err: Error) => {
    assert.ok(err instanceof ModelError);
    assert.match(err.message, /expects 30 features but 2 were given \(features: a, b\)/);
    return true;
  });
});

test('text in a numeric input is a DataError naming the column, row and value', () => {
  assert.throws(() => planBinding(matrix('float', ['N', 2]), table, ['a', 'city']), (err: Error) => {
    assert.ok(err instanceof DataError);
    assert.match(err.message, /Column 'city' holds text \('oslo' in row 1\)/);
    return true;
  });
});

test('a feature that is not a column is a DataError listing the columns', () => {
  assert.throws(() => planBinding(matrix('float', ['N', 1]), table, ['nope']), /Column 'nope' not found; columns are: a, b, city, code/);
});

test('several [N, 1] inputs are matched to columns by name, strings included', () => {
  const inputs: TensorSpec[] = [
    { name: 'b', type: 'float', shape: ['N', 1] },
    { name: 'city', type: 'string', shape: ['N', 1] },
  ];
  const plan = planBinding(inputs, table, ['a', 'b', 'city']);
  assert.equal(plan.layout, 'columns');
  const feeds = plan.bind(0, 3);
  assert.deepEqual(feeds.b.dims, [3, 1]);
  assert.deepEqual(Array.from(feeds.b.data as Float32Array), [10, 20, 30]);
  assert.deepEqual(feeds.city, { type: 'string', data: ['oslo', '', 'lima'], dims: [3, 1] });
});

test('an input without a matching column lists the inputs and the columns', () => {
  const inputs: TensorSpec[] = [
    { name: 'a', type: 'float', shape: ['N', 1] },
    { name: 'income', type: 'float', shape: ['N', 1] },
  ];
  assert.throws(() => planBinding(inputs, table, ['a']), (err: Error) => {
    assert.ok(err instanceof ModelError);
    assert.match(err.message, /2 inputs \(a, income\).*no column is named 'income'.*Columns are: a, b, city, code/);
    return true;
  });
});

test('a fixed batch is reported and short batches are padded', () => {
  const plan = planBinding(matrix('float', [4, 2]), table, ['a', 'b']);
  assert.equal(plan.fixedBatch, 4);
  const feed = plan.bind(2, 3, 4).input;
  assert.deepEqual(feed.dims, [4, 2]);
  assert.deepEqual(Array.from(feed.data as Float32Array), [3, 30, 0, 0, 0, 0, 0, 0]);
});
