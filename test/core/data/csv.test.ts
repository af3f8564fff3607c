import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDelimited } from '../../../src/core/data/csv';
import { CancelledError, DataError } from '../../../src/core/errors';
import { col, fixture, tempFile, values } from './helpers';

test('reads quotes, embedded newlines, BOM and CRLF', async () => {
  const t = await readDelimited(fixture('quoted.csv'));
  assert.equal(t.nRows, 3);
  assert.deepEqual(t.columns.map((c) => c.name), ['id', 'name', 'score', 'note']);
  assert.equal(col(t, 'id').kind, 'number');
  assert.deepEqual(values(t, 'id'), [1, 2, 3]);
  assert.deepEqual(values(t, 'name'), ['Smith, Jane', 'Bob', null]);
  assert.deepEqual(values(t, 'score'), [0.5, NaN, Infinity]);
  assert.deepEqual(values(t, 'note'), ['said "hi"', 'line one\r\nline two', 'plain']);
});

test('uses tabs for .tsv and sniffs semicolons from the header', async () => {
  const tsv = await readDelimited(fixture('simple.tsv'));
  assert.deepEqual(tsv.columns.map((c) => c.name), ['a', 'b', 'label']);
  assert.deepEqual(values(tsv, 'b'), ['x', 'y', null]);
  const semi = await readDelimited(fixture('semicolon.csv'));
  assert.deepEqual(semi.columns.map((c) => c.name), ['a', 'b', 'c']);
  assert.deepEqual(values(semi, 'a'), ['1,5', '2']);
  assert.deepEqual(values(semi, 'c'), [3, 4]);
});

test('honours an explicit delimiter', async () => {
  const t = await readDelimited(tempFile('pipe.txt', 'a|b\n1|2\n'), { delimiter: '|' });
  assert.deepEqual(values(t, 'b'), [2]);
});

test('types columns: missing tokens, infinities, hex and late strings', async () => {
  const path = tempFile('types.csv', 'n,m,h,s\n1,NA,0x10,1\n,N/A,2,2\nnull,nan,3,x\n-inf,NaN,4,\n1e3,,5,NULL\n');
  const t = await readDelimited(path);
  assert.deepEqual(values(t, 'n'), [1, NaN, NaN, -Infinity, 1000]);
  assert.equal(col(t, 'm').kind, 'number', 'all-missing columns stay numeric');
  assert.deepEqual(values(t, 'h'), ['0x10', '2', '3', '4', '5']);
  assert.deepEqual(values(t, 's'), ['1', '2', 'x', null, null]);
});

test('keeps the original text when a column turns to strings late', async () => {
  const t = await readDelimited(fixture('mixed.csv'));
  assert.deepEqual(values(t, 'code'), ['007', '008', 'A12']);
  assert.deepEqual(values(t, 'value'), [1, 2, 3]);
});

test('names the line and field counts of a ragged row', async () => {
  await assert.rejects(readDelimited(fixture('ragged.csv')), (err: Error) => {
    assert.ok(err instanceof DataError);
    assert.match(err.message, /line 3 has 2 fields, expected 3/);
    return true;
  });
});

test('rejects empty files, header-only files and bad headers', async () => {
  await assert.rejects(readDelimited(fixture('empty.csv')), { name: 'DataError', message: /has no data rows/ });
  await assert.rejects(readDelimited(fixture('header_only.csv')), { name: 'DataError', message: /has no data rows/ });
  await assert.rejects(readDelimited(fixture('duplicate_header.csv')), { name: 'DataError', message: /'a' twice/ });
  await assert.rejects(readDelimited(tempFile('blank.csv', 'a,,c\n1,2,3\n')), { name: 'DataError', message: /column 2 has an empty name/ });
  await assert.rejects(readDelimited(tempFile('index.csv', ',a\n0,1\n')), { name: 'DataError', message: /column 1 has an empty name.*index=False/ });
});

/** A CSV big enough that reading it takes many chunks. */
function bigCsv(rows: number): string {
  const lines = ['a,b,c'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${i * 0.5},${i % 7}`);
  return tempFile('big.csv', lines.join('\n') + '\n');
}

test('stops after maxRows and reports progress', async () => {
  const path = bigCsv(20000);
  const t = await readDelimited(path, { maxRows: 5 });
  assert.equal(t.nRows, 5);
  assert.deepEqual(values(t, 'a'), [0, 1, 2, 3, 4]);
  const seen: number[] = [];
  const all = await readDelimited(path, { onProgress: (f) => seen.push(f) });
  assert.equal(all.nRows, 20000);
  assert.equal(seen.at(-1), 1);
  assert.ok(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])));
});

test('cancels before and during the read', async () => {
  const path = bigCsv(300000);
  await assert.rejects(readDelimited(path, { signal: AbortSignal.abort() }), CancelledError);
  const controller = new AbortController();
  const started = Date.now();
  const reading = readDelimited(path, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(reading, CancelledError);
  assert.ok(Date.now() - started < 1000, 'cancel lands within a second');
});
