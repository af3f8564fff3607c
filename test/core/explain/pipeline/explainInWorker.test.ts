// The worker path gives the same numbers as the in-process pipeline, keeps error classes, reports
// progress and cancels within a second.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/core/errors';
import { explainInWorker } from '../../../../src/core/explain/explainInWorker';
import { explain } from '../../../../src/core/explain/pipeline';
import { BC } from './helpers';

describe('explainInWorker', () => {
  it('returns what explain returns', async () => {
    const opts = { ...BC, method: 'kernel-shap' as const, rows: [0, 1], background: { kind: 'sample' as const, n: 10 }, samples: 200, seed: 4 };
    const messages: string[] = [];
    const [a, b] = await Promise.all([explain(opts), explainInWorker(opts, { onProgress: (m) => messages.push(m) })]);
    assert.deepEqual(b.explanation, a.explanation);
    assert.deepEqual({ ...b.context, elapsed_ms: 0, created: '' }, { ...a.context, elapsed_ms: 0, created: '' });
    assert.ok(messages.includes('Reading data'), messages.join(','));
  });

  it('rejects with the same error class', async () => {
    await assert.rejects(explainInWorker({ ...BC, method: 'tree-shap' }), (e: unknown) => e instanceof UsageError && /tree ensemble/.test(e.message));
  });

  it('cancels within a second', async () => {
    const controller = new AbortController();
    const run = explainInWorker({ ...BC, method: 'kernel-shap', rows: Array.from({ length: 171 }, (_, i) => i), samples: 100_000 }, { signal: controller.signal });
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort();
    }, 500);
    await assert.rejects(run, { name: 'CancelledError' });
    assert.ok(abortedAt > 0 && Date.now() - abortedAt < 1000, `took ${Date.now() - abortedAt} ms after the abort`);
  });
});
