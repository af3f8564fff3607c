import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, ModelError } from '../../../src/core/errors';
import { buildEnsemble, LEAF, predictMargin, SplitMode, type TreeEnsemble } from '../../../src/core/tree/ensemble';
import { interventionalTreeShap } from '../../../src/core/tree/interventionalTreeShap';
import { loadTreeModel } from '../../../src/core/tree/load';
import { pathTreeShap } from '../../../src/core/tree/pathTreeShap';
import { toAttributionResult, type TreeShapValues } from '../../../src/core/tree/shapResult';
import { assertClose, expected, fixturePath, matrix } from './fixtures';

const MODELS = [
  'sk_gb_regression.onnx', 'sk_gb_binary.onnx', 'sk_gb_multiclass.onnx', 'sk_rf_regression.onnx', 'sk_rf_binary.onnx', 'sk_rf_multiclass.onnx',
  'xgb_regression.json', 'xgb_binary.json', 'xgb_multiclass.json', 'lgb_regression.txt', 'lgb_binary.txt', 'lgb_multiclass.txt',
];
const stem = (file: string) => file.replace(/\.\w+$/, '');

/** max |base + Σφ − margin| over rows. */
function efficiencyGap(s: TreeShapValues, margins: Float64Array, nOut: number): number {
  let worst = 0;
  for (let r = 0; r < s.nRows; r++) {
    let sum = s.baseValue;
    for (let j = 0; j < s.nFeatures; j++) sum += s.values[r * s.nFeatures + j];
    worst = Math.max(worst, Math.abs(sum - s.outputs[r]), Math.abs(s.outputs[r] - margins[r * nOut + s.outputIndex]));
  }
  return worst;
}

test('interventional TreeSHAP equals brute force over all coalitions and adds up to the margin', async () => {
  for (const file of MODELS.filter((f) => !f.startsWith('lgb'))) {
    const e = await loadTreeModel(fixturePath(file));
    const fx = expected(stem(file));
    const n = fx.explain_rows.length;
    const x = matrix(fx.x.slice(0, n));
    const bg = matrix(fx.background!);
    const margins = predictMargin(e, x, n);
    for (let k = 0; k < e.nOutputs; k++) {
      const s = await interventionalTreeShap(e, x, n, bg, fx.background!.length, { outputIndex: k });
      assert.equal(s.method, 'tree-shap');
      assertClose(s.values, fx.interventional![k].flat(), 1e-6, `${file} output ${k}`);
      const bgMean = predictMargin(e, bg, fx.background!.length).filter((_, i) => i % e.nOutputs === k).reduce((a, b) => a + b, 0) / fx.background!.length;
      assert.ok(Math.abs(s.baseValue - bgMean) < 1e-12, `${file}: base value is the mean background margin`);
      assert.ok(efficiencyGap(s, margins, e.nOutputs) < 1e-9, `${file} output ${k}: efficiency`);
    }
  }
});

test('path-dependent TreeSHAP equals XGBoost pred_contribs, bias included (missing values in the rows)', async () => {
  for (const file of MODELS.filter((f) => f.startsWith('xgb'))) {
    const e = await loadTreeModel(fixturePath(file));
    const fx = expected(stem(file));
    const n = fx.x.length;
    const x = matrix(fx.x);
    const margins = predictMargin(e, x, n);
    for (let k = 0; k < e.nOutputs; k++) {
      const s = await pathTreeShap(e, x, n, { outputIndex: k });
      assert.equal(s.method, 'tree-shap-path');
      const contribs = fx.contribs![k];
      assertClose(s.values, contribs.map((row) => row.slice(0, -1)).flat(), 1e-5, `${file} output ${k} contributions`);
      for (const row of contribs) assert.ok(Math.abs(row[row.length - 1] - s.baseValue) < 1e-5, `${file}: bias ${row[row.length - 1]} vs ${s.baseValue}`);
      assert.ok(efficiencyGap(s, margins, e.nOutputs) < 1e-9, `${file} output ${k}: efficiency`);
    }
  }
});

test('path-dependent TreeSHAP equals brute-force Shapley values of the cover-weighted conditional expectation', async () => {
  for (const file of MODELS) {
    const e = await loadTreeModel(fixturePath(file));
    const fx = expected(stem(file));
    const n = fx.explain_rows.length;
    const x = matrix(fx.x.slice(0, n));
    for (let k = 0; k < e.nOutputs; k++) {
      const s = await pathTreeShap(e, x, n, { outputIndex: k });
      // ONNX stores float32 weights while the reference uses sklearn's float64 values; XGBoost's
      // reference differences of float32 values lose a few digits.
      const tol = file.endsWith('.onnx') ? 1e-6 : file.startsWith('xgb') ? 1e-7 : 1e-9;
      assertClose(s.values, fx.path[k].flat(), tol, `${file} output ${k}`);
      assert.ok(Math.abs(s.baseValue - fx.path_expected[k]) < (file.startsWith('xgb') ? 1e-5 : tol), `${file}: expected value`);
    }
  }
});

