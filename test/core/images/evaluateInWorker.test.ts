// The extension's path: an image evaluation inside the evaluate worker thread (sharp and onnxruntime load there too).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { evaluateInWorker } from '../../../src/core/evaluate/evaluateInWorker';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'images', 'fashion');

describe('evaluateInWorker on images', () => {
  it('returns the same result shape with the gallery', async () => {
    const r = await evaluateInWorker({ model: path.join(DIR, 'fashion.onnx'), data: path.join(DIR, 'folder'), bootstrap: 0 });
    assert.equal(r.n_rows, 24);
    assert.equal(r.images?.dataset_kind, 'folder');
    assert.equal(r.images?.preprocess.channels, 'gray');
    assert.ok((r.images?.gallery.mistakes.length ?? 0) > 0);
  });
});
