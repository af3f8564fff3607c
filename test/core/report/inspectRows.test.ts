// The "Rows to inspect" section: built from the result's rows, placed after the charts, rendered
// by the HTML and Markdown renderers, and absent for results saved before it existed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import { buildReport } from '../../../src/core/report/build';
import { inspectableRows, ROWS_TO_INSPECT_SECTION_ID, rowsToInspectSection } from '../../../src/core/report/inspectRows';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { reportBodyHtml } from '../../../src/core/report/sectionsHtml';
import { binaryResult, multiclassResult, regressionResult } from '../../fixtures/report/results';

function withMistakes(): EvaluationResult {
  return {
    ...binaryResult(),
    rows_to_inspect: {
      kind: 'confident_mistakes', limit: 10, n_mistakes: 37,
      rows: [
        { row: 412, true: 'stayed', predicted: 'churned', confidence: 0.98765, true_confidence: 0.01235 },
        { row: 7, true: 'churned <b>', predicted: 'stayed', confidence: 0.9, true_confidence: 0.1 },
      ],
    },
  };
}

function withResiduals(): EvaluationResult {
  return { ...regressionResult(), rows_to_inspect: { kind: 'largest_residuals', limit: 10, rows: [{ row: 3, true: 10, predicted: 2.5, residual: 7.5 }] } };
}

describe('rows to inspect in the report', () => {
  it('classification: row, true, predicted and both confidences, after the charts', () => {
    const report = buildReport(withMistakes());
    assert.deepEqual(report.sections.map((s) => s.id), ['summary', 'warnings', 'metrics', 'per-class', 'charts', ROWS_TO_INSPECT_SECTION_ID, 'model', 'dataset']);
    const s = rowsToInspectSection(withMistakes())!;
    assert.equal(s.title, 'Rows to inspect');
    const t = s.tables[0];
    assert.equal(t.caption, 'The 2 most confident mistakes, of 37. Row is the 0-based data row, as in posthoc explain --rows.');
    assert.deepEqual(t.table.columns, ['Row', 'True', 'Predicted', 'Confidence', 'P(true class)']);
    assert.deepEqual(t.table.rows[0], [412, 'stayed', 'churned', 0.98765, 0.01235]);
    assert.deepEqual(inspectableRows(withMistakes()), [412, 7]);
  });

  it('regression: row, true, predicted and residual', () => {
    const report = buildReport(withResiduals());
    assert.deepEqual(report.sections.map((s) => s.id), ['summary', 'warnings', 'metrics', 'charts', ROWS_TO_INSPECT_SECTION_ID, 'model', 'dataset']);
    const t = rowsToInspectSection(withResiduals())!.tables[0];
    assert.deepEqual(t.table.columns, ['Row', 'True', 'Predicted', 'Residual']);
    assert.deepEqual(t.table.rows, [[3, 10, 2.5, 7.5]]);
    assert.match(t.caption!, /^The 1 largest absolute residuals \(true − predicted\)\./);
  });

  it('label-only models: no confidence columns; no mistakes: an empty table that says so', () => {
    const labelsOnly: EvaluationResult = { ...multiclassResult(), rows_to_inspect: { kind: 'confident_mistakes', limit: 10, n_mistakes: 1, rows: [{ row: 5, true: 'setosa', predicted: 'virginica' }] } };
    const t = rowsToInspectSection(labelsOnly)!.tables[0];
    assert.deepEqual(t.table.columns, ['Row', 'True', 'Predicted']);
    assert.match(t.caption!, /first 1 mistakes in file order, of 1 \(the model outputs labels/);
    const perfect: EvaluationResult = { ...multiclassResult(), rows_to_inspect: { kind: 'confident_mistakes', limit: 10, n_mistakes: 0, rows: [] } };
    assert.equal(rowsToInspectSection(perfect)!.tables[0].caption, 'No mistakes: every row was predicted right.');
  });

  it('results saved before the field existed (or image results) have no such section', () => {
    assert.equal(rowsToInspectSection(binaryResult()), undefined);
    assert.ok(!buildReport(binaryResult()).sections.some((s) => s.id === ROWS_TO_INSPECT_SECTION_ID));
    assert.deepEqual(inspectableRows(binaryResult()), []);
  });

  it('HTML: a table in its own section, text escaped, full precision in the title', () => {
    const html = reportBodyHtml(buildReport(withMistakes()));
    const start = html.indexOf(`id="section-${ROWS_TO_INSPECT_SECTION_ID}"`);
    assert.ok(start > 0, 'section rendered');
    const part = html.slice(start, html.indexOf('</section>', start));
    assert.match(part, /<h2 id="heading-rows-to-inspect">Rows to inspect<\/h2>/);
    assert.match(part, /<th scope="row" class="num" title="412">412<\/th><td>stayed<\/td><td>churned<\/td><td class="num" title="0\.98765">0\.9877<\/td>/);
    assert.match(part, /churned &lt;b&gt;/);
    assert.ok(!part.includes('<button'), 'no buttons in the static HTML: only the live webview adds them');
  });

  it('Markdown: a pipe table under its heading', () => {
    const md = renderMarkdown(buildReport(withResiduals()));
    const at = md.indexOf('## Rows to inspect');
    assert.ok(at > 0);
    const part = md.slice(at, md.indexOf('\n## ', at + 1));
    assert.match(part, /\| Row \| True \| Predicted \| Residual \|/);
    assert.match(part, /\| 3 \| 10 \| 2\.500 \| 7\.500 \|/);
  });
});
