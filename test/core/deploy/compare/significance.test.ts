/**
 * Significance of variant-vs-baseline differences, checked against independent sides: class
 * calls and scores straight from onnxruntime, delongTest called directly on those scores, and
 * pairedBootstrapDiff with metrics written out by hand.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTable } from '../../../../src/core/data/readTable';
import { compareModels, type CompareRun } from '../../../../src/core/deploy/compare';
import { delongTest } from '../../../../src/core/stats/delong';
import { pairedBootstrapDiff } from '../../../../src/core/stats/pairedBootstrap';
import { DATA, MODEL, ROOT, ortOutput, perturbedModel } from './helpers';

const FEATURES_BC = async () => (await readTable(DATA)).columns.map((c) => c.name).filter((c) => c !== 'target');
const COHORTS = path.join(ROOT, 'test', 'fixtures', 'cohorts');
const F4 = ['f0', 'f1', 'f2', 'f3'];
const B = 300;
const SEED = 7;

const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-significance-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Weighted mean of a per-row 0/1 or loss vector: the metric for one bootstrap weighting. */
const weightedMean = (per: Float64Array) => (w: Float64Array) => {
  let s = 0;
  let t = 0;
  for (let i = 0; i < per.length; i++) {
    s += w[i] * per[i];
    t += w[i];
  }
  return s / t;
};

