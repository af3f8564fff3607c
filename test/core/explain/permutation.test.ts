import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError } from '../../../src/core/errors';
import { permutationImportance } from '../../../src/core/explain/permutation';
import { computeRegression } from '../../../src/core/metrics';
import { fnModel, randomMatrix } from './helpers';

const m = 4;
const X = randomMatrix(500, m, 21);
const f = (x: Float64Array): number => 3 * x[0] + x[1] * x[1];
const y = Float64Array.from({ length: X.nRows }, (_, i) => f(X.data.subarray(i * m, (i + 1) * m)));
const mse = (p: Float64Array): number => p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length;

test('unused features get zero importance; used ones rank by effect; X is restored', async () => {
  const before = Float64Array.from(X.data);
  const r = await permutationImportance(fnModel(m, f), X, { scorer: mse, metric: 'mse', greaterIsBetter: false, seed: 3 });
  assert.deepEqual(X.data, before);
  assert.equal(r.baseline, 0);
  assert.deepEqual(r.importances.slice(0, 2).map((i) => i.feature), ['x0', 'x1']);
  assert.ok(r.importances[0].mean > 10 && r.importances[1].mean > 1);
  for (const unused of r.importances.slice(2)) {
    assert.equal(unused.mean, 0);
    assert.equal(unused.std, 0);
  }
  assert.equal(r.importances[0].values.length, 5);
  // For a score (greater is better) the sign flips so bigger is still more important.
  const r2 = await permutationImportance(fnModel(m, f), X, { scorer: (p) => -mse(p), metric: 'neg_mse', greaterIsBetter: true, seed: 3 });
  assert.deepEqual(r2.importances.map((i) => i.mean), r.importances.map((i) => i.mean));
});

test('same seed, same numbers; stacked repeats equal in-place permutation', async () => {
  const opts = { scorer: mse, metric: 'mse', greaterIsBetter: false, seed: 9, nRepeats: 4 };
  const a = await permutationImportance(fnModel(m, f), X, opts);
  const b = await permutationImportance(fnModel(m, f), X, opts);
  assert.deepEqual(a, b);
  const model = fnModel(m, f);
  const c = await permutationImportance(model, X, { ...opts, chunkRows: 100 });
  assert.deepEqual(c, a);
  assert.equal(model.calls, 1 + 4 * m);
  const stacked = fnModel(m, f);
  await permutationImportance(stacked, X, opts);
  assert.equal(stacked.calls, 1 + m);
  const other = await permutationImportance(fnModel(m, f), X, { ...opts, seed: 10 });
  assert.notDeepEqual(other.importances[0].values, a.importances[0].values);
});

test('feature groups are permuted together and reported by name', async () => {
  const r = await permutationImportance(fnModel(m, f), X, {
    scorer: mse,
    metric: 'mse',
    greaterIsBetter: false,
    groups: [{ name: 'used', features: [0, 1] }, { name: 'unused', features: [2, 3] }],
  });
  assert.deepEqual(r.importances.map((i) => i.feature), ['used', 'unused']);
  assert.equal(r.importances[1].mean, 0);
  assert.ok(r.importances[0].mean > 15);
});

test('works with the metrics module scorer; cancellation restores X', async () => {
  const r2 = (p: Float64Array): number => computeRegression({ y, yhat: p, seed: 0 }).metrics.r2;
  const r = await permutationImportance(fnModel(m, f), X, { scorer: r2, metric: 'r2', greaterIsBetter: true, nRepeats: 2 });
  assert.equal(r.baseline, 1);
  assert.ok(r.importances[0].mean > 0.5);
  const before = Float64Array.from(X.data);
  const ac = new AbortController();
  const model = fnModel(m, f);
  let calls = 0;
  const predict = model.predict;
  model.predict = async (x, n, signal) => {
    if (++calls === 3) ac.abort();
    return predict(x, n, signal);
  };
  await assert.rejects(permutationImportance(model, X, { scorer: mse, metric: 'mse', greaterIsBetter: false, chunkRows: 10, signal: ac.signal }), CancelledError);
  assert.deepEqual(X.data, before);
});
