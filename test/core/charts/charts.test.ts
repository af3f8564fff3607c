import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TopLevelSpec } from 'vega-lite';
import { chartsFor, classPrevalence, vscodeThemeConfig } from '../../../src/core/charts';
import type { ChartEntry } from '../../../src/core/charts';
import { binaryResult, multiclassResult, regressionResult } from '../../fixtures/report/results';

// vega-lite is ESM with top-level await in a dependency, so it is loaded with a dynamic import.
let compile: typeof import('vega-lite').compile;
before(async () => {
  ({ compile } = await import('vega-lite'));
});

/** Compiles a spec with a logger that collects every warning and error. */
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
  const { vega, messages } = compileStrict(chart.spec);
  assert.deepEqual(messages, [], `${chart.id}: ${messages.join('; ')}`);
  assert.ok(vega.marks && vega.marks.length > 0, `${chart.id} has marks`);
  const json = JSON.stringify(chart.spec);
  assert.ok(!/"url"\s*:/.test(json), `${chart.id} must use inline data only`);
  assert.ok(json.includes('"tooltip"'), `${chart.id} has tooltips`);
  assert.equal((chart.spec as { width?: unknown }).width, 'container');
  assert.ok(chart.table.columns.length > 0 && chart.table.rows.length > 0, `${chart.id} has a table`);
  for (const row of chart.table.rows) assert.equal(row.length, chart.table.columns.length);
  assert.ok(chart.summary.length > 0);
}

describe('chartsFor', () => {
  it('binary: every classification chart, all valid Vega-Lite', () => {
    const charts = chartsFor(binaryResult());
    assert.deepEqual(charts.map((c) => c.id), ['confusion-matrix', 'roc', 'pr', 'thresholds', 'calibration', 'score-distribution']);
    charts.forEach(checkChart);
  });

  it('multiclass: per-class, micro and macro curves', () => {
    const charts = chartsFor(multiclassResult());
    assert.deepEqual(charts.map((c) => c.id), ['confusion-matrix', 'roc', 'pr', 'score-distribution']);
    charts.forEach(checkChart);
    const roc = charts.find((c) => c.id === 'roc')!;
    const curves = new Set(roc.table.rows.map((r) => r[0]));
    assert.equal(curves.size, 5);
    assert.ok([...curves].some((c) => String(c).startsWith('macro-average (AUC ')));
  });

  it('regression: scatter and residual histogram', () => {
    const charts = chartsFor(regressionResult());
    assert.deepEqual(charts.map((c) => c.id), ['predicted-vs-actual', 'residuals']);
    charts.forEach(checkChart);
  });

  it('skips charts whose data is missing', () => {
    const r = binaryResult();
    r.curves = {};
    delete r.confusion_matrix;
    assert.deepEqual(chartsFor(r), []);
  });

  it('valid under every theme config', () => {
    for (const kind of ['light', 'dark', 'high-contrast'] as const) {
      for (const c of chartsFor(binaryResult())) assert.deepEqual(compileStrict(c.spec, vscodeThemeConfig(kind)).messages, []);
    }
  });
});

describe('chart details', () => {
  it('confusion matrix: counts and row-normalised rates', () => {
    const cm = chartsFor(binaryResult())[0];
    assert.deepEqual(cm.table.rows[0], ['no', 'no', 118, 118 / 133]);
    assert.deepEqual(cm.table.rows[3], ['yes', 'yes', 56, 56 / 67]);
    assert.match(cm.summary, /174 of 200/);
  });

  it('ROC legend labels carry the AUC; PR baselines use prevalence', () => {
    const r = binaryResult();
    const [, roc, pr] = chartsFor(r);
    assert.match(String(roc.table.rows[0][0]), /^yes \(AUC 0\.\d{4}\)$/);
    assert.match(roc.summary, /^ROC AUC 0\.\d+/);
    assert.ok(JSON.stringify(pr.spec).includes('"prevalence":0.335'));
    assert.deepEqual(classPrevalence(multiclassResult()).micro, 1 / 3);
  });

  it('thinned curves keep their end points', () => {
    const r = binaryResult();
    const roc = r.curves.roc!.yes;
    const n = 5000;
    roc.fpr = Array.from({ length: n }, (_, i) => i / (n - 1));
    roc.tpr = roc.fpr.map((x) => Math.sqrt(x));
    roc.thresholds = roc.fpr.map((x) => 1 - x);
    const chart = chartsFor(r)[1];
    assert.ok(chart.table.rows.length <= 1500);
    assert.deepEqual(chart.table.rows.at(-1)!.slice(1, 3), [1, 1]);
  });

  it('theme config follows CSS variables', () => {
    const cfg = vscodeThemeConfig('dark', { '--vscode-editor-foreground': '#abcdef', '--vscode-font-family': 'Fira Sans', '--vscode-font-size': '14px' });
    assert.equal(cfg.axis?.titleColor, '#abcdef');
    assert.equal(cfg.font, 'Fira Sans');
    assert.equal(cfg.background, 'transparent');
    assert.equal(vscodeThemeConfig('light').axis?.titleColor, '#3b3b3b');
  });
});
