// `posthoc evaluate` lists the rows to inspect in every output, and their row numbers are the
// ones `posthoc explain --rows` takes (the README's CLI equivalent of the Explain button).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { EvaluationResult, MistakeRow } from '../../src/core/evaluate/types';
import { EXAMPLE, ensureBuilt, posthoc, tempDir } from './helpers';

const MODEL = path.join(EXAMPLE, 'model.onnx');
const DATA = path.join(EXAMPLE, 'test.csv');

before(ensureBuilt);

describe('posthoc evaluate: rows to inspect', () => {
  it('are in the JSON, HTML and Markdown outputs, and posthoc explain --rows takes their numbers', () => {
    const dir = tempDir();
    const [json, html, md, explained] = ['r.json', 'r.html', 'r.md', 'x.json'].map((f) => path.join(dir, f));
    const r = posthoc(['evaluate', '--model', MODEL, '--data', DATA, '--label', 'target', '--bootstrap', '0', '--json', json, '--html', html, '--md', md]);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(readFileSync(json, 'utf8')) as EvaluationResult;
    const listed = result.rows_to_inspect;
    assert.ok(listed && listed.kind === 'confident_mistakes');
    // Every mistake is an off-diagonal cell of the confusion matrix.
    const m = result.confusion_matrix!.matrix;
    assert.equal(listed.n_mistakes, m[0][1] + m[1][0]);
    assert.equal(listed.rows.length, Math.min(10, listed.n_mistakes));
    const rows = listed.rows as MistakeRow[];
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].confidence! >= rows[i].confidence!, 'most confident first');
    for (const row of rows) {
      assert.notEqual(row.true, row.predicted);
      assert.ok(Math.abs(row.confidence! + row.true_confidence! - 1) < 1e-6, 'binary: the two probabilities add up to 1');
    }
    // The label in the data file agrees with the listed true class.
    const lines = readFileSync(DATA, 'utf8').trim().split('\n');
    const target = lines[0].split(',').indexOf('target');
    const first = rows[0];
    assert.equal(lines[1 + first.row].split(',')[target], first.true);

    assert.match(readFileSync(md, 'utf8'), new RegExp(`## Rows to inspect[\\s\\S]*\\| ${first.row} \\| ${first.true} \\| ${first.predicted} \\|`));
    assert.match(readFileSync(html, 'utf8'), /id="section-rows-to-inspect"/);

    const x = posthoc(['explain', '--model', MODEL, '--data', DATA, '--label', 'target', '--method', 'kernel-shap', '--rows', String(first.row), '--samples', '64', '--json', explained]);
    assert.equal(x.status, 0, x.stderr);
    assert.deepEqual((JSON.parse(readFileSync(explained, 'utf8')) as { rows: number[] }).rows, [first.row]);
  });
});
