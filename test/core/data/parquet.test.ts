import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readParquet } from '../../../src/core/data/parquet';
import { CancelledError } from '../../../src/core/errors';
import { col, fixture, tempFile, values } from './helpers';

// types.parquet comes from make_parquet.mjs (hyparquet-writer), in row groups of 2 rows.

test('maps Parquet types to numeric and string columns', async () => {
  const t = await readParquet(fixture('types.parquet'));
  assert.equal(t.nRows, 5);
  assert.deepEqual(t.columns.map((c) => `${c.name}:${c.kind}`),
    ['i32:number', 'i64:number', 'f32:number', 'f64:number', 'flag:number', 'name:string', 'when:string']);
  assert.deepEqual(values(t, 'i32'), [1, 2, NaN, 4, 5]);
  assert.deepEqual(values(t, 'i64'), [10, 20, 30, NaN, 9007199254740992], 'BigInt becomes the nearest double');
  assert.deepEqual(values(t, 'f32'), [0.5, NaN, 1.5, 2.5, 3.5]);
  assert.deepEqual(values(t, 'f64'), [0.25, 0.5, 0.75, 1, NaN]);
  assert.deepEqual(values(t, 'flag'), [1, 0, NaN, 1, 0]);
  assert.deepEqual(values(t, 'name'), ['a', null, 'c', 'd', 'é']);
  assert.equal(values(t, 'when')[2], '1970-01-02T00:00:00.000Z');
  assert.ok(col(t, 'i32').values instanceof Float64Array);
});

test('stops after maxRows across row groups', async () => {
  const progress: number[] = [];
  const t = await readParquet(fixture('types.parquet'), { maxRows: 3, onProgress: (f) => progress.push(f) });
  assert.equal(t.nRows, 3);
  assert.deepEqual(values(t, 'i64'), [10, 20, 30]);
  assert.deepEqual(values(t, 'name'), ['a', null, 'c']);
  assert.deepEqual(progress, [0.4, 0.6]);
});

test('cancels and rejects files that are not Parquet', async () => {
  await assert.rejects(readParquet(fixture('types.parquet'), { signal: AbortSignal.abort() }), CancelledError);
  await assert.rejects(readParquet(tempFile('fake.parquet', 'a,b\n1,2\n')), { name: 'DataError', message: /not a readable Parquet file/ });
});
