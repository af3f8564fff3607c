import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { compareCharts } from '../../../../src/core/charts/compare';
import { toFloat32Matrix } from '../../../../src/core/data/columns';
import { readTable } from '../../../../src/core/data/readTable';
import { compareModels, type CompareRun } from '../../../../src/core/deploy/compare';
import { onnxRuntime } from '../../../../src/core/model/onnxRunner';
import { buildCompareReport } from '../../../../src/core/report/compareReport';
import { renderMarkdown } from '../../../../src/core/report/markdown';
import { vscodeThemeConfig } from '../../../../src/core/charts/theme';
import { DATA, MODEL, perturbedModel } from './helpers';

/** P(benign) per row straight from onnxruntime: the independent side of the flip check. */
async function pBenign(model: string): Promise<Float32Array> {
  const o = onnxRuntime();
  const t = await readTable(DATA);
  const s = await o.InferenceSession.create(model);
  const y = (await s.run({ input: new o.Tensor('float32', toFloat32Matrix(t, t.columns.map((c) => c.name).filter((c) => c !== 'target')), [t.nRows, 30]) })).probabilities.data as Float32Array;
  await s.release();
  return Float32Array.from({ length: t.nRows }, (_, i) => y[i * 2 + 1]);
}

let compile: typeof import('vega-lite').compile;
let run: CompareRun;
let variant: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));
before(async () => {
  ({ compile } = await import('vega-lite'));
  variant = path.join(dir, 'perturbed.onnx');
  writeFileSync(variant, perturbedModel(0.6));
  run = await compareModels({ models: [MODEL, variant], data: DATA, bootstrap: 0, latencyRuns: 3 });
});

describe('compareModels', () => {
  it('lists exactly the rows whose call flips, with both scores', async () => {
    const a = await pBenign(MODEL);
    const b = await pBenign(variant);
    const expected: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] >= 0.5 !== b[i] >= 0.5) expected.push(i);
    assert.ok(expected.length > 0, 'the perturbation flips some rows');
    const d = run.result.deltas[0];
    assert.equal(d.n_flipped, expected.length);
    assert.deepEqual(d.flipped.map((f) => f.row), expected);
    for (const f of d.flipped) {
      assert.ok(Math.abs(f.baseline_score - a[f.row]) < 1e-6);
      assert.ok(Math.abs(f.variant_score - b[f.row]) < 1e-6);
      assert.equal(f.baseline_class, a[f.row] >= 0.5 ? 'benign' : 'malignant');
      assert.notEqual(f.variant_class, f.baseline_class);
    }
    let max = 0;
    for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    assert.ok(Math.abs(d.output_diff.max_abs - max) < 1e-6);
  });

  it('has the JSON shape: variants with size, latency, metrics; deltas per metric and class', () => {
    const r = run.result;
    assert.equal(r.kind, 'posthoc.compare');
    assert.equal(r.task, 'binary');
    assert.equal(r.variants.length, 2);
    for (const v of r.variants) {
      assert.ok(v.size_bytes > 0);
      assert.ok(v.latency.single_row.p50_ms > 0 && v.latency.batch.rows === 171);
      assert.ok(typeof v.metrics.accuracy === 'number');
      assert.equal(v.per_class?.length, 2);
    }
    const d = r.deltas[0];
    assert.equal(d.variant, 'perturbed.onnx');
    const acc = d.metrics.accuracy;
    assert.equal(acc.delta, acc.variant - acc.baseline);
    assert.equal(acc.baseline, run.evaluations[0].metrics.accuracy);
    assert.equal(d.per_class?.length, 2);
    const roundTrip = JSON.parse(JSON.stringify(r)) as typeof r;
    assert.equal(roundTrip.deltas[0].n_flipped, d.n_flipped);
  });

  it('a model compared with itself has no flips and zero deltas', async () => {
    const same = await compareModels({ models: [MODEL, MODEL], data: DATA, bootstrap: 0, latencyRuns: 1 });
    const d = same.result.deltas[0];
    assert.equal(d.n_flipped, 0);
    assert.equal(d.output_diff.max_abs, 0);
    assert.ok(Object.values(d.metrics).every((m) => m.delta === 0));
    assert.deepEqual(same.result.variants.map((v) => v.name), ['model.onnx (1)', 'model.onnx (2)']);
  });

  it('needs two models', async () => {
    await assert.rejects(compareModels({ models: [MODEL], data: DATA }), /at least two/);
  });
});

describe('compare charts and report', () => {
  it('every chart compiles without warnings, uses inline data and tooltips', () => {
    const charts = compareCharts(run.result);
    assert.deepEqual(charts.map((c) => c.id), ['compare-metric-deltas', 'compare-scores-1', 'compare-latency-size']);
    for (const c of charts) {
      const messages: string[] = [];
      const rec = (...a: readonly unknown[]) => { messages.push(a.map(String).join(' ')); };
      let level = 0;
      const logger = { level(l?: number) { if (l === undefined) return level; level = l; return this; }, error: rec, warn: rec, info() { return logger; }, debug() { return logger; } };
      const out = compile(c.spec as TopLevelSpec, { logger: logger as never, config: vscodeThemeConfig('light') });
      assert.deepEqual(messages, [], `${c.id}: ${messages.join('; ')}`);
      assert.ok(out.spec.marks && out.spec.marks.length > 0);
      const json = JSON.stringify(c.spec);
      assert.ok(!/"url"\s*:/.test(json) && json.includes('"tooltip"'));
      assert.equal((c.spec as { width?: unknown }).width, 'container');
      for (const row of c.table.rows) assert.equal(row.length, c.table.columns.length);
    }
    const scatter = charts[1].table.rows.filter((r) => r[3] === 'flipped').length;
    assert.equal(scatter, run.result.deltas[0].n_flipped);
  });

  it('the report renders to Markdown with the flipped-row table', () => {
    const md = renderMarkdown(buildCompareReport(run.result));
    assert.match(md, /Model comparison: model\.onnx vs perturbed\.onnx/);
    assert.match(md, /flipped row/);
    // The significance table: one row per headline metric, with the test where one exists.
    assert.match(md, /## Significance/);
    assert.match(md, /\| Metric \| Baseline \| Variant \| Difference \| 95% CI \| p-value \| Verdict \|/);
    assert.match(md, /\| roc\\_auc \|.*DeLong p = .*perturbed\.onnx's AUC is (higher|lower) by/);
    assert.match(md, /\| accuracy \|.*McNemar p = /);
    assert.match(md, /McNemar's exact test on right\/wrong calls/);
    assert.match(md, /Bootstrap is off/);
  });
});
