// buildCurvesReport lives in src/core/report/curvesReport.ts; tested here with the curve fixtures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadRuns } from '../../../src/core/curves';
import { buildCurvesReport, renderMarkdown } from '../../../src/core/report';
import { LOGDIR } from './helpers';

describe('buildCurvesReport', () => {
  it('summary, warnings, one chart per tag and a last/min/max table per tag', async () => {
    const { runs, runNames, warnings } = await loadRuns(LOGDIR);
    const report = buildCurvesReport(runs, { logdir: 'logs', warnings, runNames, created: '2026-01-01T00:00:00Z' });
    assert.deepEqual(report.sections.map((s) => s.kind), ['summary', 'warnings', 'charts', 'tables']);
    assert.equal(report.subtitle, '6 runs · 8 tags');
    const charts = report.sections[2];
    assert.ok(charts.kind === 'charts' && charts.charts.length === 8);
    const tables = report.sections[3];
    assert.ok(tables.kind === 'tables');
    const loss = tables.tables.find((t) => t.caption === 'loss')!;
    assert.deepEqual(loss.table.columns, ['Run', 'Points', 'Last step', 'Last', 'Min', 'Min at step', 'Max', 'Max at step']);
    const mlflow = loss.table.rows.find((r) => r[0] === 'bright-owl-42')!;
    assert.deepEqual(mlflow.slice(1, 3), [5, 4]);
    assert.ok(Math.abs((mlflow[3] as number) - 0.5) < 1e-12);
    const md = renderMarkdown(report);
    assert.match(md, /## Warnings[\s\S]*corrupt record at byte/);
  });

  it('an empty Runs map gives a summary only', () => {
    const report = buildCurvesReport(new Map());
    assert.deepEqual(report.sections.map((s) => s.kind), ['summary']);
  });
});
