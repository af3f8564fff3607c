// The shared `--json` text: NaN/±Infinity as null, typed arrays as arrays, two-space indent and a
// final newline; drift and error analysis write exactly this (their JSON contracts did before too).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDriftJson } from '../../../src/core/drift/json';
import type { DriftResult } from '../../../src/core/drift/types';
import { renderErrorsJson } from '../../../src/core/erroranalysis/json';
import type { ErrorAnalysisResult } from '../../../src/core/erroranalysis/types';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import type { ExplainResult } from '../../../src/core/explain/pipeline/options';
import { renderExplainJson } from '../../../src/core/explain/pipeline/json';
import { renderJson } from '../../../src/core/report/json';
import { finiteJsonReplacer, prettyJson } from '../../../src/core/report/prettyJson';

describe('prettyJson', () => {
  it('writes non-finite numbers as null and keeps full precision', () => {
    const text = prettyJson({ a: NaN, b: [Infinity, -Infinity, 0.1 + 0.2], c: 'NaN', d: null });
    assert.equal(text, '{\n  "a": null,\n  "b": [\n    null,\n    null,\n    0.30000000000000004\n  ],\n  "c": "NaN",\n  "d": null\n}\n');
  });

  it('writes typed arrays as plain arrays (not index-keyed objects), DataView untouched', () => {
    assert.deepEqual(JSON.parse(prettyJson({ f: Float64Array.from([1, NaN]), u: Uint8Array.from([3]) })), { f: [1, null], u: [3] });
    assert.equal(finiteJsonReplacer('', 5), 5);
    const view = new DataView(new ArrayBuffer(1));
    assert.equal(finiteJsonReplacer('', view), view);
  });

  it('drift and error-analysis JSON are prettyJson of the result', () => {
    const result = { columns: [{ name: 'x', statistic: Infinity, p_value: NaN }] };
    const expected = `${JSON.stringify({ columns: [{ name: 'x', statistic: null, p_value: null }] }, null, 2)}\n`;
    assert.equal(renderDriftJson(result as unknown as DriftResult), expected);
    assert.equal(renderErrorsJson(result as unknown as ErrorAnalysisResult), expected);
  });

  it('evaluate and explain JSON are prettyJson too: nulls, plain arrays, explain context last', () => {
    // The expected text is built without the replacer: plain values, null where JSON has no number.
    const result = { metrics: { auc: 0.5, max_error: NaN }, curves: { roc: { thresholds: Float64Array.from([Infinity, 0.25]) } } };
    const plain = { metrics: { auc: 0.5, max_error: null }, curves: { roc: { thresholds: [null, 0.25] } } };
    assert.equal(renderJson(result as unknown as EvaluationResult), `${JSON.stringify(plain, null, 2)}\n`);
    const explained = { explanation: { method: 'kernel-shap', values: [Float32Array.from([1.5, -Infinity])], base_values: [NaN] }, context: { seed: 5 } };
    const expected = { method: 'kernel-shap', values: [[1.5, null]], base_values: [null], context: { seed: 5 } };
    assert.equal(renderExplainJson(explained as unknown as ExplainResult), `${JSON.stringify(expected, null, 2)}\n`);
  });
});
