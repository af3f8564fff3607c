import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJsonLines } from '../../../src/core/data/jsonl';
import { CancelledError, DataError } from '../../../src/core/errors';
import { col, fixture, tempFile, values } from './helpers';

test('builds columns from the union of keys in first-seen order', async () => {
  const t = await readJsonLines(fixture('rows.jsonl'));
  assert.equal(t.nRows, 4, 'blank lines are skipped');
  assert.deepEqual(t.columns.map((c) => c.name), ['x', 's', 'flag', 'extra', 'mixed']);
  assert.deepEqual(values(t, 'x'), [1, 2.5, NaN, 4]);
  assert.deepEqual(values(t, 's'), ['a', null, 'c', null]);
  assert.deepEqual(values(t, 'flag'), [1, NaN, 0, NaN], 'booleans are 0/1, absent keys missing');
  assert.deepEqual(values(t, 'extra'), [NaN, 7, NaN, NaN], 'a late key is back-filled');
  assert.equal(col(t, 'mixed').kind, 'string');
  assert.deepEqual(values(t, 'mixed'), [null, null, '1', 'two']);
});

test('handles a BOM, CRLF and nested values', async () => {
  const t = await readJsonLines(tempFile('crlf.ndjson', '\uFEFF{"a": 1, "o": {"k": [1, 2]}}\r\n{"a": 2, "o": null}\r\n'));
  assert.deepEqual(values(t, 'a'), [1, 2]);
  assert.deepEqual(values(t, 'o'), ['{"k":[1,2]}', null]);
});

test('names the line of invalid JSON or a non-object', async () => {
  await assert.rejects(readJsonLines(fixture('bad.jsonl')), (err: Error) => {
    assert.ok(err instanceof DataError);
    assert.match(err.message, /line 2 is not valid JSON/);
    return true;
  });
  await assert.rejects(readJsonLines(tempFile('arr.jsonl', '{"a": 1}\n\n[1, 2]\n')), { name: 'DataError', message: /line 3 is not a JSON object/ });
  await assert.rejects(readJsonLines(tempFile('empty.jsonl', '\n\n')), { name: 'DataError', message: /has no data rows/ });
});

/** A JSON Lines file big enough that reading it takes many chunks. */
function bigJsonl(rows: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(JSON.stringify({ i, v: i / 2, s: `r${i % 5}` }));
  return tempFile('big.jsonl', lines.join('\n'));
}

test('stops after maxRows and reports progress', async () => {
  const path = bigJsonl(20000);
  const t = await readJsonLines(path, { maxRows: 3 });
  assert.equal(t.nRows, 3);
  assert.deepEqual(values(t, 's'), ['r0', 'r1', 'r2']);
  const seen: number[] = [];
  await readJsonLines(path, { onProgress: (f) => seen.push(f) });
  assert.equal(seen.at(-1), 1);
});

test('cancels before and during the read', async () => {
  const path = bigJsonl(300000);
  await assert.rejects(readJsonLines(path, { signal: AbortSignal.abort() }), CancelledError);
  const controller = new AbortController();
  const reading = readJsonLines(path, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(reading, CancelledError);
});
