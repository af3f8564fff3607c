import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeBinary, createBinaryScorer } from '../../../src/core/metrics';
import { assertAllClose, assertClose, assertMetrics, loadCases } from './fixtures';

interface BinaryCase {
  name: string;
  y_true: number[];
  score?: number[];
  y_pred?: number[];
  weights?: number[];
  threshold: number;
  expected: Record<string, number>;
  confusion: number[][];
  best_f1?: number;
  n_distinct_thresholds?: number;
  calibration?: { mean_predicted: number[]; fraction_positive: number[]; count: number[]; ece: number; mce: number };
  sklearn_calibration?: { mean_predicted: number[]; fraction_positive: number[] };
}

function run(c: BinaryCase) {
  return computeBinary({
    yTrue: Uint8Array.from(c.y_true),
    score: c.score ? Float64Array.from(c.score) : undefined,
    yPred: c.y_pred ? Uint8Array.from(c.y_pred) : undefined,
    threshold: c.threshold,
    weights: c.weights ? Float64Array.from(c.weights) : undefined,
    classNames: ['neg', 'pos'],
  });
}

describe('computeBinary vs scikit-learn 1.2', () => {
  for (const c of loadCases<BinaryCase>('binary')) {
    it(c.name, () => {
      const r = run(c);
      assertMetrics(r.metrics, c.expected, c.name);
      assert.deepEqual(r.confusion_matrix.labels, ['neg', 'pos']);
      r.confusion_matrix.matrix.forEach((row, i) => assertAllClose(row, c.confusion[i], `${c.name} confusion row ${i}`));
      if (!c.score) {
        assert.equal(r.metrics.roc_auc, undefined);
        assert.equal(r.metrics.log_loss, undefined);
        assert.equal(r.curves.roc, undefined);
        return;
      }
      if (c.expected.roc_auc === undefined) {
        assert.equal(r.metrics.roc_auc, undefined);
        assert.equal(r.metrics.average_precision, undefined);
        assert.ok(r.warnings.some((w) => w.includes('Only one class')), r.warnings.join('; '));
      } else {
        assertClose(r.curves.roc!.pos.auc, c.expected.roc_auc, 'roc auc');
        assertClose(r.curves.pr!.pos.average_precision, c.expected.average_precision, 'pr ap');
        assertClose(r.curves.thresholds!.best_f1, c.best_f1!, 'best f1');
        assert.equal(r.curves.thresholds!.thresholds.length, Math.min(1000, c.n_distinct_thresholds!));
      }
      const cal = r.curves.calibration!;
      assertAllClose(cal.mean_predicted, c.calibration!.mean_predicted, 'calibration mean_predicted');
      assertAllClose(cal.fraction_positive, c.calibration!.fraction_positive, 'calibration fraction_positive');
      assertAllClose(cal.count, c.calibration!.count, 'calibration count');
      assertClose(cal.ece, c.calibration!.ece, 'ece');
      assertClose(cal.mce, c.calibration!.mce, 'mce');
      if (c.sklearn_calibration) {
        assertAllClose(cal.mean_predicted, c.sklearn_calibration.mean_predicted, 'sklearn calibration_curve prob_pred');
        assertAllClose(cal.fraction_positive, c.sklearn_calibration.fraction_positive, 'sklearn calibration_curve prob_true');
      }
      const hist = r.curves.score_distribution!;
      const total = [...hist.counts.neg, ...hist.counts.pos].reduce((a, b) => a + b, 0);
      const wTotal = c.weights ? c.weights.reduce((a, b) => a + b, 0) : c.y_true.length;
      assertClose(total, wTotal, 'histogram mass');
    });
  }

  it('scorer gives the same metrics as computeBinary and honours weights like repeated rows', () => {
    const c = loadCases<BinaryCase>('binary').find((x) => x.name === 'basic')!;
    const input = { yTrue: Uint8Array.from(c.y_true), score: Float64Array.from(c.score!), threshold: 0.5, classNames: ['n', 'p'] as [string, string] };
    const scorer = createBinaryScorer(input);
    assertMetrics(scorer(undefined), c.expected, 'scorer');
    // Weight 2 on row 0 == row 0 duplicated.
    const w = new Float64Array(c.y_true.length).fill(1);
    w[0] = 2;
    const dup = computeBinary({ ...input, yTrue: Uint8Array.from([c.y_true[0], ...c.y_true]), score: Float64Array.from([c.score![0], ...c.score!]) });
    assertMetrics(scorer(w), dup.metrics, 'weight 2 vs duplicate');
  });

  it('rejects bad input with a readable error', () => {
    assert.throws(() => computeBinary({ yTrue: Uint8Array.from([0, 2]), threshold: 0.5, score: Float64Array.from([0.1, 0.2]), classNames: ['a', 'b'] }), /must be 0 or 1/);
    assert.throws(() => computeBinary({ yTrue: Uint8Array.from([0, 1]), threshold: 0.5, score: Float64Array.from([0.1, NaN]), classNames: ['a', 'b'] }), /non-finite/);
    assert.throws(() => computeBinary({ yTrue: Uint8Array.from([0, 1]), threshold: 0.5, classNames: ['a', 'b'] }), /scores or predicted labels/);
  });
});
