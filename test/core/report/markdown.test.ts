import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, escapeMarkdown, markdownTable, renderJson, renderMarkdown } from '../../../src/core/report';
import { binaryResult, multiclassResult, regressionResult } from '../../fixtures/report/results';

describe('renderMarkdown', () => {
  const md = renderMarkdown(buildReport(binaryResult()));

  it('writes GFM tables with aligned numeric columns', () => {
    assert.ok(md.includes('| Metric | Value | 95% CI |\n| --- | ---: | --- |\n| Accuracy | 0.8700 | [0.8200, 0.9100] |'));
    assert.ok(md.includes('| Class | Precision | Recall | F1 | Support |\n| --- | ---: | ---: | ---: | ---: |\n| no | 0.9100 | 0.8900 | 0.9000 | 133 |'));
  });

  it('every table row has as many cells as its header', () => {
    for (const block of md.split('\n\n')) {
      const lines = block.split('\n').filter((l) => l.startsWith('|'));
      if (lines.length === 0) continue;
      const width = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      for (const l of lines) assert.equal(width(l), width(lines[0]), l);
    }
  });

  it('summarises charts as text', () => {
    assert.match(md, /- \*\*ROC curve:\*\* ROC AUC 0\.\d{4}\n/);
    assert.match(md, /- \*\*Calibration:\*\* ECE 0\.03450/);
    assert.match(renderMarkdown(buildReport(multiclassResult())), /ROC AUC: setosa .*, macro-average 0\.\d+/);
  });

  it('escapes user strings: no raw HTML, pipes kept inside cells', () => {
    assert.equal(md.includes('<img'), false);
    assert.ok(md.includes('&lt;img src=x onerror=alert(1)&gt;'));
    const multi = renderMarkdown(buildReport(multiclassResult()));
    assert.ok(multi.includes('petal\\|width'));
    assert.equal(escapeMarkdown('[a](http://x) *b*\nc'), '\\[a\\](http://x) \\*b\\* c');
  });

  it('shows NaN metrics as n/a and leaves empty tables out', () => {
    const reg = renderMarkdown(buildReport(regressionResult()));
    assert.ok(reg.includes('| Max error | n/a |'));
    assert.equal(markdownTable({ columns: ['a'], rows: [] }), '');
  });
});

describe('renderJson', () => {
  it('is the result as pretty JSON with non-finite numbers as null', () => {
    const r = regressionResult();
    const json = renderJson(r);
    assert.ok(json.startsWith('{\n  "'));
    assert.ok(json.includes('\n  "task": "regression",\n'));
    assert.ok(json.endsWith('}\n'));
    const back = JSON.parse(json);
    assert.equal(back.metrics.max_error, null);
    assert.equal(back.metrics.rmse, 2.6712);
    assert.equal(back.curves.residuals.actual[0], r.curves.residuals!.actual[0], 'full precision');
  });

  it('writes typed arrays as arrays and Infinity as null', () => {
    const r = binaryResult();
    (r.curves.roc!.yes as unknown as { fpr: Float64Array }).fpr = new Float64Array([0, 0.5, 1]);
    const back = JSON.parse(renderJson(r));
    assert.deepEqual(back.curves.roc.yes.fpr, [0, 0.5, 1]);
    assert.equal(back.curves.roc.yes.thresholds[0], null);
  });
});