describe('significance: binary, the perturbed example model', () => {
  let variant: string;
  let noBoot: CompareRun;
  let boot: CompareRun;
  let pBase: Float64Array;
  let pVar: Float64Array;
  let labels: string[];
  before(async () => {
    variant = path.join(dir, 'perturbed.onnx');
    writeFileSync(variant, perturbedModel(0.6));
    noBoot = await compareModels({ models: [MODEL, variant], data: DATA, bootstrap: 0, latencyRuns: 1 });
    boot = await compareModels({ models: [MODEL, variant], data: DATA, bootstrap: B, seed: SEED, latencyRuns: 1 });
    const features = await FEATURES_BC();
    const pos = (o: { values: Float32Array; cols: number }) => Float64Array.from({ length: o.values.length / o.cols }, (_, i) => o.values[i * o.cols + 1]);
    pBase = pos(await ortOutput(MODEL, DATA, features));
    pVar = pos(await ortOutput(variant, DATA, features));
    const t = await readTable(DATA);
    labels = Array.from(t.columns.find((c) => c.name === 'target')!.values, String);
  });

  it('McNemar: b and c are the flipped rows split by which model was right', () => {
    const d = noBoot.result.deltas[0];
    const m = d.significance.mcnemar!;
    assert.ok(d.n_flipped > 0);
    assert.equal(m.b, d.flipped.filter((f) => f.baseline_class === f.label).length);
    assert.equal(m.c, d.flipped.filter((f) => f.variant_class === f.label).length);
    assert.equal(m.b + m.c, d.n_flipped, 'two classes: every flip has one model right');
    // And from onnxruntime's probabilities directly (benign = class 1, threshold 0.5).
    const call = (p: number) => (p >= 0.5 ? 'benign' : 'malignant');
    let b = 0;
    let c = 0;
    let both = 0;
    for (let i = 0; i < labels.length; i++) {
      const ra = call(pBase[i]) === labels[i];
      const rb = call(pVar[i]) === labels[i];
      if (ra && !rb) b++;
      if (rb && !ra) c++;
      if (ra && rb) both++;
    }
    assert.deepEqual([m.b, m.c, m.both_correct, m.n], [b, c, both, labels.length]);
    // scipy.stats.binomtest(1, 1).pvalue == 1.0
    assert.equal(m.pvalue, 1);
    const acc = d.significance.metrics.find((r) => r.metric === 'accuracy')!;
    assert.equal(acc.test, 'mcnemar');
    assert.equal(acc.pvalue, m.pvalue);
  });

  it("DeLong: the p-value is delongTest's on the two models' scores", () => {
    const s = noBoot.result.deltas[0].significance;
    const y = labels.map((l) => (l === noBoot.result.positive_class ? 1 : 0));
    const direct = delongTest(y, pBase, pVar);
    assert.ok(Math.abs(s.delong!.pvalue - direct.pvalue) < 1e-12, `${s.delong!.pvalue} vs ${direct.pvalue}`);
    assert.ok(Math.abs(s.delong!.auc_baseline - direct.auc_a) < 1e-12);
    assert.ok(Math.abs(s.delong!.auc_variant - direct.auc_b) < 1e-12);
    assert.ok(Math.abs(s.delong!.difference + direct.difference) < 1e-12, 'reported as variant − baseline');
    const auc = s.metrics.find((r) => r.metric === 'roc_auc')!;
    assert.equal(auc.test, 'delong');
    assert.equal(auc.pvalue, s.delong!.pvalue);
    assert.match(auc.verdict, /^perturbed\.onnx's AUC is (higher|lower) by [0-9.]+ \(DeLong p = [0-9.]+\): consistent with chance\.$/);
  });

  it('without the bootstrap, every metric row has a null interval and a note says why', () => {
    const s = noBoot.result.deltas[0].significance;
    assert.equal(s.bootstrap, null);
    assert.ok(s.metrics.every((r) => r.ci === null));
    assert.ok(s.notes.some((n) => /Bootstrap is off/.test(n)));
  });

  it('paired bootstrap: intervals bracket the observed differences, match pairedBootstrapDiff, and repeat by seed', async () => {
    const s = boot.result.deltas[0].significance;
    assert.deepEqual(s.bootstrap, { n: B, seed: SEED });
    assert.deepEqual(s.metrics.map((r) => r.metric), ['accuracy', 'f1', 'precision', 'recall', 'roc_auc', 'average_precision', 'log_loss']);
    for (const r of s.metrics) {
      assert.ok(r.ci, r.metric);
      assert.ok(r.ci[0] <= r.difference + 1e-12 && r.difference <= r.ci[1] + 1e-12, `${r.metric}: ${r.difference} in ${r.ci}`);
      assert.equal(r.difference, r.variant - r.baseline);
    }
    // Accuracy by hand on onnxruntime's calls, resampled by pairedBootstrapDiff with the same seed.
    const right = (p: Float64Array) => Float64Array.from(labels, (l, i) => ((p[i] >= 0.5 ? 'benign' : 'malignant') === l ? 1 : 0));
    const direct = pairedBootstrapDiff(labels.length, B, SEED, weightedMean(right(pVar)), weightedMean(right(pBase)));
    const acc = s.metrics.find((r) => r.metric === 'accuracy')!;
    assert.ok(Math.abs(acc.ci![0] - direct.ci[0]) < 1e-12 && Math.abs(acc.ci![1] - direct.ci[1]) < 1e-12, `${acc.ci} vs ${direct.ci}`);
    assert.ok(Math.abs(acc.difference - direct.difference) < 1e-12);
    const again = await compareModels({ models: [MODEL, variant], data: DATA, bootstrap: B, seed: SEED, latencyRuns: 1 });
    assert.deepEqual(again.result.deltas[0].significance, s);
    const other = await compareModels({ models: [MODEL, variant], data: DATA, bootstrap: B, seed: SEED + 1, latencyRuns: 1 });
    assert.notDeepEqual(other.result.deltas[0].significance.metrics.map((r) => r.ci), s.metrics.map((r) => r.ci));
  });

  it('a larger perturbation is called a real decline', async () => {
    const worse = path.join(dir, 'worse.onnx');
    writeFileSync(worse, perturbedModel(2.5));
    const r = await compareModels({ models: [MODEL, worse], data: DATA, bootstrap: 200, latencyRuns: 1 });
    const s = r.result.deltas[0].significance;
    // scipy.stats.binomtest(0, 28).pvalue == 2 * 0.5**28 = 7.450580596923828e-09
    assert.deepEqual([s.mcnemar!.b, s.mcnemar!.c], [28, 0]);
    assert.ok(Math.abs(s.mcnemar!.pvalue / 7.450580596923828e-9 - 1) < 1e-9);
    assert.match(s.metrics[0].verdict, /^worse\.onnx's accuracy is lower by 0\.164 \(95% CI −[0-9.]+ to −[0-9.]+, McNemar p < 0\.0001\): likely a real decline\.$/);
  });

  it('refuses a cohort: the tests use every row', async () => {
    await assert.rejects(compareModels({ models: [MODEL, variant], data: DATA, bootstrap: 0, latencyRuns: 1, cohort: { name: 'x', expression: 'mean_radius > 10' } }), /does not take --cohort/);
  });
});

describe('significance: multiclass and regression', () => {
  it('multiclass: McNemar on flips (some flips are wrong both ways), DeLong skipped with a note', async () => {
    const model = path.join(COHORTS, 'multiclass.onnx');
    const variant = path.join(dir, 'multiclass-perturbed.onnx');
    writeFileSync(variant, perturbedModel(0.6, model, 'W'));
    const r = await compareModels({ models: [model, variant], data: path.join(COHORTS, 'multiclass.csv'), label: 'label', features: F4, bootstrap: 100, latencyRuns: 1 });
    const d = r.result.deltas[0];
    const s = d.significance;
    assert.equal(s.mcnemar!.b, d.flipped.filter((f) => f.baseline_class === f.label).length);
    assert.equal(s.mcnemar!.c, d.flipped.filter((f) => f.variant_class === f.label).length);
    assert.ok(s.mcnemar!.b + s.mcnemar!.c < d.n_flipped);
    assert.equal(s.delong, undefined);
    assert.ok(s.notes.some((n) => /DeLong.*skipped for multiclass/.test(n)));
    const ovr = s.metrics.find((m) => m.metric === 'roc_auc_ovr')!;
    assert.ok(ovr.ci && ovr.pvalue === null && ovr.test === null);
  });

  it('regression: paired intervals for MAE, RMSE and R², MAE matching pairedBootstrapDiff by hand', async () => {
    const model = path.join(COHORTS, 'regression.onnx');
    const variant = path.join(dir, 'regression-perturbed.onnx');
    const data = path.join(COHORTS, 'regression.csv');
    writeFileSync(variant, perturbedModel(0.3, model, 'W'));
    const r = await compareModels({ models: [model, variant], data, label: 'y', features: F4, bootstrap: B, seed: SEED, latencyRuns: 1 });
    assert.equal(r.result.task, 'regression');
    const s = r.result.deltas[0].significance;
    assert.equal(s.mcnemar, undefined);
    assert.equal(s.delong, undefined);
    assert.deepEqual(s.metrics.map((m) => m.metric), ['mae', 'rmse', 'r2']);
    for (const m of s.metrics) assert.ok(m.ci && m.ci[0] <= m.difference && m.difference <= m.ci[1] && m.pvalue === null, m.metric);
    const y = (await readTable(data)).columns.find((c) => c.name === 'y')!.values as Float64Array;
    const absErr = async (file: string) => {
      const o = await ortOutput(file, data, F4);
      return Float64Array.from(y, (v, i) => Math.abs(v - o.values[i]));
    };
    const direct = pairedBootstrapDiff(y.length, B, SEED, weightedMean(await absErr(variant)), weightedMean(await absErr(model)));
    const mae = s.metrics[0];
    assert.ok(Math.abs(mae.difference - direct.difference) < 1e-9);
    assert.ok(Math.abs(mae.ci![0] - direct.ci[0]) < 1e-9 && Math.abs(mae.ci![1] - direct.ci[1]) < 1e-9, `${mae.ci} vs ${direct.ci}`);
    assert.match(mae.verdict, /MAE is higher by .*: likely a real decline\.$/);
  });
});
