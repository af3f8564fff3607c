import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../src/core/errors';
import type { TensorSpec } from '../../../src/core/evaluate/types';
import { chooseOutput, detectOutputKind, fromLogits, interpretOutput, type RawOutput } from '../../../src/core/model/interpretOutput';

const raw = (values: number[], nCols: number, type = 'float'): RawOutput =>
  ({ name: 'out', type, nRows: values.length / nCols, nCols, numbers: Float64Array.from(values) });
const close = (a: ArrayLike<number>, b: number[], tol = 1e-12) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) < tol, `index ${i}: ${a[i]} vs ${b[i]}`);
};

test('rows in [0,1] summing to 1 are probabilities; other [N,C] floats are logits', () => {
  assert.equal(detectOutputKind(raw([0.2, 0.8, 0.5, 0.5], 2), 'binary'), 'probabilities');
  assert.equal(detectOutputKind(raw([0.2, 0.7, 0.5, 0.5], 2), 'binary'), 'logits');
  assert.equal(detectOutputKind(raw([2, -1, 0.5, 3], 2), 'multiclass'), 'logits');
  assert.equal(detectOutputKind(raw([0.2, 0.8, 0.5, 0.5 + 5e-4], 2), 'binary'), 'probabilities');
});

test('[N,1] floats: in [0,1] -> P(positive), outside -> logits; regression -> values', () => {
  assert.equal(detectOutputKind(raw([0.1, 0.9], 1), 'binary'), 'probabilities');
  assert.equal(detectOutputKind(raw([-2, 3], 1), 'binary'), 'logits');
  assert.equal(detectOutputKind(raw([-2, 3], 1), 'regression'), 'values');
  assert.equal(detectOutputKind(raw([1, 3], 1, 'int64'), 'multiclass'), 'labels');
  assert.equal(detectOutputKind({ name: 'l', type: 'string', nRows: 1, nCols: 1, strings: ['a'] }, 'binary'), 'labels');
});

test('softmax of logits', () => {
  const p = fromLogits(Float64Array.of(1, 2, 3, 0, 0, 0), 3);
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  const s = e[0] + e[1] + e[2];
  close(p, [e[0] / s, e[1] / s, e[2] / s, 1 / 3, 1 / 3, 1 / 3]);
  close(fromLogits(Float64Array.of(1000, 0), 2), [1, 0]); // no overflow
});

test('a single binary logit column is sigmoided into [1-p, p]', () => {
  const pred = interpretOutput(raw([0, 2], 1), { task: 'binary', classes: ['no', 'yes'] });
  assert.equal(pred.kind, 'logits');
  assert.equal(pred.detected, true);
  assert.equal(pred.nClasses, 2);
  const p = 1 / (1 + Math.exp(-2));
  close(pred.proba!, [0.5, 0.5, 1 - p, p]);
  assert.deepEqual(pred.classes, ['no', 'yes']);
});

test('a caller-set kind wins over detection', () => {
  const pred = interpretOutput(raw([0.2, 0.8], 2), { task: 'binary', outputKind: 'logits' });
  assert.equal(pred.detected, false);
  close(pred.proba!, fromLogits(Float64Array.of(0.2, 0.8), 2) as unknown as number[]);
  const values = interpretOutput(raw([1.5, 2.5], 1), { task: 'regression' });
  assert.deepEqual(Array.from(values.values!), [1.5, 2.5]);
  const labels = interpretOutput(raw([0, 2], 1, 'int64'), { task: 'multiclass', classes: ['a', 'b', 'c'] });
  assert.deepEqual(labels.labels, ['0', '2']);
});

test('class names are attached only when their count fits', () => {
  const pred = interpretOutput(raw([0.2, 0.8], 2), { task: 'binary', classes: ['a', 'b', 'c'] });
  assert.equal(pred.classes, undefined);
});

test('auto output choice prefers probabilities over labels; --output must exist', () => {
  const outs: TensorSpec[] = [
    { name: 'label', type: 'int64', shape: [null] },
    { name: 'probabilities', type: 'float', shape: [null, 2] },
  ];
  assert.equal(chooseOutput(outs, 'binary').name, 'probabilities');
  assert.equal(chooseOutput(outs, 'binary', 'label').name, 'label');
  assert.throws(() => chooseOutput(outs, 'binary', 'nope'), (e: Error) => e instanceof UsageError && /outputs are: label, probabilities/.test(e.message));
  const reg: TensorSpec[] = [{ name: 'variable', type: 'float', shape: [null, 1] }];
  assert.equal(chooseOutput(reg, 'regression').name, 'variable');
});
