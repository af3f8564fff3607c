import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE, ensureBuilt, posthoc, tempDir } from './helpers';

const MODEL = path.join(EXAMPLE, 'model.onnx');
const DATA = path.join(EXAMPLE, 'test.csv');

before(() => ensureBuilt());

describe('posthoc compare', () => {
  const dir = tempDir();

  it('compares the model with its int8 version and writes JSON, HTML and Markdown (exit 0)', () => {
    const q = path.join(dir, 'q.onnx');
    assert.equal(posthoc(['optimize', '--model', MODEL, '--out', q, '--quantize', 'int8']).status, 0);
    const files = ['c.json', 'c.html', 'c.md'].map((f) => path.join(dir, f));
    const r = posthoc(['compare', '--model', MODEL, '--model', q, '--data', DATA, '--bootstrap', '0', '--latency-runs', '3', '--json', files[0], '--html', files[1], '--md', files[2]]);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(readFileSync(files[0], 'utf8'));
    assert.equal(json.kind, 'posthoc.compare');
    assert.equal(json.variants.length, 2);
    assert.equal(json.deltas[0].variant, 'q.onnx');
    assert.ok(json.variants[1].size_bytes < json.variants[0].size_bytes);
    // Per-tensor int8 moves row 69 across the 0.5 threshold (p 0.541 → 0.486).
    assert.deepEqual(json.deltas[0].flipped.map((f: { row: number }) => f.row), [69]);
    // Significance: McNemar on the one flip, DeLong on the scores, no bootstrap intervals (--bootstrap 0).
    const sig = json.deltas[0].significance;
    assert.equal(sig.confidence, 0.95);
    assert.equal(sig.bootstrap, null);
    assert.equal(sig.mcnemar.b + sig.mcnemar.c, 1);
    assert.equal(sig.mcnemar.pvalue, 1);
    assert.deepEqual(Object.keys(sig.mcnemar).sort(), ['b', 'both_correct', 'both_wrong', 'c', 'n', 'pvalue', 'statistic']);
    assert.ok(sig.delong.pvalue > 0 && sig.delong.pvalue <= 1 && typeof sig.delong.auc_variant === 'number');
    assert.deepEqual(Object.keys(sig.metrics[0]), ['metric', 'baseline', 'variant', 'difference', 'ci', 'test', 'pvalue', 'verdict']);
    assert.deepEqual(sig.metrics.map((m: { metric: string }) => m.metric), ['accuracy', 'f1', 'precision', 'recall', 'roc_auc', 'average_precision', 'log_loss']);
    assert.match(sig.metrics[4].verdict, /^q\.onnx's AUC is/);
    assert.ok(Array.isArray(sig.notes));
    assert.ok(existsSync(files[1]) && existsSync(files[2]));
    assert.match(readFileSync(files[2], 'utf8'), /## Significance/);
    assert.match(r.stdout, /q\.onnx: 1 flipped/);
    // Existing outputs are kept without --force.
    const again = posthoc(['compare', '--model', MODEL, '--model', q, '--data', DATA, '--bootstrap', '0', '--json', files[0]]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exist/);
  });

  it('usage errors exit 2: one model, no data, bad option values', () => {
    for (const args of [
      ['--model', MODEL, '--data', DATA],
      ['--model', MODEL, '--model', MODEL],
      ['--model', MODEL, '--model', MODEL, '--data', DATA, '--latency-runs', '0'],
      ['--model', MODEL, '--model', MODEL, '--data', DATA, '--task', 'ranking'],
    ]) {
      const r = posthoc(['compare', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    }
  });

  it('a missing model exits 1', () => {
    const r = posthoc(['compare', '--model', MODEL, '--model', path.join(dir, 'none.onnx'), '--data', DATA, '--bootstrap', '0']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not found/);
  });
});
