// The shared `--json` text: NaN/±Infinity as null, typed arrays as arrays, two-space indent and a
// final newline; drift and error analysis write exactly this (their JSON contracts did before too).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDriftJson } from '../../../src/core/drift/json';
import type { DriftResult } from '../../../src/core/drift/types';
import { renderErrorsJson } from '../../../src/core/erroranalysis/json';
import type { ErrorAnalysisResult } from '../../../src/core/erroranalysis/types';
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
});
