import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, metricLabel } from '../../../src/core/report';
import type { Report, ReportSection } from '../../../src/core/report';
import { binaryResult, multiclassResult, regressionResult } from '../../fixtures/report/results';

function section<K extends ReportSection['kind']>(report: Report, id: string): Extract<ReportSection, { kind: K }> {
  const s = report.sections.find((x) => x.id === id);
  assert.ok(s, `section ${id}`);
  return s as Extract<ReportSection, { kind: K }>;
}

describe('buildReport', () => {
  it('orders the sections', () => {
    assert.deepEqual(buildReport(binaryResult()).sections.map((s) => s.id), ['summary', 'warnings', 'metrics', 'per-class', 'charts', 'model', 'dataset']);
    assert.deepEqual(buildReport(regressionResult()).sections.map((s) => s.id), ['summary', 'warnings', 'metrics', 'charts', 'model', 'dataset']);
    assert.deepEqual(buildReport(multiclassResult()).sections.map((s) => s.id), ['summary', 'metrics', 'per-class', 'charts', 'model', 'dataset']);
  });

  it('summary: task facts and headline cards with intervals', () => {
    const r = buildReport(binaryResult());
    const s = section<'summary'>(r, 'summary');
    assert.deepEqual(s.facts[0], ['Task', 'Binary classification']);
    assert.deepEqual(s.cards.map((c) => c.key), ['roc_auc', 'accuracy', 'f1', 'average_precision']);
    assert.deepEqual(s.cards[1].ci, [0.82, 0.91]);
    assert.equal(s.cards[2].ci, undefined);
    assert.equal(r.title, 'churn <model>.onnx on churn.csv');
    assert.deepEqual(section<'summary'>(buildReport(regressionResult()), 'summary').cards.map((c) => c.label), ['RMSE', 'MAE', 'R²', 'MAPE']);
  });

  it('metrics table carries values and [lo, hi] intervals', () => {
    const t = section<'tables'>(buildReport(binaryResult()), 'metrics').tables[0].table;
    assert.deepEqual(t.columns, ['Metric', 'Value', '95% CI']);
    assert.deepEqual(t.rows[0], ['Accuracy', 0.87, '[0.8200, 0.9100]']);
    assert.deepEqual(t.rows[2], ['Average precision', t.rows[2][1], '']);
  });

  it('per-class, model card and dataset tables', () => {
    const r = buildReport(multiclassResult());
    assert.deepEqual(section<'tables'>(r, 'per-class').tables[0].table.rows[1], ['versicolor', 0.9, 0.9, 0.9, 50]);
    const model = section<'tables'>(r, 'model').tables;
    assert.deepEqual(model[0].table.rows[0], ['File', 'iris.onnx']);
    assert.ok(model[0].table.rows.some((row) => row[0] === 'Opsets' && row[1] === 'ai.onnx v17, ai.onnx.ml v3'));
    assert.deepEqual(model[1].table.rows[0], ['input', 'float_input', 'float', '[?, 4]']);
    const dataset = section<'tables'>(r, 'dataset').tables;
    assert.deepEqual(dataset[1].table.rows[0], ['setosa', 50, '33.3%']);
    assert.equal(dataset[2].caption, 'Missing values: none');
  });

  it('charts section holds every applicable chart', () => {
    assert.equal(section<'charts'>(buildReport(binaryResult()), 'charts').charts.length, 6);
  });

  it('names metrics', () => {
    assert.equal(metricLabel('roc_auc'), 'ROC AUC');
    assert.equal(metricLabel('top_k_accuracy'), 'Top k accuracy');
  });
});
