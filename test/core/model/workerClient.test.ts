import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { CancelledError, ModelError } from '../../../src/core/errors';
import { predictInWorker, workerScriptPath } from '../../../src/core/model/workerClient';
import { EXAMPLES, modelPath, readSimpleCsv, repeatRows } from './fixtures';

const dir = path.join(EXAMPLES, 'breast-cancer');
const table = readSimpleCsv(path.join(dir, 'test.csv'));
const features = table.columns.map((c) => c.name).filter((n) => n !== 'target');

test('under tsx the worker script is the .ts source', () => {
  assert.ok(workerScriptPath().endsWith(path.join('src', 'core', 'model', 'worker.ts')));
});

test('predicts in a worker thread and returns the card and a typed-array prediction', async () => {
  const fractions: number[] = [];
  const { card, prediction } = await predictInWorker(
    { modelPath: path.join(dir, 'model.onnx'), table, features, task: 'binary', batchSize: 50 },
    { onProgress: (f) => fractions.push(f) },
  );
  assert.equal(card.file_name, 'model.onnx');
  assert.ok(prediction.proba instanceof Float64Array);
  assert.equal(prediction.proba.length, table.nRows * 2);
  assert.deepEqual(prediction.classes, ['malignant', 'benign']);
  assert.equal(fractions.at(-1), 1);
  // The caller's table is copied, not transferred away.
  assert.equal((table.columns[0].values as Float64Array).length, table.nRows);
});

test('errors come back as the same error class', async () => {
  await assert.rejects(
    predictInWorker({ modelPath: modelPath('truncated'), table, features, task: 'binary' }),
    (e: Error) => e instanceof ModelError && /not a valid ONNX model/.test(e.message),
  );
});

test('abort terminates the worker within a second', async () => {
  const big = repeatRows(table, 400_000);
  const ac = new AbortController();
  let abortedAt = 0;
  const run = predictInWorker(
    { modelPath: path.join(dir, 'model.onnx'), table: big, features, task: 'binary', batchSize: 256 },
    { signal: ac.signal, onProgress: () => { if (!abortedAt) { abortedAt = performance.now(); ac.abort(); } } },
  );
  await assert.rejects(run, CancelledError);
  assert.ok(abortedAt > 0, 'progress was reported before the end');
  assert.ok(performance.now() - abortedAt < 1000);
});
