import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { Table } from '../../../src/core/data/table';
import { CancelledError, ModelError } from '../../../src/core/errors';
import { OnnxModel } from '../../../src/core/model/onnxRunner';
import { EXAMPLES, expected, maxAbsDiff, modelPath, readSimpleCsv, repeatRows, tableFromRows } from './fixtures';

interface Fx { features: string[]; x: number[][]; proba?: number[][]; p_positive?: number[]; values?: number[] }
const models: OnnxModel[] = [];
after(async () => Promise.all(models.map((m) => m.dispose())));
async function load(name: string): Promise<OnnxModel> {
  const m = await OnnxModel.load(name.endsWith('.onnx') ? name : modelPath(name));
  models.push(m);
  return m;
}

test('binary [N,1] logits are sigmoided into [1-p, p]', async () => {
  const fx = expected<Fx>('binary_logits');
  const p = await (await load('binary_logits')).predict(tableFromRows(fx.features, fx.x), fx.features, { task: 'binary' });
  assert.equal(p.kind, 'logits');
  assert.equal(p.nClasses, 2);
  const pos = Array.from({ length: fx.x.length }, (_, r) => p.proba![2 * r + 1]);
  assert.ok(maxAbsDiff(pos, fx.p_positive!) < 1e-5);
});

test('multiclass logits are softmaxed; softmax outputs are read as probabilities', async () => {
  const lg = expected<Fx>('multiclass_logits');
  const a = await (await load('multiclass_logits')).predict(tableFromRows(lg.features, lg.x), lg.features, { task: 'multiclass' });
  assert.equal(a.kind, 'logits');
  assert.ok(maxAbsDiff(a.proba!, lg.proba!.flat()) < 1e-5);
  const sm = expected<Fx>('multiclass_softmax');
  const b = await (await load('multiclass_softmax')).predict(tableFromRows(sm.features, sm.x), sm.features, { task: 'multiclass' });
  assert.equal(b.kind, 'probabilities');
  assert.ok(maxAbsDiff(b.proba!, sm.proba!.flat()) < 1e-6);
});

test('regression values, in small batches', async () => {
  const fx = expected<Fx>('regression');
  const p = await (await load('regression')).predict(tableFromRows(fx.features, fx.x), fx.features, { task: 'regression', batchSize: 5 });
  assert.equal(p.kind, 'values');
  assert.ok(maxAbsDiff(p.values!, fx.values!) < 1e-5);
});

test('a fixed batch-1 model runs row by row', async () => {
  const fx = expected<Fx>('batch1');
  const p = await (await load('batch1')).predict(tableFromRows(fx.features, fx.x), fx.features, { task: 'binary' });
  assert.equal(p.nRows, fx.x.length);
  assert.ok(maxAbsDiff(p.proba!, fx.proba!.flat()) < 1e-6);
});

test('per-column inputs, including a string input, are matched by name', async () => {
  const fx = expected<{ columns: { age: number[]; income: number[]; city: string[] }; p: number[] }>('multi_input');
  const table: Table = {
    nRows: fx.p.length,
    columns: [
      { name: 'city', kind: 'string', values: fx.columns.city },
      { name: 'income', kind: 'number', values: Float64Array.from(fx.columns.income) },
      { name: 'age', kind: 'number', values: Float64Array.from(fx.columns.age) },
    ],
  };
  const p = await (await load('multi_input')).predict(table, ['city', 'income', 'age'], { task: 'binary' });
  assert.equal(p.kind, 'probabilities');
  const pos = Array.from({ length: fx.p.length }, (_, r) => p.proba![2 * r + 1]);
  assert.ok(maxAbsDiff(pos, fx.p) < 1e-5, `max diff ${maxAbsDiff(pos, fx.p)}`);
});

test('the breast-cancer example: class labels from metadata, accurate predictions', async () => {
  const dir = path.join(EXAMPLES, 'breast-cancer');
  const table = readSimpleCsv(path.join(dir, 'test.csv'));
  const features = table.columns.map((c) => c.name).filter((n) => n !== 'target');
  const model = await load(path.join(dir, 'model.onnx'));
  const p = await model.predict(table, features, { task: 'binary' });
  assert.deepEqual(p.classes, ['malignant', 'benign']);
  const target = table.columns.find((c) => c.name === 'target')!.values as string[];
  let correct = 0;
  for (let r = 0; r < table.nRows; r++) correct += Number(p.classes![p.proba![2 * r + 1] > 0.5 ? 1 : 0] === target[r]);
  assert.ok(correct / table.nRows > 0.9);
});

