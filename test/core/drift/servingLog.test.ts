// Reading `posthoc serve --log` JSON Lines as a table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { DataError } from '../../../src/core/errors';
import { looksLikeServingLog, readServingLog } from '../../../src/core/drift/servingLog';

const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-drift-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, lines: unknown[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return p;
}
const line = (inputs: unknown[], status = 200) => ({ timestamp: 't', model: 'm', status, latency_ms: 1, inputs });

describe('readServingLog', () => {
  it('one 2-D input becomes f0..fN (or the --features names), batches are stacked', async () => {
    const p = file('a.jsonl', [
      line([{ name: 'input', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6] }]),
      line([{ name: 'input', shape: [1, 3], datatype: 'FP32', data: [[7, 8, 9]] }]),
    ]);
    assert.equal(await looksLikeServingLog(p), true);
    const r = await readServingLog(p);
    assert.deepEqual(r.table.columns.map((c) => c.name), ['f0', 'f1', 'f2']);
    assert.equal(r.table.nRows, 3);
    assert.deepEqual(Array.from(r.table.columns[1].values as Float64Array), [2, 5, 8]);
    const named = await readServingLog(p, { features: ['a', 'b', 'c'] });
    assert.deepEqual(named.table.columns.map((c) => c.name), ['a', 'b', 'c']);
  });

  it('several inputs: [B] and [B,1] take the input name, [B,F] NAME_j; BYTES stay text', async () => {
    const p = file('b.jsonl', [line([
      { name: 'age', shape: [2], datatype: 'FP32', data: [30, 40] },
      { name: 'city', shape: [2, 1], datatype: 'BYTES', data: ['nice', 'oslo'] },
      { name: 'emb', shape: [2, 2], datatype: 'FP32', data: [0.1, 0.2, 0.3, 0.4] },
    ])]);
    const r = await readServingLog(p);
    assert.deepEqual(r.table.columns.map((c) => [c.name, c.kind]), [['age', 'number'], ['city', 'string'], ['emb_0', 'number'], ['emb_1', 'number']]);
  });

  it('skips failed, truncated and data-less requests and says why', async () => {
    const p = file('c.jsonl', [
      line([{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }]),
      line([{ name: 'x', shape: [1, 2], datatype: 'FP32' }], 500),
      line([{ name: 'x', shape: [9, 2], datatype: 'FP32', data: [1, 2], truncated: true }]),
      line([{ name: 'x', shape: [1, 2], datatype: 'FP32' }]),
    ]);
    const r = await readServingLog(p);
    assert.equal(r.table.nRows, 1);
    assert.equal(r.skippedLines, 3);
    assert.ok(r.skipReasons.some((s) => /--log-data full/.test(s)));
  });

  it('clear errors: nothing usable, wrong --features count, inconsistent shapes, not a log', async () => {
    const none = file('d.jsonl', [line([{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1], truncated: true }])]);
    await assert.rejects(readServingLog(none), (e: Error) => e instanceof DataError && /no usable requests.*--log-data full/.test(e.message));
    const ok = file('e.jsonl', [line([{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }])]);
    await assert.rejects(readServingLog(ok, { features: ['a'] }), /--features names 1 columns but the log's inputs hold 2/);
    const bad = file('f.jsonl', [line([{ name: 'x', shape: [2, 2], datatype: 'FP32', data: [1, 2, 3] }])]);
    await assert.rejects(readServingLog(bad), /3 values for shape \[2, 2\]/);
    const table = file('g.jsonl', [{ a: 1, b: 2 }]);
    assert.equal(await looksLikeServingLog(table), false);
  });
});