/** A depth-3 tree that splits on feature 0 twice and on feature 1, with covers. */
function repeatedFeatureTree(): TreeEnsemble {
  return buildEnsemble({ format: 'onnx', nFeatures: 3, nOutputs: 1, postTransform: 'NONE', float32Inputs: false, baseValues: [0.5] }, [{
    feature: [0, 1, 0, LEAF, LEAF, LEAF, 2, LEAF, LEAF],
    threshold: [0, 1, 2, 0, 0, 0, 0.5, 0, 0],
    left: [1, 3, 4, 0, 0, 0, 7, 0, 0],
    right: [2, 6, 5, 0, 0, 0, 8, 0, 0],
    missingLeft: [1, 0, 0, 0, 0, 0, 1, 0, 0],
    mode: SplitMode.LEQ,
    values: Float64Array.of(0, 0, 0, 1, 2, 3, 0, -4, 5),
    cover: [100, 60, 40, 30, 25, 15, 30, 10, 20],
  }], 'hand-made');
}

test('both variants on a hand-made tree: efficiency, a feature that never splits gets 0, NaN follows the missing side', async () => {
  const e = repeatedFeatureTree();
  const x = Float64Array.of(-1, 2, 0, 1, 0, 9, 3, Number.NaN, Number.NaN, Number.NaN, 5, 0.2);
  const margins = predictMargin(e, x, 4);
  const path = await pathTreeShap(e, x, 4);
  assert.ok(efficiencyGap(path, margins, 1) < 1e-12);
  const bg = Float64Array.of(0.5, 0.5, 0.5, -2, 3, 1, 2.5, 0, 0);
  const iv = await interventionalTreeShap(e, x, 4, bg, 3);
  assert.ok(efficiencyGap(iv, margins, 1) < 1e-12);
  // Row 1 goes left at the root and left at node 1 (x1 = 0 <= 1): feature 2 is never asked.
  assert.equal(iv.values[1 * 3 + 2], 0);
  // Path-dependent bias: Σ leaf value × cover / root cover.
  assert.ok(Math.abs(path.baseValue - (0.5 + (30 * 1 + 25 * 2 + 15 * 3 + 10 * -4 + 20 * 5) / 100)) < 1e-12);
});

test('results convert to the AttributionResult JSON shape', async () => {
  const e = await loadTreeModel(fixturePath('xgb_multiclass.json'));
  const fx = expected('xgb_multiclass');
  const x = matrix(fx.x.slice(0, 3));
  const s = await pathTreeShap(e, x, 3, { outputIndex: 2 });
  const a = toAttributionResult(e, s, x, { rows: [10, 11, 12] });
  assert.equal(a.method, 'tree-shap-path');
  assert.equal(a.class, '2');
  assert.equal(a.space, 'margin');
  assert.deepEqual(a.rows, [10, 11, 12]);
  assert.deepEqual(a.feature_names, fx.features);
  assert.equal(a.values.length, 3);
  assert.equal(a.values[0].length, 6);
  assert.equal(a.data[0][1], null, 'NaN becomes null');
  for (let r = 0; r < 3; r++) assert.ok(Math.abs(a.base_values[r] + a.values[r].reduce((p, v) => p + v, 0) - a.outputs[r]) < 1e-9);
  const lgb = await loadTreeModel(fixturePath('lgb_binary.txt'));
  const lx = matrix(expected('lgb_binary').x.slice(0, 2));
  const b = toAttributionResult(lgb, await pathTreeShap(lgb, lx, 2), lx);
  assert.equal(b.space, 'logit');
  assert.equal(b.class, '1');
});

test('errors: no covers, bad output index, bad shapes; cancellation between rows', async () => {
  const noCover = buildEnsemble({ format: 'onnx', nFeatures: 1, nOutputs: 1, postTransform: 'NONE', float32Inputs: false },
    [{ feature: [0, LEAF, LEAF], threshold: [0, 0, 0], left: [1, 0, 0], right: [2, 0, 0], missingLeft: [0, 0, 0], mode: SplitMode.LEQ, values: Float64Array.of(0, 1, 2) }], 't');
  await assert.rejects(pathTreeShap(noCover, Float64Array.of(1), 1), (err: unknown) => err instanceof ModelError && /no node covers.*interventional/.test(err.message));
  const e = await loadTreeModel(fixturePath('xgb_multiclass.json'));
  await assert.rejects(pathTreeShap(e, new Float64Array(6), 1, { outputIndex: 3 }), (err: unknown) => err instanceof ModelError && /out of range: the model has 3/.test(err.message));
  await assert.rejects(interventionalTreeShap(e, new Float64Array(6), 1, new Float64Array(5), 1), ModelError);

  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(pathTreeShap(e, new Float64Array(6), 1, { signal: aborted.signal }), CancelledError);
  // A long run cancelled from a timer: the explainer yields to the event loop, so the signal fires.
  const n = 200_000;
  const x = new Float64Array(n * 6).map((_, i) => ((i * 7919) % 1000) / 250 - 2);
  const ctl = new AbortController();
  setTimeout(() => ctl.abort(), 20);
  const t0 = performance.now();
  const progress: number[] = [];
  await assert.rejects(pathTreeShap(e, x, n, { signal: ctl.signal, onProgress: (f) => progress.push(f) }), CancelledError);
  assert.ok(performance.now() - t0 < 1000, 'cancelled within a second');
});
