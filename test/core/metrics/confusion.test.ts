import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { balancedAccuracy, classStats, confusionCounts, kappaFromConfusion, mccFromConfusion, toMatrix } from '../../../src/core/metrics/confusion';
import { assertClose } from './fixtures';

describe('confusion-matrix metrics', () => {
  it('counts rows = true, columns = predicted, with weights', () => {
    const m = confusionCounts([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3, Float64Array.from([1, 2, 3, 4, 5]));
    assert.deepEqual(toMatrix(m, 3), [
      [1, 2, 0],
      [0, 3, 0],
      [5, 0, 4],
    ]);
  });

  it('binary MCC and kappa match the textbook formulas', () => {
    const [tn, fp, fn, tp] = [50, 10, 5, 35];
    const m = Float64Array.from([tn, fp, fn, tp]);
    const mcc = (tp * tn - fp * fn) / Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    assertClose(mccFromConfusion(m, 2), mcc, 'mcc');
    const n = tn + fp + fn + tp;
    const po = (tp + tn) / n;
    const pe = ((tp + fp) * (tp + fn) + (tn + fn) * (tn + fp)) / (n * n);
    assertClose(kappaFromConfusion(m, 2), (po - pe) / (1 - pe), 'kappa');
  });

  it('undefined cases: MCC 0, kappa NaN, balanced accuracy skips classes never true', () => {
    const allNeg = Float64Array.from([10, 0, 0, 0]);
    assert.equal(mccFromConfusion(allNeg, 2), 0);
    assert.ok(Number.isNaN(kappaFromConfusion(allNeg, 2)));
    const onlyPredicted = Float64Array.from([6, 4, 0, 0]); // class 1 predicted, never true
    assert.equal(balancedAccuracy(classStats(onlyPredicted, 2)), 0.6);
    const s = classStats(onlyPredicted, 2);
    assert.equal(s.precision[1], 0);
    assert.equal(s.recall[1], 0);
    assert.equal(s.f1[1], 0);
  });
});
