// Error-analysis charts compile without warnings, use inline data only, and render in Vega under
// vega-interpreter (ast: true), as the webview runs them; the tree layout puts parents over children.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { vscodeThemeConfig } from '../../../src/core/charts';
import { errorAnalysisCharts, layoutTree } from '../../../src/core/charts/erroranalysis';
import type { ChartEntry } from '../../../src/core/charts/types';
import { readTable } from '../../../src/core/data/readTable';
import type { NumericColumn } from '../../../src/core/data/table';
import { analyzeIndicator, type IndicatorAnalysis } from '../../../src/core/erroranalysis/analyze';
import { buildErrorsReport } from '../../../src/core/report/errorsReport';
import { renderMarkdown } from '../../../src/core/report/markdown';
import type { ErrorAnalysisResult } from '../../../src/core/erroranalysis/types';

let compile: typeof import('vega-lite').compile;
let vega: typeof import('vega');
let expressionInterpreter: typeof import('vega-interpreter').expressionInterpreter;
let analysis: IndicatorAnalysis;

before(async () => {
  ({ compile } = await import('vega-lite'));
  vega = await import('vega');
  ({ expressionInterpreter } = await import('vega-interpreter'));
  const table = await readTable(path.join(__dirname, '..', '..', 'fixtures', 'erroranalysis', 'tree.csv'));
  const y = Uint8Array.from((table.columns[6] as NumericColumn).values);
  analysis = analyzeIndicator(table, ['x0', 'x1', 'x2', 'x3', 'x4', 'x5'], y);
});

function compileStrict(spec: TopLevelSpec) {
  const messages: string[] = [];
  const record = (...args: readonly unknown[]) => { messages.push(args.map(String).join(' ')); };
  let level = 0;
  const logger = {
    level(l?: number) { if (l === undefined) return level; level = l; return this; },
    error: record, warn: record, info() { return logger; }, debug() { return logger; },
  };
  return { vega: compile(spec, { logger: logger as never, config: vscodeThemeConfig('light') }).spec, messages };
}

async function renders(chart: ChartEntry): Promise<void> {
  const { vega: spec, messages } = compileStrict(chart.spec);
  assert.deepEqual(messages, [], `${chart.id}: ${messages.join('; ')}`);
  const json = JSON.stringify(chart.spec);
  assert.ok(!/"url"\s*:/.test(json), `${chart.id}: inline data only`);
  assert.ok(json.includes('"tooltip"'));
  assert.equal((chart.spec as { width?: unknown }).width, 'container');
  for (const row of chart.table.rows) assert.equal(row.length, chart.table.columns.length);
  const view = new vega.View(vega.parse(spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
  await view.runAsync();
  const svg = await view.toSVG();
  assert.ok(svg.includes('<svg'), chart.id);
  view.finalize();
}

function result(): Pick<ErrorAnalysisResult, 'tree' | 'heatmap' | 'slices' | 'error_rate'> {
  return { ...analysis, error_rate: analysis.tree.nodes[0].errors / analysis.tree.nodes[0].size };
}

describe('error analysis charts', () => {
  it('tree, heat map and slices compile and render under vega-interpreter', async () => {
    const charts = errorAnalysisCharts(result());
    assert.deepEqual(charts.map((c) => c.id), ['error-tree', 'error-heatmap', 'error-slices']);
    for (const c of charts) await renders(c);
  });

  it('a one-feature heat map and a single-node tree render too', async () => {
    const one = { ...result(), heatmap: { ...analysis.heatmap!, features: ['x0'], bins: [['a', 'b']], cells: [{ x: 'a', size: 3, errors: 1, error_rate: 1 / 3, cohort: 'x0 <= 1' }, { x: 'b', size: 0, errors: 0, error_rate: NaN, cohort: 'x0 > 1' }] } };
    const single = { ...one, tree: { ...analysis.tree, nodes: [{ ...analysis.tree.nodes[0], split: undefined, left: undefined, right: undefined }] }, slices: { ...analysis.slices, slices: [] } };
    const charts = errorAnalysisCharts(single);
    assert.equal(charts.length, 2);
    for (const c of charts) await renders(c);
  });

  it('layout: leaves in order, parents centred over their children', () => {
    const pos = layoutTree(analysis.tree.nodes);
    for (const n of analysis.tree.nodes) {
      if (n.left === undefined) continue;
      assert.equal(pos[n.id].x, (pos[n.left].x + pos[n.right!].x) / 2);
      assert.ok(pos[n.left].x < pos[n.right!].x);
    }
  });
});

describe('buildErrorsReport', () => {
  it('renders summary, leaves, slices and charts to Markdown', () => {
    const full = {
      ...result(), task: 'binary', n_rows: 3000, n_errors: analysis.tree.nodes[0].errors, error_definition: 'fixture', features: analysis.features,
      model: { file_name: 'm.onnx', format: 'onnx' }, dataset: { path: 'tree.csv', n_rows: 3000, label: 'err', features: [], analysis_features: [] },
      output: { name: 'p', kind: 'probabilities' }, warnings: ['a note'], elapsed_ms: 1, created: '2026-01-01T00:00:00Z', posthoc_version: '0',
    } as unknown as ErrorAnalysisResult;
    const md = renderMarkdown(buildErrorsReport(full));
    for (const s of ['Error analysis: m.onnx', 'Error tree leaves', 'Worst slices', 'a note', 'Error heat map']) assert.ok(md.includes(s), s);
  });
});
