// Cohort and fairness charts compile with vega-lite without warnings, use inline data only, and
// the reports render to Markdown and HTML.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { vscodeThemeConfig } from '../../../src/core/charts';
import { cohortCharts } from '../../../src/core/charts/fairness/cohorts';
import { disparityChart, groupRatesChart } from '../../../src/core/charts/fairness/fairness';
import type { ChartEntry } from '../../../src/core/charts/types';
import { parseCohort } from '../../../src/core/cohorts/cohort';
import { evaluateCohorts, type CohortsResult } from '../../../src/core/cohorts/cohortMetrics';
import { evaluateFairness, type FairnessResult } from '../../../src/core/fairness/fairness';
import { buildCohortsReport } from '../../../src/core/report/cohortsReport';
import { buildFairnessReport } from '../../../src/core/report/fairnessReport';
import { renderMarkdown } from '../../../src/core/report/markdown';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'cohorts');
const base = { model: path.join(DIR, 'binary.onnx'), data: path.join(DIR, 'binary.csv'), features: ['f0', 'f1', 'f2', 'f3'], label: 'target', bootstrap: 30 };

let compile: typeof import('vega-lite').compile;
let cohorts: CohortsResult;
let fairness: FairnessResult;
before(async () => {
  ({ compile } = await import('vega-lite'));
  cohorts = await evaluateCohorts(base, [parseCohort({ name: 'young', expression: 'age < 30' }), parseCohort({ name: 'none', expression: 'age > 500' })]);
  fairness = await evaluateFairness({ ...base, sensitive: 'region' });
});

function check(chart: ChartEntry): void {
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

describe('cohort and fairness charts and reports', () => {
  it('cohort charts: one per headline metric', () => {
    const charts = cohortCharts(cohorts);
    assert.deepEqual(charts.map((c) => c.id), cohorts.headline.map((m) => `cohort-${m}`));
    for (const c of charts) check(c);
    assert.match(charts[0].summary, /over all rows/);
  });
  it('fairness charts', () => {
    check(groupRatesChart(fairness));
    check(disparityChart(fairness));
    assert.deepEqual(groupRatesChart(fairness).table.rows.map((r) => r[0]), ['east', 'north', 'south', '(missing)', 'all rows']);
  });
  it('reports render', () => {
    const md = renderMarkdown(buildCohortsReport(cohorts));
    assert.match(md, /Metrics by cohort/);
    assert.match(md, /\| Rows \| 600 \| 117 \| 0 \|/);
    const fmd = renderMarkdown(buildFairnessReport(fairness));
    assert.match(fmd, /Demographic parity difference/);
    assert.match(fmd, /\(missing\)/);
  });
});
