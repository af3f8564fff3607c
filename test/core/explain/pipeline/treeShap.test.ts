// tree-shap through the pipeline on the tree fixtures (ONNX TreeEnsemble, XGBoost JSON, LightGBM
// text): brute-force interventional values, efficiency to 1e-6, class choice, path-dependent
// variant, and tree files under the model-agnostic methods.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/core/errors';
import { explain } from '../../../../src/core/explain/pipeline';
import type { AttributionResult, PermutationResult } from '../../../../src/core/explain/types';
import { efficiencyGap, tempDir, TREES, treeExpected, writeCsv } from './helpers';

const dir = tempDir();

/** Data and background CSVs of a fixture (the background file is used as-is, unweighted). */
function files(stem: string) {
  const fx = treeExpected(stem);
  return {
    fx,
    data: writeCsv(dir, `${stem}.csv`, fx.features, fx.x),
    background: { kind: 'file' as const, path: writeCsv(dir, `${stem}.bg.csv`, fx.features, fx.background) },
  };
}

function assertClose(actual: number[][], expected: number[][], tol: number, what: string) {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - expected[i][j]) <= tol, `${what} [${i}][${j}]: ${v} vs ${expected[i][j]}`)));
}

describe('tree-shap in the pipeline', () => {
  for (const [file, classIndex] of [['xgb_binary.json', 1], ['sk_gb_binary.onnx', 1], ['sk_rf_binary.onnx', 1], ['sk_rf_regression.onnx', 0], ['xgb_multiclass.json', 2], ['sk_gb_multiclass.onnx', 1]] as const) {
    it(`${file}: interventional values equal brute force; base + Σφ = margin (1e-6)`, async () => {
      const stem = file.replace(/\.\w+$/, '');
      const { fx, data, background } = files(stem);
      const probe = await explain({ model: path.join(TREES, file), data, method: 'tree-shap', rows: fx.explain_rows, background });
      const classes = probe.context.classes;
      const cls = classes ? classes[classIndex] : undefined;
      const { explanation, context } = await explain({ model: path.join(TREES, file), data, method: 'tree-shap', rows: fx.explain_rows, background, class: cls });
      const r = explanation as AttributionResult;
      assert.equal(r.method, 'tree-shap');
      assert.deepEqual(r.rows, fx.explain_rows);
      const k = fx.interventional.length === 1 ? 0 : classIndex;
      assertClose(r.values, fx.interventional[k], 1e-6, file);
      assert.ok(efficiencyGap(r) < 1e-6, `${file}: gap ${efficiencyGap(r)}`);
      assert.equal(context.background?.rows, fx.background.length);
    });
  }

  it('binary one-score model: class 0 is the complement of class 1', async () => {
    const { fx, data, background } = files('xgb_binary');
    const model = path.join(TREES, 'xgb_binary.json');
    const one = (await explain({ model, data, method: 'tree-shap', rows: fx.explain_rows, background })).explanation as AttributionResult;
    const zero = (await explain({ model, data, method: 'tree-shap', rows: fx.explain_rows, background, class: '0' })).explanation as AttributionResult;
    assert.equal(one.class, '1');
    assert.equal(zero.class, '0');
    assertClose(zero.values, one.values.map((r) => r.map((v) => -v)), 1e-12, 'negated');
    assert.ok(efficiencyGap(zero) < 1e-6);
  });

  it('path-dependent variant where covers exist; LightGBM text models', async () => {
    const { fx, data } = files('xgb_binary');
    const r = (await explain({ model: path.join(TREES, 'xgb_binary.json'), data, method: 'tree-shap', treeShap: 'path', rows: [0, 1, 2] })).explanation as AttributionResult;
    assert.equal(r.method, 'tree-shap-path');
    assert.ok(efficiencyGap(r) < 1e-6);
    const lgbData = writeCsv(dir, 'lgb.csv', fx.features, fx.x);
    for (const file of ['lgb_binary.txt', 'lgb_multiclass.txt', 'lgb_regression.txt']) {
      const res = await explain({ model: path.join(TREES, file), data: lgbData, method: 'tree-shap', background: { kind: 'sample', n: 5 } });
      assert.ok(efficiencyGap(res.explanation as AttributionResult) < 1e-6, file);
      assert.equal(res.context.model.format, 'lightgbm');
    }
  });

  it('kernel-shap on the margin of a tree file equals interventional tree-shap (all coalitions enumerated)', async () => {
    const { fx, data, background } = files('xgb_multiclass');
    const model = path.join(TREES, 'xgb_multiclass.json');
    const opts = { model, data, rows: fx.explain_rows, background, class: '1' };
    const tree = (await explain({ ...opts, method: 'tree-shap' })).explanation as AttributionResult;
    const kernel = (await explain({ ...opts, method: 'kernel-shap', space: 'margin' })).explanation as AttributionResult;
    assert.equal(kernel.space, 'margin');
    assertClose(kernel.values, tree.values, 1e-6, 'kernel vs tree');
  });

  it('ONNX tree ensembles: probabilities through onnxruntime, margins from the trees', async () => {
    const { fx, data, background } = files('sk_gb_binary');
    const model = path.join(TREES, 'sk_gb_binary.onnx');
    const lime = await explain({ model, data, method: 'lime', rows: [0], samples: 200 });
    assert.equal(lime.context.space, 'probability');
    const opts = { model, data, rows: fx.explain_rows, background };
    const tree = (await explain({ ...opts, method: 'tree-shap' })).explanation as AttributionResult;
    const kernel = (await explain({ ...opts, method: 'kernel-shap', space: 'margin' })).explanation as AttributionResult;
    assertClose(kernel.values, tree.values, 1e-6, 'kernel vs tree');
  });

  it('tree files work with the model-agnostic methods', async () => {
    const { data } = files('xgb_regression');
    const withLabel = writeCsv(dir, 'xgb_reg_label.csv', ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'y'], treeExpected('xgb_regression').x.map((r, i) => [...r.map((v) => v ?? 0), i / 3]));
    const perm = (await explain({ model: path.join(TREES, 'xgb_regression.json'), data: withLabel, label: 'y', method: 'permutation', repeats: 2 })).explanation as PermutationResult;
    assert.equal(perm.metric, 'r2');
    assert.equal(perm.importances.length, 6);
    const pdp = await explain({ model: path.join(TREES, 'xgb_regression.json'), data, method: 'pdp', featuresOfInterest: ['f0'] });
    assert.equal(pdp.context.space, 'value');
  });

  it('spaces TreeSHAP cannot explain exactly are refused', async () => {
    const { data } = files('sk_rf_binary');
    await assert.rejects(explain({ model: path.join(TREES, 'sk_rf_binary.onnx'), data, method: 'tree-shap', space: 'probability' }), (e: unknown) => e instanceof UsageError && /kernel-shap/.test(e.message));
    const xgb = files('xgb_binary');
    const r = await explain({ model: path.join(TREES, 'xgb_binary.json'), data: xgb.data, method: 'tree-shap', space: 'logit' });
    assert.equal((r.explanation as AttributionResult).space, 'logit');
  });
});
