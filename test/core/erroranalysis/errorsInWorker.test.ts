// The worker path returns what the in-process analysis returns and keeps error classes.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeErrors } from '../../../src/core/erroranalysis/analyze';
import { analyzeErrorsInWorker } from '../../../src/core/erroranalysis/errorsInWorker';
import { DataError } from '../../../src/core/errors';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'erroranalysis');
const opts = { model: path.join(DIR, 'linear.onnx'), data: path.join(DIR, 'planted.csv'), features: ['a', 'b', 'c'], analysisFeatures: ['a', 'region'] };

describe('analyzeErrorsInWorker', () => {
  it('returns what analyzeErrors returns', async () => {
    const messages: string[] = [];
    const [a, b] = await Promise.all([analyzeErrors(opts), analyzeErrorsInWorker(opts, { onProgress: (m) => messages.push(m) })]);
    assert.deepEqual(b.tree, a.tree);
    assert.deepEqual(b.slices, a.slices);
    assert.deepEqual(b.heatmap, a.heatmap);
    assert.ok(messages.includes('Growing the error tree'), messages.join(','));
  });

  it('rejects with the same error class', async () => {
    await assert.rejects(analyzeErrorsInWorker({ ...opts, label: 'nope' }), (e: unknown) => e instanceof DataError && /column 'nope' not found/.test(e.message));
  });
});
