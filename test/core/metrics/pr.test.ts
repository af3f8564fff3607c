import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averagePrecisionFromCounts, clfCountsBinary } from '../../../src/core/metrics/clfcurve';
import { macroPr, prArrays, prCurve } from '../../../src/core/metrics/pr';
import { argsortAscending } from '../../../src/core/metrics/sort';
import { assertAllClose, assertClose, loadCases } from './fixtures';

interface Case {
  name: string;
  y_true: number[];
  score?: number[];
  weights?: number[];
  expected: Record<string, number>;
  pr_curve?: { precision: number[]; recall: number[]; thresholds: number[] };
}

function counts(c: Case) {
  return clfCountsBinary(argsortAscending(Float64Array.from(c.score!)), Uint8Array.from(c.y_true), c.weights ? Float64Array.from(c.weights) : undefined);
}

describe('precision-recall', () => {
  for (const c of loadCases<Case>('binary').filter((x) => x.pr_curve)) {
    it(`matches sklearn precision_recall_curve: ${c.name}`, () => {
      const full = prArrays(counts(c));
      assertAllClose(full.precision, c.pr_curve!.precision, 'precision');
      assertAllClose(full.recall, c.pr_curve!.recall, 'recall');
      assertAllClose(full.thresholds, c.pr_curve!.thresholds, 'thresholds');
      const curve = prCurve(counts(c));
      assert.equal(curve.recall.length, curve.thresholds.length + 1);
    });
  }

  for (const c of loadCases<Case>('binary').filter((x) => x.expected.average_precision !== undefined)) {
    it(`average precision is the step-wise sum: ${c.name}`, () => {
      assertClose(averagePrecisionFromCounts(counts(c)), c.expected.average_precision, 'ap');
    });
  }

  it('macro curve area is the mean of the per-class APs', () => {
    const cases = loadCases<Case>('binary').filter((x) => x.expected.average_precision !== undefined);
    const arrays = cases.map((c) => prArrays(counts(c)));
    const mean = cases.reduce((a, c) => a + c.expected.average_precision, 0) / cases.length;
    assertClose(macroPr(arrays).average_precision, mean, 'macro ap');
  });
});
