// End to end through the real model runner: our metrics on onnxruntime's outputs must equal
// scikit-learn's on the reference outputs (torch / sklearn) saved beside each model fixture.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { evaluate } from '../../../src/core/evaluate/evaluate';
import type { Task } from '../../../src/core/evaluate/types';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'evaluate');
const MODELS = path.join(__dirname, '..', '..', 'fixtures', 'models');

interface Case {
  model: string;
  data: string;
  label?: string;
  weight?: string;
  task: Task;
  classes?: string[];
  expected: Record<string, number | number[][]>;
}
const cases = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Case>;

// onnxruntime computes in float32 like torch, but not bit for bit: allow 1e-5 on score-based metrics.
function close(actual: number, expected: number, name: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-5 * Math.max(1, Math.abs(expected)), `${name}: ${actual} vs sklearn ${expected}`);
}

describe('evaluate matches scikit-learn end to end', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, async () => {
      const result = await evaluate({
        model: path.join(MODELS, c.model),
        data: path.join(DIR, c.data),
        label: c.label,
        weight: c.weight,
        bootstrap: 50,
      });
      assert.equal(result.task, c.task, 'detected task');
      if (c.classes) assert.deepEqual(result.classes, c.classes);
      for (const [metric, expected] of Object.entries(c.expected)) {
        if (metric === 'confusion_matrix') {
          const round = (m: number[][]) => m.map((r) => r.map((v) => Number(v.toFixed(9))));
          assert.deepEqual(round(result.confusion_matrix!.matrix), round(expected as number[][]));
        } else {
          close(result.metrics[metric], expected as number, metric);
        }
      }
      for (const [metric, [lo, hi]] of Object.entries(result.ci)) {
        assert.ok(lo <= hi, `${metric} interval ordered`);
      }
      assert.equal(result.bootstrap?.n, 50);
    });
  }
});

describe('evaluate options', () => {
  const c = cases.binary_logits;
  const base = { model: path.join(MODELS, c.model), data: path.join(DIR, c.data), weight: 'weight', bootstrap: 0 };

  it('guesses the label column named target', async () => {
    const r = await evaluate(base);
    assert.equal(r.dataset.label, 'target');
    assert.deepEqual(r.dataset.features, ['f0', 'f1', 'f2', 'f3']);
    assert.deepEqual(r.ci, {});
  });

  it('swaps the positive class', async () => {
    const a = await evaluate(base);
    const b = await evaluate({ ...base, positiveClass: '0' });
    assert.equal(b.positive_class, '0');
    close(b.metrics.roc_auc, a.metrics.roc_auc, 'roc_auc is symmetric');
    assert.notEqual(b.metrics.recall, a.metrics.recall);
  });

  it('applies the threshold', async () => {
    const low = await evaluate({ ...base, threshold: 0 });
    assert.equal(low.metrics.recall, 1);
    assert.equal(low.threshold, 0);
  });

  it('is reproducible with a seed and cancels on abort', async () => {
    const a = await evaluate({ ...base, bootstrap: 30, seed: 3 });
    const b = await evaluate({ ...base, bootstrap: 30, seed: 3 });
    assert.deepEqual(a.ci, b.ci);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(evaluate(base, { signal: controller.signal }), { name: 'CancelledError' });
  });
});
