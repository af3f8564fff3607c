import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getColumn, guessLabelColumn, missingCounts, resolveFeatures, toFloat32Matrix, toFloat64Matrix,
} from '../../../src/core/data/columns';
import type { Column, Table } from '../../../src/core/data/table';
import { DataError } from '../../../src/core/errors';

function num(name: string, values: number[]): Column {
  return { name, kind: 'number', values: Float64Array.from(values) };
}
function str(name: string, values: (string | null)[]): Column {
  return { name, kind: 'string', values };
}
function table(...columns: Column[]): Table {
  return { columns, nRows: columns[0].values.length };
}

const t = table(
  num('a', [1, 2, NaN]),
  str('b', ['x', null, 'z']),
  num('Label', [0, 1, 1]),
  num('w', [1, 1, 2]),
);

test('getColumn finds a column or lists the ones there are', () => {
  assert.equal(getColumn(t, 'b').kind, 'string');
  assert.throws(() => getColumn(t, 'target'), {
    name: 'DataError',
    message: "column 'target' not found; columns are: a, b, Label, w",
  });
});

test('guessLabelColumn prefers exact names, then any case', () => {
  assert.equal(guessLabelColumn(t), 'Label');
  assert.equal(guessLabelColumn(table(num('Target', [1]), num('y', [1]))), 'y');
  assert.equal(guessLabelColumn(table(num('GROUND_TRUTH', [1]), num('x', [1]))), 'GROUND_TRUTH');
  assert.equal(guessLabelColumn(table(num('x', [1]), num('yy', [1]))), undefined);
});

test('resolveFeatures defaults to every other column in file order', () => {
  assert.deepEqual(resolveFeatures(t, { label: 'Label' }), ['a', 'b', 'w']);
  assert.deepEqual(resolveFeatures(t, { label: 'Label', weight: 'w' }), ['a', 'b']);
  assert.deepEqual(resolveFeatures(t, {}), ['a', 'b', 'Label', 'w']);
});

test('resolveFeatures checks an explicit list', () => {
  assert.deepEqual(resolveFeatures(t, { label: 'Label', features: ['b', 'a'] }), ['b', 'a']);
  assert.throws(() => resolveFeatures(t, { label: 'Label', features: ['a', 'nope'] }), /column 'nope' not found/);
  assert.throws(() => resolveFeatures(t, { label: 'Label', features: ['a', 'a'] }), /listed twice/);
  assert.throws(() => resolveFeatures(t, { label: 'Label', features: ['Label'] }), /is the label/);
  assert.throws(() => resolveFeatures(t, { label: 'Label', weight: 'w', features: ['w'] }), /sample weight/);
  assert.throws(() => resolveFeatures(t, { label: 'Label', features: [] }), DataError);
  assert.throws(() => resolveFeatures(t, { label: 'missing' }), /column 'missing' not found/);
  assert.throws(() => resolveFeatures(table(num('y', [1])), { label: 'y' }), /no feature columns/);
});

test('missingCounts lists only columns with missing cells', () => {
  assert.deepEqual(missingCounts(t), { a: 1, b: 1 });
});

test('toFloat32Matrix packs features row-major', () => {
  const m = toFloat32Matrix(t, ['w', 'a']);
  assert.ok(m instanceof Float32Array);
  assert.deepEqual(Array.from(m), [1, 1, 1, 2, 2, NaN]);
  const d = toFloat64Matrix(table(num('p', [0.1, 0.2])), ['p']);
  assert.deepEqual(Array.from(d), [0.1, 0.2]);
});

test('toFloat32Matrix accepts numeric or missing strings and names the first bad value', () => {
  const mixed = table(num('a', [1, 2, 3]), str('s', ['1.5', null, '-2']), str('none', [null, null, null]));
  assert.deepEqual(Array.from(toFloat32Matrix(mixed, ['s', 'none'])), [1.5, NaN, NaN, NaN, -2, NaN]);
  assert.throws(() => toFloat32Matrix(t, ['a', 'b']), {
    name: 'DataError',
    message: /^column 'b' has non-numeric values \(row 1: 'x'\); /,
  });
});
