// Drift charts compile as valid Vega-Lite with inline data, and the report carries every part.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { driftCharts, driftSeverity, rankBySeverity } from '../../../../src/core/charts/drift';
import { vscodeThemeConfig } from '../../../../src/core/charts/theme';
import type { ChartEntry } from '../../../../src/core/charts/types';
import { detectDrift } from '../../../../src/core/drift/detect';
import { renderDriftJson } from '../../../../src/core/drift/json';
import type { DriftResult } from '../../../../src/core/drift/types';
import { buildDriftReport } from '../../../../src/core/report/driftReport';
import { renderMarkdown } from '../../../../src/core/report/markdown';

let compile: typeof import('vega-lite').compile;
let result: DriftResult;
before(async () => {
  ({ compile } = await import('vega-lite'));
  const dir = path.join(__dirname, '../../../fixtures/drift');
  result = await detectDrift({ reference: path.join(dir, 'small_ref.csv'), current: path.join(dir, 'small_cur.csv') });
});

function checkChart(chart: ChartEntry): void {
  const messages: string[] = [];
  const record = (...args: readonly unknown[]) => { messages.push(args.map(String).join(' ')); };
  let level = 0;
  const logger = {
    level(l?: number) { if (l === undefined) return level; level = l; return this; },
    error: record, warn: record, info() { return logger; }, debug() { return logger; },
  };
  const out = compile(chart.spec as TopLevelSpec, { logger: logger as never, config: vscodeThemeConfig('dark') });
  assert.deepEqual(messages, [], `${chart.id}: ${messages.join('; ')}`);
  assert.ok(out.spec.marks && out.spec.marks.length > 0);
  const json = JSON.stringify(chart.spec);
  assert.ok(!/"url"\s*:/.test(json), 'inline data only');
  assert.ok(json.includes('"tooltip"'));
  assert.equal((chart.spec as { width?: unknown }).width, 'container');
  for (const row of chart.table.rows) assert.equal(row.length, chart.table.columns.length);
}

describe('drift charts', () => {
  it('a score bar plus overlays of the drifted columns, all valid', () => {
    const charts = driftCharts(result);
    assert.deepEqual(charts.map((c) => c.id), ['drift-scores', 'distribution-3', 'distribution-1']);
    assert.match(charts[0].summary, /2 of 7 columns drifted/);
    charts.forEach(checkChart);
    const income = charts.find((c) => c.id === 'distribution-1')!;
    assert.equal(income.title, 'income: reference vs current');
    const shares = income.table.rows.map((r) => r[1] as number);
    assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'histogram shares sum to 1');
  });

  it('severity ranks p-value and distance tests on one scale', () => {
    const ranked = rankBySeverity(result.columns);
    assert.deepEqual(ranked.slice(0, 2).map((c) => c.column).sort(), ['city', 'income']);
    for (const c of result.columns) assert.equal(driftSeverity(c) > 1, c.drift, c.column);
  });
});

describe('buildDriftReport', () => {
  it('summary, notes, the drift table, charts and data-quality tables', () => {
    const report = buildDriftReport(result);
    assert.deepEqual(report.sections.map((s) => s.id), ['summary', 'notes', 'drift', 'charts', 'quality']);
    const md = renderMarkdown(report);
    assert.match(md, /No dataset drift: 2 of 7 columns drifted/);
    assert.match(md, /New categories/);
    assert.match(md, /outside the reference range/);
    assert.match(md, /Missing values per column/);
  });

  it('JSON: infinite statistics become null, everything else round-trips', () => {
    const parsed = JSON.parse(renderDriftJson(result)) as DriftResult;
    assert.equal(parsed.columns.find((c) => c.column === 'city')!.statistic, null);
    assert.equal(parsed.n_columns, 7);
    assert.equal(parsed.kind, 'drift');
  });
});
