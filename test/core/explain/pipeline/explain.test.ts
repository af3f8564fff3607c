// The explain pipeline on the breast-cancer example and the ONNX fixtures: every method's result
// shape, determinism under a seed, KernelSHAP efficiency, spaces, classes and the errors users see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DataError, UsageError } from '../../../../src/core/errors';
import { explain } from '../../../../src/core/explain/pipeline';
import type { AleSetResult, PdpSetResult } from '../../../../src/core/explain/pipeline';
import type { AnchorsResult, AttributionResult, LimeResult, PermutationResult } from '../../../../src/core/explain/types';
import { BC, FIXTURES, efficiencyGap } from './helpers';

const BC_FEATURES = readFileSync(BC.data, 'utf8').split('\n')[0].split(',').filter((c) => c !== 'target');
const logit = (p: number) => Math.log(p / (1 - p));

describe('explain on the breast-cancer example', () => {
  it('kernel-shap: shape, efficiency (1e-4), same seed same numbers', async () => {
    const opts = { ...BC, method: 'kernel-shap' as const, rows: [0, 5, 9], background: { kind: 'sample' as const, n: 20 }, samples: 300, seed: 3 };
    const a = await explain(opts);
    const r = a.explanation as AttributionResult;
    assert.equal(r.method, 'kernel-shap');
    assert.equal(r.feature_names.length, 30);
    assert.deepEqual(r.rows, [0, 5, 9]);
    assert.equal(r.class, 'benign');
    assert.equal(r.space, 'probability');
    assert.equal(r.values.length, 3);
    assert.ok(r.values.every((v) => v.length === 30));
    assert.ok(efficiencyGap(r) < 1e-4, `gap ${efficiencyGap(r)}`);
    assert.equal(a.context.background?.rows, 20);
    assert.deepEqual(a.context.classes, ['malignant', 'benign']);
    assert.equal(a.context.data.label, 'target');
    assert.ok(a.context.notes.some((n) => /class 'benign'/.test(n)));
    const b = await explain(opts);
    assert.deepEqual(b.explanation, a.explanation);
  });

  it('kernel-shap in logit space for the other class, with a k-means background', async () => {
    const { explanation, context } = await explain({ ...BC, method: 'kernel-shap', rows: [1, 2], class: 'malignant', space: 'logit', background: { kind: 'kmeans', k: 5 }, samples: 200 });
    const r = explanation as AttributionResult;
    assert.equal(r.class, 'malignant');
    assert.equal(r.space, 'logit');
    assert.ok(efficiencyGap(r) < 1e-4);
    assert.equal(context.background?.kind, 'kmeans');
    const p = await explain({ ...BC, method: 'kernel-shap', rows: [1, 2], class: 'malignant', background: { kind: 'kmeans', k: 5 }, samples: 200 });
    const probs = (p.explanation as AttributionResult).outputs;
    r.outputs.forEach((o, i) => assert.ok(Math.abs(o - logit(Math.min(1 - 1e-12, Math.max(1e-12, probs[i])))) < 1e-9));
  });

  it('permutation: roc_auc by default, any metric by name, deterministic', async () => {
    const a = await explain({ ...BC, method: 'permutation', label: 'target', repeats: 2, seed: 1 });
    const r = a.explanation as PermutationResult;
    assert.equal(r.metric, 'roc_auc');
    assert.equal(r.n_repeats, 2);
    assert.equal(r.importances.length, 30);
    assert.ok(r.importances.every((i) => i.values.length === 2 && typeof i.std === 'number'));
    for (let i = 1; i < r.importances.length; i++) assert.ok(r.importances[i - 1].mean >= r.importances[i].mean);
    assert.deepEqual((await explain({ ...BC, method: 'permutation', label: 'target', repeats: 2, seed: 1 })).explanation, r);
    const ll = (await explain({ ...BC, method: 'permutation', label: 'target', repeats: 1, metric: 'log_loss' })).explanation as PermutationResult;
    assert.equal(ll.metric, 'log_loss');
    await assert.rejects(explain({ ...BC, method: 'permutation', label: 'target', metric: 'nope' }), (e: unknown) => e instanceof UsageError && /roc_auc/.test(e.message));
  });

  it('lime and anchors explain the selected rows', async () => {
    const lime = (await explain({ ...BC, method: 'lime', rows: [0, 1], samples: 500, seed: 2 })).explanation as LimeResult;
    assert.deepEqual(lime.rows, [0, 1]);
    assert.equal(lime.weights.length, 2);
    assert.equal(lime.weights[0].length, 30);
    assert.equal(lime.intercept.length, 2);
    assert.equal(lime.score.length, 2);
    assert.deepEqual((await explain({ ...BC, method: 'lime', rows: [0, 1], samples: 500, seed: 2 })).explanation, lime);
    const anchors = (await explain({ ...BC, method: 'anchors', rows: [3], samples: 300 })).explanation as AnchorsResult;
    assert.equal(anchors.anchors.length, 1);
    const a = anchors.anchors[0];
    assert.equal(a.row, 3);
    assert.ok(Array.isArray(a.rule) && a.precision >= 0 && a.precision <= 1 && a.coverage >= 0 && a.coverage <= 1);
    assert.ok(['malignant', 'benign'].includes(a.prediction));
  });

  it('pdp (1-D with ICE and 2-D) and ale', async () => {
    const pdp = (await explain({ ...BC, method: 'pdp', featuresOfInterest: ['worst_radius', 'worst_radius:mean_texture'], grid: 8 })).explanation as PdpSetResult;
    assert.equal(pdp.results.length, 2);
    assert.deepEqual(pdp.results[0].features, ['worst_radius']);
    assert.equal(pdp.results[0].average.length, pdp.results[0].grid[0].length);
    assert.ok(pdp.results[0].ice && pdp.results[0].ice.length > 0);
    assert.equal(pdp.results[1].average.length, pdp.results[1].grid[0].length * pdp.results[1].grid[1].length);
    const ale = await explain({ ...BC, method: 'ale' });
    const r = ale.explanation as AleSetResult;
    assert.equal(r.results.length, 3);
    assert.ok(ale.context.notes.some((n) => /Features of interest/.test(n)));
    assert.equal(r.results[0].edges.length, r.results[0].effect.length);
    await assert.rejects(explain({ ...BC, method: 'ale', featuresOfInterest: ['a:b'] }), UsageError);
    await assert.rejects(explain({ ...BC, method: 'pdp', featuresOfInterest: ['nope'] }), (e: unknown) => e instanceof UsageError && /'nope' is not a feature/.test(e.message));
  });

  it('errors a user can act on', async () => {
    await assert.rejects(explain({ ...BC, method: 'tree-shap' }), (e: unknown) => e instanceof UsageError && /kernel-shap/.test(e.message) && /tree ensemble/.test(e.message));
    await assert.rejects(explain({ ...BC, method: 'kernel-shap', rows: [171] }), (e: unknown) => e instanceof UsageError && /171 rows, numbered 0 to 170/.test(e.message));
    await assert.rejects(explain({ ...BC, method: 'kernel-shap', class: 'nope' }), (e: unknown) => e instanceof UsageError && /malignant, benign/.test(e.message));
    await assert.rejects(explain({ ...BC, method: 'permutation', features: BC_FEATURES }), (e: unknown) => e instanceof UsageError && /--label/.test(e.message));
    await assert.rejects(explain({ ...BC, method: 'kernel-shap', label: 'nope' }), DataError);
    await assert.rejects(explain({ ...BC, method: 'lime', space: 'margin' }), (e: unknown) => e instanceof UsageError && /margin/.test(e.message));
    await assert.rejects(explain({ ...BC, method: 'bogus' as never }), UsageError);
  });
});

