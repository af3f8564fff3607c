// Parsers shared by the CLI and the editor: row selections, backgrounds, features of interest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors';
import { checkRows, firstRows, parseBackground, parseRowSpec, resolveFeaturesOfInterest } from '../../../../src/core/explain/pipeline';

test('row selections: indices, ranges, order kept, duplicates dropped', () => {
  assert.deepEqual(parseRowSpec('0,3,7'), [0, 3, 7]);
  assert.deepEqual(parseRowSpec('0-4'), [0, 1, 2, 3, 4]);
  assert.deepEqual(parseRowSpec(' 9, 2-3 ,2'), [9, 2, 3]);
  for (const bad of ['', 'a', '1,,2', '3-1', '-1', '1.5', '0-']) assert.throws(() => parseRowSpec(bad), UsageError, bad);
  assert.throws(() => parseRowSpec('0-100000000'), /more than/);
  assert.throws(() => checkRows([0, 10], 10), /10 rows, numbered 0 to 9/);
  assert.throws(() => checkRows([], 10), UsageError);
  assert.deepEqual(firstRows(3, 10), [0, 1, 2]);
});

test('backgrounds: N rows, kmeans:K, or a file', () => {
  assert.deepEqual(parseBackground('50'), { kind: 'sample', n: 50 });
  assert.deepEqual(parseBackground('kmeans:20'), { kind: 'kmeans', k: 20 });
  assert.deepEqual(parseBackground('train.csv'), { kind: 'file', path: 'train.csv' });
  for (const bad of ['0', 'kmeans:', 'kmeans:x', 'kmeans:0', ' ']) assert.throws(() => parseBackground(bad), UsageError, bad);
});

test('features of interest: names and a:b pairs', () => {
  const names = ['a', 'b', 'c:d'];
  assert.deepEqual(resolveFeaturesOfInterest(['a', 'b:a', 'c:d'], names), [[0], [1, 0], [2]]);
  assert.throws(() => resolveFeaturesOfInterest(['x'], names), /'x' is not a feature; features are: a, b, c:d/);
  assert.throws(() => resolveFeaturesOfInterest(['a:a'], names), /same feature twice/);
  assert.throws(() => resolveFeaturesOfInterest(['a:b:c'], names), UsageError);
});
