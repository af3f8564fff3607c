// Explanation charts compile with vega-lite without warnings, use inline data and tooltips, and
// carry a table and a summary; ids are stable.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { vscodeThemeConfig, type ChartEntry } from '../../../../src/core/charts';
import { anchorSentence, explainCharts, shapWaterfallChart, slug, strongestInteraction } from '../../../../src/core/charts/explain';
import { accumulatedLocalEffects, anchorsTabular, kernelShap, limeTabular, partialDependence, permutationImportance, sampleRows } from '../../../../src/core/explain';
import type { AttributionResult } from '../../../../src/core/explain/types';
import { fnModel, randomMatrix } from '../../explain/helpers';

let compile: typeof import('vega-lite').compile;
before(async () => {
  ({ compile } = await import('vega-lite'));
});

function compileStrict(spec: TopLevelSpec, config = vscodeThemeConfig('dark')) {
  const messages: string[] = [];
  const record = (...args: readonly unknown[]) => { messages.push(args.map(String).join(' ')); };
  let level = 0;
  const logger = {
    level(l?: number) { if (l === undefined) return level; level = l; return this; },
    error: record, warn: record, info() { return logger; }, debug() { return logger; },
  };
  const out = compile(spec, { logger: logger as never, config });
  return { vega: out.spec, messages };
}

function checkChart(chart: ChartEntry) {
  for (const kind of ['light', 'dark', 'high-contrast'] as const) {
    const { vega, messages } = compileStrict(chart.spec, vscodeThemeConfig(kind));
    assert.deepEqual(messages, [], `${chart.id}: ${messages.join('; ')}`);
    assert.ok(vega.marks && vega.marks.length > 0, `${chart.id} has marks`);
  }
  const json = JSON.stringify(chart.spec);
  assert.ok(!/"url"\s*:/.test(json), `${chart.id} must use inline data only`);
  assert.ok(json.includes('"tooltip"'), `${chart.id} has tooltips`);
  assert.equal((chart.spec as { width?: unknown }).width, 'container');
  assert.ok(chart.table.columns.length > 0 && chart.table.rows.length > 0, `${chart.id} has a table`);
  for (const row of chart.table.rows) assert.equal(row.length, chart.table.columns.length, chart.id);
  assert.ok(chart.summary.length > 0 && !chart.summary.includes('NaN'), `${chart.id}: ${chart.summary}`);
  assert.match(chart.id, /^[a-z0-9-]+$/);
}

const m = 4;
const X = randomMatrix(200, m, 5);
const f = (x: Float64Array): number[] => {
  const p = 1 / (1 + Math.exp(-(2 * x[0] - x[1] + x[0] * x[2])));
  return [1 - p, p];
};
const model = () => fnModel(m, f, ['no', 'yes']);
const xs = sampleRows(X, 8, 1);
const rows = [0, 1, 2, 3, 4, 5, 6, 7];

