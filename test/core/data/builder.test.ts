import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnBuilder, parseNumericCell } from '../../../src/core/data/builder';

test('parseNumericCell reads numbers strictly', () => {
  assert.equal(parseNumericCell('1.5'), 1.5);
  assert.equal(parseNumericCell(' -2e3 '), -2000);
  assert.equal(parseNumericCell('Infinity'), Infinity);
  assert.equal(parseNumericCell('-INF'), -Infinity);
  for (const missing of ['', '   ', 'NA', 'N/A', 'null', 'NaN', 'nan']) assert.ok(Number.isNaN(parseNumericCell(missing)), missing);
  for (const text of ['abc', '0x1f', '0b11', '1,5', '1_000', 'true']) assert.equal(parseNumericCell(text), undefined, text);
});

test('ColumnBuilder stays numeric, then switches to strings and flags lost text', () => {
  const b = new ColumnBuilder('c', false, 2);
  for (const text of ['1', '', '2.50', '3']) b.pushText(text);
  assert.equal(b.lossy, false);
  assert.deepEqual(Array.from(b.finish().values as Float64Array), [1, NaN, 2.5, 3]);
  b.pushText('x');
  assert.equal(b.lossy, true);
  assert.deepEqual(b.finish().values, ['1', null, '2.5', '3', 'x']);
});

test('ColumnBuilder maps decoded values', () => {
  const n = new ColumnBuilder('n');
  for (const v of [1, 2n, true, null, undefined]) n.pushValue(v);
  assert.deepEqual(Array.from(n.finish().values as Float64Array), [1, 2, 1, NaN, NaN]);
  const s = new ColumnBuilder('s');
  for (const v of [null, 'a', new Date(0), { k: 1n }]) s.pushValue(v);
  assert.equal(s.lossy, false, 'only missing cells came before the first string');
  assert.deepEqual(s.finish().values, [null, 'a', '1970-01-01T00:00:00.000Z', '{"k":"1"}']);
});
