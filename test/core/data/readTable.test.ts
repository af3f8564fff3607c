import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTable, SUPPORTED_DATA_EXTENSIONS } from '../../../src/core/data/readTable';
import { CancelledError } from '../../../src/core/errors';
import { fixture, tempDir, tempFile } from './helpers';

test('dispatches on the extension, case-insensitively', async () => {
  assert.equal((await readTable(fixture('quoted.csv'))).columns.length, 4);
  assert.equal((await readTable(fixture('simple.tsv'))).columns.length, 3);
  assert.equal((await readTable(fixture('rows.jsonl'))).columns.length, 5);
  assert.equal((await readTable(fixture('types.parquet'))).columns.length, 7);
  const dir = tempDir();
  copyFileSync(fixture('types.parquet'), join(dir, 'T.PQ'));
  copyFileSync(fixture('rows.jsonl'), join(dir, 'rows.ndjson'));
  assert.equal((await readTable(join(dir, 'T.PQ'))).nRows, 5);
  assert.equal((await readTable(join(dir, 'rows.ndjson'))).nRows, 4);
  assert.equal((await readTable(tempFile('tabs.txt', 'a\tb\n1\t2\n'))).columns.length, 2);
});

test('lists the supported extensions', () => {
  for (const ext of ['.csv', '.tsv', '.tab', '.txt', '.jsonl', '.ndjson', '.parquet', '.pq']) {
    assert.ok(SUPPORTED_DATA_EXTENSIONS.includes(ext), ext);
  }
});

test('explains missing files, directories and unknown extensions', async () => {
  const missing = join(tempDir(), 'nope.csv');
  await assert.rejects(readTable(missing), { name: 'DataError', message: `file not found: ${missing}` });
  const dir = join(tempDir(), 'folder.csv');
  mkdirSync(dir);
  await assert.rejects(readTable(dir), { name: 'DataError', message: /is a directory/ });
  await assert.rejects(readTable(tempFile('book.xlsx', 'x')), { name: 'DataError', message: /'\.xlsx' files are not supported; use one of \.csv, .*\.parquet/ });
});

test('passes options through', async () => {
  assert.equal((await readTable(fixture('types.parquet'), { maxRows: 1 })).nRows, 1);
  await assert.rejects(readTable(fixture('rows.jsonl'), { signal: AbortSignal.abort() }), CancelledError);
});
