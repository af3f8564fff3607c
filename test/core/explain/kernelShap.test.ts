import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CancelledError } from '../../../src/core/errors';
import { exactShapley } from '../../../src/core/explain/exactShapley';
import { kernelShap, kmeansSummary, sampleRows } from '../../../src/core/explain/kernelShap';
import { selectRows, type Matrix } from '../../../src/core/explain/matrix';
import type { ExplainableModel } from '../../../src/core/explain/types';
import { OnnxModel } from '../../../src/core/model/onnxRunner';
import { expected, modelPath, tableFromRows } from '../model/fixtures';
import { fnModel, maxAbsDiff, randomMatrix } from './helpers';

/** Nonlinear with interactions, defined for any M ≥ 4. */
function nonlinear(x: Float64Array): number {
  let v = x[0] * x[1] + Math.sin(x[2]) + x[3] * x[3] * x[0];
  for (let j = 4; j < x.length; j++) v += Math.tanh(x[j] * x[j - 1]) + 0.3 * x[j] * x[(j + 2) % x.length];
  return v;
}

function efficiencyGap(r: { base_values: number[]; values: number[][]; outputs: number[] }): number {
  let g = 0;
  r.values.forEach((v, i) => (g = Math.max(g, Math.abs(r.base_values[i] + v.reduce((s, a) => s + a, 0) - r.outputs[i]))));
  return g;
}

test('full enumeration equals brute-force exact Shapley values (M = 4..8)', async () => {
  for (let m = 4; m <= 8; m++) {
    const model = fnModel(m, nonlinear);
    const data = randomMatrix(40, m, m);
    const background = sampleRows(data, 12, 1);
    const xs = selectRows(data, [0, 5, 9]);
    const ks = await kernelShap(model, xs, { background });
    const ex = await exactShapley(model, xs, { background });
    assert.equal(ks.method, 'kernel-shap');
    assert.ok(maxAbsDiff(ks.values.flat(), ex.values.flat()) < 1e-9, `M=${m}: ${maxAbsDiff(ks.values.flat(), ex.values.flat())}`);
    assert.ok(efficiencyGap(ex) < 1e-9);
    assert.ok(efficiencyGap(ks) < 1e-9);
  }
});

test('weighted background (k-means summary) also matches exact values', async () => {
  const m = 6;
  const model = fnModel(m, nonlinear);
  const data = randomMatrix(200, m, 3);
  const background = kmeansSummary(data, 8, 2);
  assert.ok(Math.abs(background.weights.reduce((s, w) => s + w, 0) - 1) < 1e-12);
  const xs = selectRows(data, [1, 2]);
  const ks = await kernelShap(model, xs, { background });
  const ex = await exactShapley(model, xs, { background });
  assert.ok(maxAbsDiff(ks.values.flat(), ex.values.flat()) < 1e-9);
});

test('linear model: φ_i = w_i (x_i − E[b_i]) exactly, enumerated and sampled', async () => {
  for (const m of [5, 20]) {
    const w = Array.from({ length: m }, (_, j) => (j % 3) - 1 + 0.25 * j);
    const model = fnModel(m, (x) => x.reduce((s, v, j) => s + w[j] * v, 0.5));
    const data = randomMatrix(30, m, 7);
    const background = sampleRows(data, 10, 0);
    const mean = Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let i = 0; i < background.nRows; i++) s += background.data[i * m + j];
      return s / background.nRows;
    });
    const xs = selectRows(data, [3, 4]);
    const r = await kernelShap(model, xs, { background, budget: m === 20 ? 300 : undefined });
    for (let i = 0; i < 2; i++) {
      const want = w.map((wj, j) => wj * (xs.data[i * m + j] - mean[j]));
      assert.ok(maxAbsDiff(r.values[i], want) < 1e-9, `M=${m}`);
    }
  }
});

