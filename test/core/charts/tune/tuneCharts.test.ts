import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { vscodeThemeConfig } from '../../../../src/core/charts/theme';
import { studyCharts, trialsTable } from '../../../../src/core/charts/tune/index';
import { renderMarkdown } from '../../../../src/core/report/markdown';
import { buildStudyReport } from '../../../../src/core/report/studyReport';
import { fanovaImportance } from '../../../../src/core/tune/analysis/fanova';
import { readStudy } from '../../../../src/core/tune/storage';
import type { Study } from '../../../../src/core/tune/types';
import { syntheticStudy } from '../../tune/analysis/synthetic';

const FIXTURE = path.join(__dirname, '../../../fixtures/tune/optuna-study.log');

// vega-lite is ESM with top-level await in a dependency, so it is loaded with a dynamic import.
let compile: typeof import('vega-lite').compile;
before(async () => {
  ({ compile } = await import('vega-lite'));
});

/** Compiles a spec with a logger that collects every warning and error. */
function messagesOf(spec: TopLevelSpec): string[] {
  const messages: string[] = [];
  const record = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
    return logger;
  };
  const logger = { level: () => 0, error: record, warn: record, info() { return logger; }, debug() { return logger; } };
  compile(spec, { logger: logger as never, config: vscodeThemeConfig('dark') });
  return messages;
}

describe('study charts', () => {
  let optunaStudy: Study;
  before(async () => {
    optunaStudy = await readStudy(FIXTURE, 'optuna-made');
  });

  it('an Optuna-made study (pruned, failed, conditional, categorical) gives every chart, each compiling without warnings', () => {
    const charts = studyCharts(optunaStudy, fanovaImportance(optunaStudy));
    const ids = charts.map((c) => c.id);
    for (const id of ['tune-history', 'tune-importance', 'tune-parallel', 'tune-contour', 'tune-intermediate']) assert.ok(ids.includes(id), `missing ${id}: ${ids.join(', ')}`);
    assert.ok(ids.includes('tune-slice-optimizer') && ids.includes('tune-slice-lr'));
    assert.equal(new Set(ids).size, ids.length);
    for (const c of charts) {
      assert.deepEqual(messagesOf(c.spec), [], c.id);
      assert.ok(c.table.rows.length > 0, c.id);
      assert.ok(c.summary.length > 0);
    }
  });

  it('the history marks the best so far as a running minimum/maximum', () => {
    const study = syntheticStudy(30, (p) => (p.x as number) ** 2, 5);
    const [history] = studyCharts(study);
    let best = Infinity;
    for (const row of history.table.rows) {
      best = Math.min(best, row[2] as number);
      assert.equal(row[3], best);
    }
  });

  it('the contour shows the two most important numeric parameters', () => {
    const study = syntheticStudy(120, (p) => 5 * (p.z as number) + 2 * (p.y as number) ** 2, 2);
    const imp = fanovaImportance(study);
    const contour = studyCharts(study, imp).find((c) => c.id === 'tune-contour');
    assert.equal(contour?.title, 'Contour: z × y');
  });

  it('the trials table has number, state, value, duration and every parameter', () => {
    const t = trialsTable(optunaStudy);
    assert.deepEqual(t.columns.slice(0, 4), ['Trial', 'State', 'Value', 'Duration (s)']);
    assert.ok(t.columns.includes('momentum'));
    assert.equal(t.rows.length, optunaStudy.trials.length);
    assert.ok(t.rows.some((r) => r[1] === 'FAIL' && r[2] === null));
    assert.ok(t.rows.every((r) => r[3] === null || (typeof r[3] === 'number' && r[3] >= 0)));
  });

  it('buildStudyReport summarises the study and renders', () => {
    const report = buildStudyReport(optunaStudy, { created: '2026-01-01T00:00:00Z' });
    const summary = report.sections[0];
    assert.equal(summary.kind, 'summary');
    const facts = summary.kind === 'summary' ? Object.fromEntries(summary.facts) : {};
    assert.equal(facts.Study, 'optuna-made');
    assert.match(facts.Trials, /^12 \(/);
    assert.match(facts['Best trial'], /0\.5971/);
    assert.ok(report.sections.some((s) => s.kind === 'warnings' && s.items.some((i) => /failed/.test(i))));
    const md = renderMarkdown(report);
    assert.match(md, /Optimization history/);
  });

  it('an empty study still gives a report (no charts that need trials)', () => {
    const report = buildStudyReport({ name: 'empty', direction: 'minimize', trials: [], userAttrs: {} });
    const charts = report.sections.flatMap((s) => (s.kind === 'charts' ? s.charts : []));
    assert.deepEqual(charts.map((c) => c.id), ['tune-history']);
    for (const c of charts) assert.deepEqual(messagesOf(c.spec), []);
  });
});
