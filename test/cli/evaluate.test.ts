// The `posthoc evaluate` contract: outputs, JSON shape, exit codes, and never overwriting files.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { EXAMPLE, ensureBuilt, posthoc, tempDir } from './helpers';

const MODEL = path.join(EXAMPLE, 'model.onnx');
const DATA = path.join(EXAMPLE, 'test.csv');

before(ensureBuilt);

describe('posthoc evaluate on the bundled example', () => {
  it('writes JSON, HTML and Markdown reports with the documented shape', () => {
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    const html = path.join(dir, 'report.html');
    const md = path.join(dir, 'r.md');
    const r = posthoc(['evaluate', '--model', MODEL, '--data', DATA, '--label', 'target', '--bootstrap', '200', '--json', json, '--html', html, '--md', md]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /binary model, \d+ rows/);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    for (const key of ['task', 'n_rows', 'classes', 'metrics', 'confusion_matrix', 'curves', 'ci']) assert.ok(key in result, key);
    assert.equal(result.task, 'binary');
    assert.deepEqual(result.classes, ['malignant', 'benign']);
    assert.equal(result.confusion_matrix.labels.length, 2);
    const total = result.confusion_matrix.matrix.flat().reduce((a: number, b: number) => a + b, 0);
    assert.equal(total, result.n_rows);
    assert.ok(result.metrics.roc_auc > 0.9);
    assert.ok(result.ci.accuracy[0] <= result.metrics.accuracy && result.metrics.accuracy <= result.ci.accuracy[1]);
    const page = readFileSync(html, 'utf8');
    assert.ok(!/(src|href)=["']https?:/i.test(page), 'HTML report loads nothing from the network');
    assert.match(readFileSync(md, 'utf8'), /\|/);
  });

  it('evaluates the regression example', () => {
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    const ex = path.join(EXAMPLE, '..', 'diabetes-regression');
    const r = posthoc(['evaluate', '--model', path.join(ex, 'model.onnx'), '--data', path.join(ex, 'test.csv'), '--json', json, '--bootstrap', '0']);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(result.task, 'regression');
    for (const m of ['mae', 'mse', 'rmse', 'r2', 'mape', 'median_ae', 'explained_variance', 'max_error']) assert.equal(typeof result.metrics[m], 'number', m);
  });

  it('refuses to overwrite an existing file without --force, and writes nothing', () => {
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    const md = path.join(dir, 'r.md');
    writeFileSync(json, 'precious');
    const r = posthoc(['evaluate', '--model', MODEL, '--data', DATA, '--bootstrap', '0', '--json', json, '--md', md]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already exists.*--force/s);
    assert.equal(readFileSync(json, 'utf8'), 'precious');
    assert.equal(existsSync(md), false);
    const forced = posthoc(['evaluate', '--model', MODEL, '--data', DATA, '--bootstrap', '0', '--json', json, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).task, 'binary');
  });
});

describe('posthoc usage errors exit 2', () => {
  for (const [name, args, pattern] of [
    ['no command', [], /Usage/],
    ['unknown command', ['frobnicate'], /unknown command/],
    ['missing --model', ['evaluate', '--data', DATA], /--model is required/],
    ['bad --task', ['evaluate', '--model', MODEL, '--data', DATA, '--task', 'ranking'], /--task must be one of/],
    ['bad --threshold', ['evaluate', '--model', MODEL, '--data', DATA, '--threshold', '2'], /--threshold must be/],
    ['unknown flag', ['evaluate', '--model', MODEL, '--data', DATA, '--colour'], /colour/],
  ] as const) {
    it(name, () => {
      const r = posthoc([...args]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stdout + r.stderr, pattern);
    });
  }

  it('prints help with exit 0', () => {
    const r = posthoc(['evaluate', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--output-kind/);
  });
});
