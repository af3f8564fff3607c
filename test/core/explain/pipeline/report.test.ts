// buildExplainReport: the same Report shape as evaluations (so the renderers and the webview
// work unchanged), with the summary facts, notes, value tables and charts of each method.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { explain, renderExplainJson, type ExplainResult } from '../../../../src/core/explain/pipeline';
import { buildExplainReport, renderMarkdown } from '../../../../src/core/report';
import { BC } from './helpers';

let shap: ExplainResult;
let anchors: ExplainResult;
before(async () => {
  shap = await explain({ ...BC, method: 'kernel-shap', rows: [0, 1, 2], background: { kind: 'sample', n: 10 }, samples: 100 });
  anchors = await explain({ ...BC, method: 'anchors', rows: [0], samples: 200 });
});

describe('buildExplainReport', () => {
  it('kernel-shap: summary, notes, tables of values, charts', () => {
    const report = buildExplainReport(shap.explanation, shap.context);
    assert.equal(report.title, 'KernelSHAP: model.onnx');
    assert.deepEqual(report.sections.map((s) => s.kind), ['summary', 'warnings', 'tables', 'charts']);
    const summary = report.sections[0];
    assert.ok(summary.kind === 'summary');
    const facts = Object.fromEntries(summary.facts);
    assert.equal(facts['Explained output'], 'P(benign)');
    assert.equal(facts['Rows explained'], '3 (0, 1, 2)');
    assert.match(facts.Background, /10 data rows sampled with seed 0/);
    assert.match(facts.Time, / s$/);
    assert.equal(facts.Seed, '0');
    const charts = report.sections.find((s) => s.kind === 'charts');
    assert.ok(charts?.kind === 'charts');
    assert.deepEqual(charts.charts.map((c) => c.id).slice(0, 2), ['shap-beeswarm', 'shap-bar']);
    const md = renderMarkdown(report);
    assert.match(md, /Top features by mean \\\|SHAP\\\|/);
    assert.match(md, /SHAP waterfall, row 0/);
  });

  it('anchors: the rules as readable sentences', () => {
    const report = buildExplainReport(anchors.explanation, anchors.context);
    const values = report.sections.find((s) => s.kind === 'tables');
    assert.ok(values?.kind === 'tables');
    assert.match(String(values.tables[0].table.rows[0][1]), /^IF .* THEN (malignant|benign) — precision/);
  });

  it('JSON: the method result at the top level, the context under "context"', () => {
    const json = JSON.parse(renderExplainJson(shap));
    for (const key of ['method', 'feature_names', 'class', 'space', 'base_values', 'values', 'rows', 'data', 'outputs', 'context']) assert.ok(key in json, key);
    assert.equal(json.context.method, 'kernel-shap');
    assert.equal(json.context.model.file_name, 'model.onnx');
  });
});