test('sampled KernelSHAP keeps efficiency exactly (M = 16) and approaches exact values (M = 10)', async () => {
  const m16 = fnModel(16, nonlinear);
  const d16 = randomMatrix(50, 16, 11);
  const r16 = await kernelShap(m16, selectRows(d16, [0, 1, 2]), { background: sampleRows(d16, 10, 0), seed: 4 });
  assert.ok(efficiencyGap(r16) < 1e-4);

  const m10 = fnModel(10, nonlinear);
  const d10 = randomMatrix(50, 10, 12);
  const background = sampleRows(d10, 10, 0);
  const xs = selectRows(d10, [0, 1]);
  const ex = await exactShapley(m10, xs, { background });
  const ks = await kernelShap(m10, xs, { background, budget: 600, seed: 1 });
  assert.ok(efficiencyGap(ks) < 1e-9);
  const scale = Math.max(...ex.values.flat().map(Math.abs));
  const err = maxAbsDiff(ks.values.flat(), ex.values.flat());
  assert.ok(err < 0.05 * scale, `error ${err} vs scale ${scale}`);
  // Same seed, same numbers; the exact path is seed-independent.
  const again = await kernelShap(m10, xs, { background, budget: 600, seed: 1 });
  assert.deepEqual(again.values, ks.values);
});

test('batches coalition evaluations into few model calls', async () => {
  const model = fnModel(8, nonlinear);
  const data = randomMatrix(30, 8, 5);
  await kernelShap(model, selectRows(data, [0, 1, 2, 3]), { background: sampleRows(data, 20, 0) });
  // 4 rows × 254 coalitions × 20 background rows = 20 320 rows: one call, plus f(x) and E[f].
  assert.equal(model.calls, 3);
});

const onnx: OnnxModel[] = [];
after(async () => Promise.all(onnx.map((m) => m.dispose())));

test('ONNX multiclass softmax model (5 features): KernelSHAP equals exact Shapley values', async () => {
  const fx = expected<{ features: string[]; x: number[][] }>('multiclass_softmax');
  const session = await OnnxModel.load(modelPath('multiclass_softmax'));
  onnx.push(session);
  const m = fx.features.length;
  const model: ExplainableModel = {
    featureNames: fx.features,
    outputNames: ['c0', 'c1', 'c2'],
    predict: async (x: Float64Array, n: number) => {
      const rows = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * m, (i + 1) * m)));
      return (await session.predict(tableFromRows(fx.features, rows), fx.features, { task: 'multiclass' })).proba!;
    },
  };
  const data: Matrix = { data: Float64Array.from(fx.x.flat()), nRows: fx.x.length, nCols: m };
  const background = sampleRows(data, 10, 0);
  const xs = selectRows(data, [0, 1, 2]);
  for (const output of [0, 2]) {
    const ks = await kernelShap(model, xs, { background, output, space: 'probability' });
    const ex = await exactShapley(model, xs, { background, output, space: 'probability' });
    assert.equal(ks.class, output === 0 ? 'c0' : 'c2');
    assert.ok(maxAbsDiff(ks.values.flat(), ex.values.flat()) < 1e-9);
    assert.ok(efficiencyGap(ks) < 1e-9);
  }
});

test('cancellation: an aborted signal stops KernelSHAP with CancelledError', async () => {
  const ac = new AbortController();
  const model = fnModel(8, nonlinear);
  const predict = model.predict;
  model.predict = async (x, n, signal) => {
    if (n > 1000) ac.abort();
    return predict(x, n, signal);
  };
  const data = randomMatrix(30, 8, 5);
  await assert.rejects(kernelShap(model, selectRows(data, [0, 1, 2, 3]), { background: sampleRows(data, 20, 0), chunkRows: 2000, signal: ac.signal }), CancelledError);
});

test('k-means summary: seeded, weights are cluster shares, centroids snap to data values', () => {
  const data = randomMatrix(300, 3, 8);
  for (let i = 0; i < 300; i++) data.data[i * 3 + 2] = i % 3; // an integer-coded feature
  const a = kmeansSummary(data, 5, 1);
  assert.deepEqual(a, kmeansSummary(data, 5, 1));
  assert.equal(a.nRows, 5);
  assert.ok(Math.abs(a.weights.reduce((s, w) => s + w, 0) - 1) < 1e-12);
  for (let c = 0; c < 5; c++) assert.ok([0, 1, 2].includes(a.data[c * 3 + 2]));
  assert.equal(kmeansSummary(data, 1000, 1).nRows, 300);
});
