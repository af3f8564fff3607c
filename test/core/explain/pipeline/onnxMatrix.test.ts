// The explainers' matrix fast path loads models exactly as OnnxModel does (ZipMap rewritten to a
// tensor, class labels from the ZipMap), and predicts what scikit-learn predicted for the same
// rows (test/fixtures/models/make_fixtures.py); layouts it does not suit are left to OnnxModel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../../src/core/errors';
import { OnnxMatrixRunner } from '../../../../src/core/explain/pipeline/onnxMatrix';
import { OnnxModel } from '../../../../src/core/model/onnxRunner';
import { readSimpleCsv } from '../../model/fixtures';
import { BC } from './helpers';

const MODELS = path.join(__dirname, '..', '..', '..', 'fixtures', 'models');
const ref = JSON.parse(readFileSync(path.join(MODELS, 'zipmap_3class.json'), 'utf8')) as { x: number[][]; classes: string[]; proba: number[][] };

describe('OnnxMatrixRunner', () => {
  it('loads a ZipMap classifier like OnnxModel and matches scikit-learn in batches', async () => {
    const file = path.join(MODELS, 'zipmap_3class.onnx');
    const runner = await OnnxMatrixRunner.open(file, 4);
    assert.ok(runner, 'a single [N, 4] float input suits the fast path');
    const model = await OnnxModel.load(file);
    try {
      assert.deepEqual(runner.card, model.card);
      assert.deepEqual(runner.runtimeOutputs, model.runtimeOutputs);
      assert.deepEqual(runner.card.class_labels, ref.classes);
      const x = Float64Array.from(ref.x.flat());
      const p = await runner.predict(x, ref.x.length, 4, { task: 'multiclass', batchSize: 5 });
      assert.equal(p.nClasses, 3);
      ref.proba.flat().forEach((q, i) => assert.ok(Math.abs(p.proba![i] - q) < 1e-6, `value ${i}: ${p.proba![i]} vs ${q}`));
    } finally {
      await runner.dispose();
      await model.dispose();
    }
  });

  it('declines layouts it does not suit: several inputs, a fixed batch, another width', async () => {
    assert.equal(await OnnxMatrixRunner.open(path.join(MODELS, 'multi_input.onnx'), 3), undefined);
    assert.equal(await OnnxMatrixRunner.open(path.join(MODELS, 'batch1.onnx'), 4), undefined);
    assert.equal(await OnnxMatrixRunner.open(path.join(MODELS, 'zipmap_3class.onnx'), 5), undefined);
  });

  it('predicts the breast-cancer rows bit for bit as OnnxModel.predict does, in uneven batches; stops on abort', async () => {
    const table = readSimpleCsv(BC.data);
    const features = table.columns.map((c) => c.name).filter((n) => n !== 'target');
    const cols = features.map((f) => table.columns.find((c) => c.name === f)!.values as Float64Array);
    const x = Float64Array.from({ length: table.nRows * features.length }, (_, i) => cols[i % features.length][Math.floor(i / features.length)]);
    const runner = (await OnnxMatrixRunner.open(BC.model, features.length))!;
    const model = await OnnxModel.load(BC.model);
    try {
      const fast = await runner.predict(x, table.nRows, features.length, { task: 'binary', batchSize: 7 });
      const slow = await model.predict(table, features, { task: 'binary', batchSize: 11 });
      assert.deepEqual([fast.kind, fast.classes, fast.nRows], [slow.kind, slow.classes, slow.nRows]);
      assert.deepEqual(fast.proba, slow.proba);
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(runner.predict(x, table.nRows, features.length, { task: 'binary', batchSize: 7, signal: ac.signal }), CancelledError);
    } finally {
      await runner.dispose();
      await model.dispose();
    }
  });
});
