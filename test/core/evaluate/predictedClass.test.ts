// The shared predicted-class rule against NumPy (test/fixtures/predictedclass/make_fixture.py:
// np.argmax on tied scores, np.where(p >= t, pos, 1 - pos) at and around the threshold), its
// error messages, and the three users (evaluate, error analysis, cohorts) agreeing row by row.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { predictedIndices } from '../../../src/core/cohorts/special';
import type { Column } from '../../../src/core/data/table';
import { DataError, ModelError, UsageError } from '../../../src/core/errors';
import { errorIndicator } from '../../../src/core/erroranalysis/errorIndicator';
import {
  classTargets,
  labelIndices,
  mismatches,
  positiveIndex,
  predictedClassIndices,
  regressionPair,
  requireClassOutput,
  requireTwoClasses,
  rowArgmax,
} from '../../../src/core/evaluate/predictedClass';
import { scoreClassification } from '../../../src/core/evaluate/scoring';
import type { Prediction } from '../../../src/core/model/interpretOutput';

interface Case { proba: number[]; truth: number[]; predicted: number[]; errors: number[] }
const F = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'predictedclass', 'expected.json'), 'utf8')) as {
  argmax: (Case & { k: number })[];
  binary: (Case & { pos: number; threshold: number })[];
};

function scores(proba: number[], k: number): Prediction {
  return { outputName: 'probabilities', kind: 'probabilities', detected: true, nRows: proba.length / k, nClasses: k, proba: Float64Array.from(proba) };
}

const names = (k: number) => Array.from({ length: k }, (_, i) => `c${i}`);
const labelColumn = (truth: number[], classes: string[]): Column => ({ name: 'y', kind: 'string', values: truth.map((t) => classes[t]) });

describe('predictedClassIndices against NumPy', () => {
  it('argmax: the first maximum wins on ties, like np.argmax', () => {
    for (const c of F.argmax) {
      const p = scores(c.proba, c.k);
      let ties = 0;
      for (let i = 0; i < p.nRows; i++) if (c.proba.slice(i * c.k, (i + 1) * c.k).filter((v, _, row) => v === Math.max(...row)).length > 1) ties++;
      assert.ok(ties > 0, 'the fixture has tied rows');
      const predicted = predictedClassIndices(p, names(c.k));
      assert.deepEqual(Array.from(predicted), c.predicted);
      assert.deepEqual(Array.from(mismatches(predicted, Int32Array.from(c.truth))), c.errors);
      for (let i = 0; i < p.nRows; i++) assert.equal(rowArgmax(p.proba!, i, c.k), c.predicted[i]);
    }
  });

  it('binary: positive when P(positive) >= threshold, for either positive class', () => {
    for (const c of F.binary) {
      const predicted = predictedClassIndices(scores(c.proba, 2), ['a', 'b'], { binary: { positive: c.pos, threshold: c.threshold } });
      assert.deepEqual(Array.from(predicted), c.predicted, `pos ${c.pos} threshold ${c.threshold}`);
      assert.deepEqual(Array.from(mismatches(predicted, Int32Array.from(c.truth))), c.errors);
    }
  });

  it('a NaN probability predicts the negative class (NaN >= t is false)', () => {
    const p = scores([NaN, NaN, 0.2, 0.8], 2);
    assert.deepEqual(Array.from(predictedClassIndices(p, ['a', 'b'], { binary: { positive: 1, threshold: 0.5 } })), [0, 1]);
  });
});

