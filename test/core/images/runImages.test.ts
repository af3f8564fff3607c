// onnxruntime on decoded PNGs against torch's own probabilities for the same images (expected.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/errors';
import { loadImageSession, runImages } from '../../../src/core/images/runImages';
import { resolvePreprocess } from '../../../src/core/images/spec';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'images', 'fashion');
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as { paths: string[]; proba: number[][] };

describe('runImages', () => {
  for (const [batchSize, decodeWorkers] of [[1, 0], [5, 0], [64, 0], [5, 2], [1, 1]]) {
    it(`matches torch's probabilities (batch ${batchSize}, ${decodeWorkers} decode workers)`, async () => {
      const s = await loadImageSession(path.join(DIR, 'fashion.onnx'));
      try {
        const { spec } = resolvePreprocess(s.input);
        const raw = await runImages(s, expected.paths.map((p) => path.join(DIR, p)), spec, { batchSize, decodeWorkers });
        assert.equal(raw.nRows, 24);
        assert.equal(raw.nCols, 3);
        for (let i = 0; i < 24; i++) for (let j = 0; j < 3; j++) {
          assert.ok(Math.abs(raw.numbers![i * 3 + j] - expected.proba[i][j]) < 1e-5, `image ${i} class ${j}`);
        }
      } finally {
        await s.session.release();
      }
    });
  }
  it('stops when aborted, before or during a run with decode workers', async () => {
    const s = await loadImageSession(path.join(DIR, 'fashion.onnx'));
    try {
      const { spec } = resolvePreprocess(s.input);
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(runImages(s, expected.paths.map((p) => path.join(DIR, p)), spec, { batchSize: 4, signal: ac.signal }), CancelledError);
      const during = new AbortController();
      const run = runImages(s, expected.paths.map((p) => path.join(DIR, p)), spec, { batchSize: 2, decodeWorkers: 2, signal: during.signal, onProgress: (f) => f >= 0.25 && during.abort() });
      await assert.rejects(run, CancelledError);
    } finally {
      await s.session.release();
    }
  });
});