describe('explainCharts', () => {
  it('SHAP: beeswarm, bar, waterfalls and dependence', async () => {
    const r = await kernelShap(model(), xs, { background: sampleRows(X, 30, 2), output: 1, rowIds: rows, space: 'probability' });
    const charts = explainCharts(r);
    assert.deepEqual(charts.map((c) => c.id), ['shap-beeswarm', 'shap-bar', 'shap-waterfall-row-0', 'shap-waterfall-row-1', 'shap-waterfall-row-2', 'shap-dependence']);
    charts.forEach(checkChart);
    // The waterfall runs from the base value to the output.
    const w = charts[2].table.rows;
    assert.equal(w[0][2], r.base_values[0]);
    assert.ok(Math.abs((w[w.length - 1][2] as number) - r.outputs[0]) < 1e-9);
    assert.equal(charts[1].table.rows[0][0], 'x0');
  });

  it('dependence: the interacting feature is found', async () => {
    const g = (x: Float64Array): number => 2 * x[0] - x[1] + 3 * x[0] * x[2];
    const r = await kernelShap(fnModel(m, g), sampleRows(X, 60, 4), { background: sampleRows(X, 30, 2) });
    assert.equal(strongestInteraction(r, 0), 2);
    assert.match(explainCharts(r).find((c) => c.id === 'shap-dependence')!.summary, /coloured by x2/);
  });

  it('waterfall groups the smallest contributions', () => {
    const n = 20;
    const r: AttributionResult = {
      method: 'kernel-shap', feature_names: Array.from({ length: n }, (_, j) => `f${j}`), class: 'y', space: 'value', rows: [4],
      base_values: [1], values: [Array.from({ length: n }, (_, j) => (j % 2 ? 1 : -1) * (j + 1) / 10)], data: [Array.from({ length: n }, (_, j) => j)], outputs: [0],
    };
    const c = shapWaterfallChart(r);
    checkChart(c);
    assert.ok(c.table.rows.some((row) => row[0] === '8 other features'));
    assert.equal(c.id, 'shap-waterfall-row-4');
  });

  it('permutation importance with error bars', async () => {
    const y = Float64Array.from({ length: X.nRows }, (_, i) => f(X.data.subarray(i * m, (i + 1) * m))[1]);
    const r = await permutationImportance(model(), X, { scorer: (p) => -p.reduce((s, v, i) => (i % 2 ? s + (v - y[(i - 1) / 2]) ** 2 : s), 0), metric: 'neg_mse', greaterIsBetter: true, nRepeats: 3 });
    const charts = explainCharts(r);
    assert.deepEqual(charts.map((c) => c.id), ['permutation-importance']);
    charts.forEach(checkChart);
  });

  it('LIME per row and Anchors as rules', async () => {
    const lime = await limeTabular(model(), xs, { data: X, output: 1, rowIds: rows, nSamples: 500 });
    const limeCharts = explainCharts(lime, { maxRowCharts: 2 });
    assert.deepEqual(limeCharts.map((c) => c.id), ['lime-row-0', 'lime-row-1']);
    limeCharts.forEach(checkChart);
    assert.ok(limeCharts[0].table.rows.some((r) => /x0/.test(String(r[0]))));
    const anchors = await anchorsTabular(model(), sampleRows(X, 2, 3), { data: X, rowIds: [0, 1] });
    const [chart] = explainCharts(anchors);
    checkChart(chart);
    assert.match(String(chart.table.rows[0][1]), /^IF .+ THEN (no|yes) — precision [\d.]+, coverage [\d.]+$/);
    assert.equal(anchorSentence({ ...anchors.anchors[0], rule: [], prediction: 'yes', precision: 0.97, coverage: 1 }), 'IF any values THEN yes — precision 0.97, coverage 1');
  });

  it('PDP with ICE, 2-D PDP heatmap and ALE', async () => {
    const pd1 = await partialDependence(model(), [0], { data: X, output: 1, gridSize: 10, iceRows: 20 });
    const pd2 = await partialDependence(model(), [0, 2], { data: X, output: 1, gridSize: 6 });
    const pdp = explainCharts({ method: 'pdp', class: 'yes', space: 'probability', results: [pd1, pd2] });
    assert.deepEqual(pdp.map((c) => c.id), ['pdp-x0', 'pdp-x0-x2']);
    pdp.forEach(checkChart);
    assert.equal(pdp[1].table.rows.length, pd2.grid[0].length * pd2.grid[1].length);
    const ale = await accumulatedLocalEffects(model(), 1, { data: X, output: 1, bins: 10 });
    const charts = explainCharts({ method: 'ale', class: 'yes', space: 'logit', results: [ale] });
    assert.deepEqual(charts.map((c) => c.id), ['ale-x1']);
    charts.forEach(checkChart);
  });

  it('ids are DOM-safe', () => {
    assert.equal(slug('Mean Radius (mm)'), 'mean-radius-mm');
    assert.equal(slug('%%'), 'feature');
  });
});
