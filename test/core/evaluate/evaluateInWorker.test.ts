// The worker path gives the same numbers as the in-process pipeline, keeps error classes, and
// cancels promptly.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { evaluate } from '../../../src/core/evaluate/evaluate';
import { evaluateInWorker } from '../../../src/core/evaluate/evaluateInWorker';
import { DataError } from '../../../src/core/errors';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'breast-cancer');
const opts = { model: path.join(EXAMPLE, 'model.onnx'), data: path.join(EXAMPLE, 'test.csv'), label: 'target', bootstrap: 100, seed: 1 };

describe('evaluateInWorker', () => {
  it('returns what evaluate returns', async () => {
    const messages: string[] = [];
    const [a, b] = await Promise.all([evaluate(opts), evaluateInWorker(opts, { onProgress: (m) => messages.push(m) })]);
    assert.deepEqual(b.metrics, a.metrics);
    assert.deepEqual(b.ci, a.ci);
    assert.deepEqual(b.confusion_matrix, a.confusion_matrix);
    assert.ok(messages.includes('Reading data'), messages.join(','));
  });

  it('rejects with the same error class', async () => {
    await assert.rejects(evaluateInWorker({ ...opts, label: 'nope' }), (e: unknown) => e instanceof DataError && /column 'nope' not found/.test(e.message));
  });

  it('cancels within a second', async () => {
    const controller = new AbortController();
    const run = evaluateInWorker({ ...opts, bootstrap: 1_000_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const start = Date.now();
    await assert.rejects(run, { name: 'CancelledError' });
    assert.ok(Date.now() - start < 1500, `took ${Date.now() - start} ms`);
  });
});
