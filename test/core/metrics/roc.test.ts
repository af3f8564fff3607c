import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clfCountsBinary } from '../../../src/core/metrics/clfcurve';
import { interpAt, rocArrays, rocCurve } from '../../../src/core/metrics/roc';
import { argsortAscending } from '../../../src/core/metrics/sort';
import { assertAllClose, assertClose, loadCases } from './fixtures';

interface Case {
  name: string;
  y_true: number[];
  score?: number[];
  weights?: number[];
  expected: Record<string, number>;
  roc_curve?: { fpr: number[]; tpr: number[]; thresholds: number[] };
}

function counts(c: Case) {
  const s = Float64Array.from(c.score!);
  return clfCountsBinary(argsortAscending(s), Uint8Array.from(c.y_true), c.weights ? Float64Array.from(c.weights) : undefined);
}

describe('roc', () => {
  for (const c of loadCases<Case>('binary').filter((x) => x.roc_curve)) {
    it(`matches sklearn roc_curve (drop_intermediate, max+1 threshold): ${c.name}`, () => {
      const full = rocArrays(counts(c));
      assertAllClose(full.fpr, c.roc_curve!.fpr, 'fpr');
      assertAllClose(full.tpr, c.roc_curve!.tpr, 'tpr');
      assertAllClose(full.thresholds, c.roc_curve!.thresholds, 'thresholds');
      assertClose(rocCurve(counts(c)).auc, c.expected.roc_auc, 'auc');
    });
  }

  it('thins a long curve to the budget, keeps the ends, and keeps the AUC of the full curve', () => {
    const n = 20000;
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 3 === 0 ? 1 : 0;
      s[i] = ((i * 7919) % n) / n + 0.3 * y[i];
    }
    const c = clfCountsBinary(argsortAscending(s), y, undefined);
    const curve = rocCurve(c, 500);
    assert.ok(curve.fpr.length <= 500);
    assert.equal(curve.fpr[0], 0);
    assert.equal(curve.fpr.at(-1), 1);
    assert.equal(curve.tpr.at(-1), 1);
    const full = rocArrays(c);
    let area = 0;
    for (let i = 1; i < full.fpr.length; i++) area += ((full.fpr[i] - full.fpr[i - 1]) * (full.tpr[i] + full.tpr[i - 1])) / 2;
    assertClose(curve.auc, area, 'auc on full curve');
    // The thinned polyline stays within a small distance of the full curve in area.
    let thinArea = 0;
    for (let i = 1; i < curve.fpr.length; i++) thinArea += ((curve.fpr[i] - curve.fpr[i - 1]) * (curve.tpr[i] + curve.tpr[i - 1])) / 2;
    assert.ok(Math.abs(thinArea - area) < 2e-3, `${thinArea} vs ${area}`);
  });

  it('interpolates like numpy.interp, last of repeated xs winning', () => {
    const xp = [0, 0, 0.5, 0.5, 1];
    const fp = [0, 0.2, 0.4, 0.8, 1];
    assert.equal(interpAt(0, xp, fp), 0.2);
    assert.equal(interpAt(0.5, xp, fp), 0.8);
    assertClose(interpAt(0.25, xp, fp), 0.3, 'mid');
    assertClose(interpAt(0.75, xp, fp), 0.9, 'mid2');
    assert.equal(interpAt(2, xp, fp), 1);
  });
});
