import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeMulticlass, createMulticlassScorer } from '../../../src/core/metrics';
import { assertAllClose, assertClose, assertMetrics, loadCases } from './fixtures';

interface Case {
  name: string;
  n_classes: number;
  y_true: number[];
  proba: number[];
  weights?: number[];
  expected: Record<string, number>;
  per_class: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
  per_class_auc: number[];
  per_class_ap: number[];
  micro_auc: number;
  micro_ap: number;
  macro_ap: number;
  macro_roc_auc: number;
  confusion: number[][];
  calibration: { mean_predicted: number[]; fraction_positive: number[]; count: number[]; ece: number; mce: number };
}

function input(c: Case) {
  const names = Array.from({ length: c.n_classes }, (_, i) => `k${i}`);
  return {
    yTrue: Int32Array.from(c.y_true),
    proba: Float64Array.from(c.proba),
    nClasses: c.n_classes,
    weights: c.weights ? Float64Array.from(c.weights) : undefined,
    classNames: names,
  };
}

describe('computeMulticlass vs scikit-learn 1.2', () => {
  for (const c of loadCases<Case>('multiclass')) {
    it(c.name, () => {
      const r = computeMulticlass(input(c));
      assertMetrics(r.metrics, c.expected, c.name);
      if (c.n_classes <= 3) assert.equal(r.metrics.top_2_accuracy, undefined);
      assertAllClose(r.per_class.map((p) => p.precision), c.per_class.precision, 'per-class precision');
      assertAllClose(r.per_class.map((p) => p.recall), c.per_class.recall, 'per-class recall');
      assertAllClose(r.per_class.map((p) => p.f1), c.per_class.f1, 'per-class f1');
      assertAllClose(r.per_class.map((p) => p.support), c.per_class.support, 'per-class support');
      r.confusion_matrix.matrix.forEach((row, i) => assertAllClose(row, c.confusion[i], `confusion row ${i}`));
      const roc = r.curves.roc!;
      const pr = r.curves.pr!;
      for (let k = 0; k < c.n_classes; k++) {
        assertClose(roc[`k${k}`].auc, c.per_class_auc[k], `auc k${k}`);
        assertClose(pr[`k${k}`].average_precision, c.per_class_ap[k], `ap k${k}`);
      }
      assertClose(roc.micro.auc, c.micro_auc, 'micro auc');
      assertClose(pr.micro.average_precision, c.micro_ap, 'micro ap');
      assertClose(pr.macro.average_precision, c.macro_ap, 'macro ap');
      assertClose(roc.macro.auc, c.macro_roc_auc, 'macro roc auc');
      const cal = r.curves.calibration!;
      assertAllClose(cal.mean_predicted, c.calibration.mean_predicted, 'calibration mean_predicted');
      assertAllClose(cal.fraction_positive, c.calibration.fraction_positive, 'calibration fraction_positive');
      assertAllClose(cal.count, c.calibration.count, 'calibration count');
      assertClose(cal.ece, c.calibration.ece, 'ece');
      assertClose(cal.mce, c.calibration.mce, 'mce');
    });
  }

  it('labels only: no score metrics, no curves', () => {
    const c = loadCases<Case>('multiclass')[0];
    const { proba: _p, ...rest } = input(c);
    const yPred = Int32Array.from(c.y_true.map((y, i) => (i % 4 === 0 ? (y + 1) % 3 : y)));
    const r = computeMulticlass({ ...rest, yPred });
    assert.equal(r.metrics.log_loss, undefined);
    assert.equal(r.curves.roc, undefined);
    assert.ok(r.metrics.accuracy > 0.7 && r.metrics.accuracy < 0.8);
  });

  it('a class absent from the true labels drops roc_auc_ovr with a warning', () => {
    const r = computeMulticlass({
      yTrue: Int32Array.from([0, 1, 0, 1]),
      proba: Float64Array.from([0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4]),
      nClasses: 3,
      classNames: ['a', 'b', 'c'],
    });
    assert.equal(r.metrics.roc_auc_ovr, undefined);
    assert.ok(r.warnings.some((w) => w.includes('roc_auc_ovr')));
    assert.ok(r.curves.roc!.a && !r.curves.roc!.c && !r.curves.roc!.macro);
  });

  it('scorer matches computeMulticlass', () => {
    const c = loadCases<Case>('multiclass')[1];
    const scorer = createMulticlassScorer(input(c));
    assertMetrics(scorer(input(c).weights), c.expected, 'scorer');
  });
});
