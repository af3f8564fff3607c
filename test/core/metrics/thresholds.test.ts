import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clfCountsBinary } from '../../../src/core/metrics/clfcurve';
import { argsortAscending } from '../../../src/core/metrics/sort';
import { thresholdSweep } from '../../../src/core/metrics/thresholds';
import { assertClose } from './fixtures';

describe('thresholdSweep', () => {
  it('sweeps distinct scores ascending with precision, recall and F1', () => {
    const y = Uint8Array.from([0, 0, 1, 1, 1, 0]);
    const s = Float64Array.from([0.1, 0.4, 0.35, 0.8, 0.8, 0.9]);
    const t = thresholdSweep(clfCountsBinary(argsortAscending(s), y, undefined));
    assert.deepEqual(t.thresholds, [0.1, 0.35, 0.4, 0.8, 0.9]);
    // score >= 0.35: tp 3, fp 2 -> precision 0.6, recall 1, f1 0.75.
    assert.equal(t.precision[1], 0.6);
    assert.equal(t.recall[1], 1);
    assertClose(t.f1[1], 0.75, 'f1');
    // score >= 0.8: tp 2, fp 1 -> f1 2/3; best is 0.75 at 0.35.
    assert.equal(t.best_f1_threshold, 0.35);
    assertClose(t.best_f1, 0.75, 'best f1');
  });

  it('thins the output but finds the best F1 on the full sweep', () => {
    const n = 30000;
    const y = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const s = Float64Array.from({ length: n }, (_, i) => ((i * 104729) % n) / n + 0.2 * y[i]);
    const t = thresholdSweep(clfCountsBinary(argsortAscending(s), y, undefined));
    assert.ok(t.thresholds.length <= 1000);
    assert.ok(t.f1.every((f) => f <= t.best_f1));
  });
});