test('too few features: ModelError with both numbers', async () => {
  const fx = expected<Fx>('binary_logits');
  const model = await load('binary_logits');
  await assert.rejects(model.predict(tableFromRows(fx.features, fx.x), fx.features.slice(0, 3), { task: 'binary' }),
    (e: Error) => e instanceof ModelError && /expects 4 features but 3 were given/.test(e.message));
});

test('an aborted signal stops between batches with CancelledError', async () => {
  const fx = expected<Fx>('regression');
  const table = repeatRows(tableFromRows(fx.features, fx.x), 2000);
  const ac = new AbortController();
  let batches = 0;
  await assert.rejects(
    (await load('regression')).predict(table, fx.features, {
      task: 'regression', batchSize: 100, signal: ac.signal,
      onProgress: () => { if (++batches === 2) ac.abort(); },
    }),
    CancelledError,
  );
  assert.equal(batches, 2);
});

test('the diabetes regression example predicts in the target units', async () => {
  const dir = path.join(EXAMPLES, 'diabetes-regression');
  const table = readSimpleCsv(path.join(dir, 'test.csv'));
  const features = table.columns.map((c) => c.name).filter((n) => n !== 'target');
  const p = await (await load(path.join(dir, 'model.onnx'))).predict(table, features, { task: 'regression' });
  const y = table.columns.find((c) => c.name === 'target')!.values as Float64Array;
  let sse = 0;
  for (let r = 0; r < y.length; r++) sse += (p.values![r] - y[r]) ** 2;
  assert.ok(Math.sqrt(sse / y.length) < 60);
});

test('fromFile loads a file already read, as load does (card, ZipMap-free outputs, the same predictions)', async () => {
  const { readModelFile } = await import('../../../src/core/onnx/modelFile');
  const dir = path.join(EXAMPLES, 'breast-cancer');
  const table = readSimpleCsv(path.join(dir, 'test.csv'));
  const features = table.columns.map((c) => c.name).filter((n) => n !== 'target');
  const a = await load(path.join(dir, 'model.onnx'));
  const b = await OnnxModel.fromFile(await readModelFile(path.join(dir, 'model.onnx')));
  models.push(b);
  assert.deepEqual(b.card, a.card);
  assert.deepEqual(b.runtimeOutputs, a.runtimeOutputs);
  assert.deepEqual(b.session.inputNames, a.session.inputNames);
  const pa = await a.predict(table, features, { task: 'binary' });
  const pb = await b.predict(table, features, { task: 'binary' });
  assert.deepEqual(pb.proba, pa.proba);
});

test('prepare rewrites a ZipMap classifier without a session; fromPrepared opens it as fromFile does', async () => {
  const { readModelFile } = await import('../../../src/core/onnx/modelFile');
  const file = await readModelFile(modelPath('zipmap_3class'));
  const prepared = OnnxModel.prepare(file);
  // The file declares a sequence of maps; the session will return the probability tensor.
  assert.ok(file.card.outputs.some((o) => o.type.includes('<')));
  assert.ok(prepared.runtimeOutputs.every((o) => !o.type.includes('<')));
  assert.deepEqual(prepared.card.class_labels, ['setosa', 'versicolor', 'virginica']);
  assert.notEqual(prepared.bytes, file.bytes);
  const a = await OnnxModel.fromPrepared(prepared);
  const b = await OnnxModel.fromFile(file);
  models.push(a, b);
  assert.deepEqual([a.card, a.runtimeOutputs], [b.card, b.runtimeOutputs]);
  assert.deepEqual(a.tensorOutput('multiclass'), b.tensorOutput('multiclass'));
  // A file without ZipMap is loaded from its own bytes.
  const plain = await readModelFile(modelPath('regression'));
  assert.equal(OnnxModel.prepare(plain).bytes, plain.bytes);
});