describe('explain on the ONNX fixtures', () => {
  const evalData = (f: string) => path.join(FIXTURES, 'evaluate', f);
  const model = (f: string) => path.join(FIXTURES, 'models', f);

  it('binary logits model: labels from the data, class named by them', async () => {
    const { explanation, context } = await explain({ model: model('binary_logits.onnx'), data: evalData('binary_logits.csv'), label: 'target', features: ['f0', 'f1', 'f2', 'f3'], method: 'kernel-shap', rows: [0, 1, 2] });
    const r = explanation as AttributionResult;
    assert.equal(context.task, 'binary');
    assert.equal(r.feature_names.length, 4);
    assert.ok(efficiencyGap(r) < 1e-4);
  });

  it('multiclass softmax: first class by default, any class by name', async () => {
    const base = { model: model('multiclass_softmax.onnx'), data: evalData('multiclass_softmax.csv'), label: 'label', method: 'kernel-shap' as const, rows: [0, 1] };
    const a = await explain(base);
    assert.equal(a.context.task, 'multiclass');
    assert.equal((a.explanation as AttributionResult).class, a.context.classes![0]);
    const b = await explain({ ...base, class: a.context.classes![2] });
    assert.ok(efficiencyGap(b.explanation as AttributionResult) < 1e-4);
    const perm = (await explain({ ...base, method: 'permutation', repeats: 2 })).explanation as PermutationResult;
    assert.equal(perm.metric, 'accuracy');
  });

  it('regression: explained in value space, r2 for permutation, no anchors', async () => {
    const base = { model: model('regression.onnx'), data: evalData('regression.csv'), label: 'y' };
    const k = await explain({ ...base, method: 'kernel-shap' });
    const r = k.explanation as AttributionResult;
    assert.equal(k.context.task, 'regression');
    assert.equal(r.space, 'value');
    assert.equal(r.class, 'y');
    assert.equal(r.rows.length, 10);
    assert.ok(efficiencyGap(r) < 1e-4);
    assert.equal(((await explain({ ...base, method: 'permutation' })).explanation as PermutationResult).metric, 'r2');
    await assert.rejects(explain({ ...base, method: 'anchors' }), (e: unknown) => e instanceof UsageError && /classifiers/.test(e.message));
    await assert.rejects(explain({ ...base, method: 'kernel-shap', class: 'x' }), UsageError);
  });

  it('a fixed batch-size model goes through the table path', async () => {
    const { explanation } = await explain({ model: model('batch1.onnx'), data: evalData('binary_logits.csv'), label: 'target', features: ['f0', 'f1', 'f2', 'f3'], method: 'kernel-shap', rows: [0, 1], background: { kind: 'sample', n: 5 } });
    assert.ok(efficiencyGap(explanation as AttributionResult) < 1e-4);
  });

  it('zipmap classifier with string classes', async () => {
    const { explanation, context } = await explain({ model: model('zipmap_3class.onnx'), data: evalData('zipmap_3class.csv'), label: 'species', method: 'lime', rows: [0], samples: 300 });
    assert.deepEqual(context.classes, ['setosa', 'versicolor', 'virginica']);
    assert.equal((explanation as LimeResult).class, 'setosa');
  });
});

describe('ONNX feeding', () => {
  it('the direct matrix feed predicts what the table path predicts', async () => {
    const { loadExplainData, openOnnxSource } = await import('../../../../src/core/explain/pipeline');
    const data = await loadExplainData({ path: BC.data }, []);
    const probe = { x: data.X.data, nRows: data.X.nRows };
    const direct = await openOnnxSource(BC.model, { features: data.features, probe });
    const table = await openOnnxSource(BC.model, { features: data.features, probe, viaTable: true });
    try {
      assert.deepEqual(await direct.predictProba(data.X.data, data.X.nRows), await table.predictProba(data.X.data, data.X.nRows));
      assert.deepEqual(direct.classes, table.classes);
    } finally {
      await direct.dispose();
      await table.dispose();
    }
  });
});
