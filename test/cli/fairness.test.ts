// `posthoc fairness` as a user runs it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt, posthoc, ROOT, tempDir } from './helpers';

const F = path.join(ROOT, 'test', 'fixtures', 'cohorts');
const BASE = ['--data', path.join(F, 'binary.csv'), '--features', 'f0,f1,f2,f3', '--label', 'target'];
const expected = JSON.parse(readFileSync(path.join(F, 'expected.json'), 'utf8')).fairness;

describe('posthoc fairness', () => {
  before(ensureBuilt);
  it('writes per-group rates and disparities', () => {
    const dir = tempDir();
    const json = path.join(dir, 'f.json');
    const html = path.join(dir, 'f.html');
    const r = posthoc(['fairness', '--model', path.join(F, 'binary.onnx'), ...BASE, '--sensitive', 'sex', '--bootstrap', '50', '--json', json, '--html', html]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /fairness by sex \(2 groups, 600 rows\)/);
    assert.match(r.stdout, /Demographic parity difference: 0\.0193\d* \[/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    for (const [k, v] of Object.entries(expected.sex.disparities)) assert.ok(Math.abs(out.disparities[k] - (v as number)) < 1e-9, k);
    assert.deepEqual(out.groups.map((g: { group: string }) => g.group), ['F', 'M']);
    assert.ok(out.ci.demographic_parity_difference);
    assert.match(readFileSync(html, 'utf8'), /fairness-rates/);
  });
  it('--threshold moves the selection rate', () => {
    const r = posthoc(['fairness', '--model', path.join(F, 'binary.onnx'), ...BASE, '--sensitive=sex', '--threshold', '0.9', '--bootstrap', '0']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /F: 287 rows, selection rate 0\.0\d+/);
  });
  it('errors: missing --sensitive (2), unknown column (1), a regression model (2)', () => {
    const model = ['--model', path.join(F, 'binary.onnx')];
    const none = posthoc(['fairness', ...model, ...BASE]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--sensitive is required/);
    const col = posthoc(['fairness', ...model, ...BASE, '--sensitive', 'gender']);
    assert.equal(col.status, 1);
    assert.match(col.stderr, /column 'gender' not found; columns are: f0, f1/);
    const reg = posthoc(['fairness', '--model', path.join(F, 'regression.onnx'), '--data', path.join(F, 'regression.csv'), '--features', 'f0,f1,f2,f3', '--label', 'y', '--sensitive', 'sex']);
    assert.equal(reg.status, 2);
    assert.match(reg.stderr, /need a binary classifier; this is a regression task/);
  });
});