describe('labels, positive class and input checks', () => {
  const labels: Prediction = { outputName: 'label', kind: 'labels', detected: true, nRows: 3, labels: ['b', 'a', 'z'] };

  it('matches labels to classes exactly; an unknown label is a ModelError naming it and its row, or -1', () => {
    assert.deepEqual(Array.from(labelIndices(['b', 'a'], ['a', 'b'])), [1, 0]);
    assert.throws(() => predictedClassIndices(labels, ['a', 'b']), (e: Error) => e instanceof ModelError && e.message === "the model predicted 'z' (row 3), which is not one of the classes: a, b.");
    assert.deepEqual(Array.from(predictedClassIndices(labels, ['a', 'b'], { unknownLabel: 'minus-one' })), [1, 0, -1]);
    // Labels win over the binary rule: a label-only model has no score to threshold.
    assert.deepEqual(Array.from(predictedClassIndices({ ...labels, labels: ['b', 'a', 'a'] }, ['a', 'b'], { binary: { positive: 0, threshold: 0.9 } })), [1, 0, 0]);
  });

  it('positive class: the second by default, else the named one; an unknown name is a UsageError', () => {
    assert.equal(positiveIndex(['no', 'yes'], undefined), 1);
    assert.equal(positiveIndex(['no', 'yes'], 'no'), 0);
    assert.throws(() => positiveIndex(['no', 'yes'], 'maybe'), (e: Error) => e instanceof UsageError && e.message === "--positive-class 'maybe' is not one of the classes: no, yes.");
  });

  it('input checks keep their wording', () => {
    const values: Prediction = { outputName: 'variable', kind: 'values', detected: true, nRows: 1, values: Float64Array.from([1]) };
    assert.throws(() => requireClassOutput('binary', values), (e: Error) => e instanceof UsageError && /the task is binary but the output 'variable' was read as regression values; pass --output-kind\./.test(e.message));
    assert.throws(() => requireTwoClasses(['a', 'b', 'c']), (e: Error) => e instanceof DataError && /the task is binary but there are 3 classes \(a, b, c\); pass --task multiclass\./.test(e.message));
    assert.throws(() => regressionPair(values, { name: 'y', kind: 'string', values: ['1'] }), (e: Error) => e instanceof DataError && /label column 'y' holds text/.test(e.message));
    assert.throws(() => regressionPair(labels, { name: 'y', kind: 'number', values: Float64Array.from([1]) }), (e: Error) => e instanceof UsageError && /read as labels, not regression values/.test(e.message));
    const pair = regressionPair(values, { name: 'y', kind: 'number', values: Float64Array.from([2]) });
    assert.deepEqual([pair.y[0], pair.yhat[0]], [2, 1]);
  });

  it('classTargets: checks the output first, then resolves classes and encodes the labels', () => {
    const values: Prediction = { outputName: 'variable', kind: 'values', detected: true, nRows: 1, values: Float64Array.from([1]) };
    assert.throws(() => classTargets('multiclass', values, labelColumn([5], ['x'])), UsageError);
    const t = classTargets('binary', scores([0.2, 0.8, 0.6, 0.4], 2), labelColumn([1, 0], ['no', 'yes']), ['no', 'yes']);
    assert.deepEqual([t.classes, Array.from(t.truth), t.warnings], [['no', 'yes'], [1, 0], []]);
    assert.throws(() => classTargets('binary', scores([0.2, 0.8], 2), { name: 'y', kind: 'string', values: ['maybe'] }, ['no', 'yes']), DataError);
  });
});

describe('evaluate, error analysis and cohorts call the same rows mistakes', () => {
  it('binary at a threshold and multiclass argmax', () => {
    const cases = [
      ...F.binary.map((c) => ({ task: 'binary' as const, k: 2, classes: ['a', 'b'], c, positiveClass: ['a', 'b'][c.pos], threshold: c.threshold })),
      ...F.argmax.map((c) => ({ task: 'multiclass' as const, k: c.k, classes: names(c.k), c, positiveClass: undefined, threshold: 0.5 })),
    ];
    for (const { task, k, classes, c, positiveClass, threshold } of cases) {
      const prediction = scores(c.proba, k);
      const label = labelColumn(c.truth, classes);
      const indicator = errorIndicator(task, prediction, label, { threshold, positiveClass, classes, errorQuantile: 0.9 });
      assert.deepEqual(Array.from(indicator.isError), c.errors);
      const cohort = predictedIndices({ task, prediction, label, classes, positiveClass, threshold });
      assert.deepEqual(Array.from(cohort), c.predicted);
      const scored = scoreClassification(task, prediction, label, { threshold, positiveClass, classes, bootstrap: 0, seed: 0, inspect: c.truth.length });
      assert.equal(scored.rowsToInspect?.kind === 'confident_mistakes' ? scored.rowsToInspect.n_mistakes : -1, c.errors.reduce((a, b) => a + b, 0));
    }
  });
});
