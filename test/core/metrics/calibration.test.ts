import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calibrationCurve, topLabel } from '../../../src/core/metrics/calibration';
import { assertClose } from './fixtures';

describe('calibrationCurve', () => {
  it('puts a value on an inner edge into the lower bin, like sklearn searchsorted', () => {
    const c = calibrationCurve(Float64Array.from([0.1, 0.3, 0.30000000000000004, 1, 0]), Uint8Array.from([0, 1, 1, 1, 0]), undefined, 10);
    // 0.1 -> bin 0 with 0; 0.3 -> bin 2; 0.30000000000000004 (= 3 * 0.1, the edge) -> bin 2; 1 -> bin 9.
    assert.deepEqual(c.count, [2, 2, 1]);
    assertClose(c.mean_predicted[0], 0.05, 'bin 0');
  });

  it('weights act like repeated rows; ECE and MCE follow their definitions', () => {
    const p = Float64Array.from([0.2, 0.8, 0.85]);
    const y = Uint8Array.from([0, 1, 0]);
    const w = calibrationCurve(p, y, Float64Array.from([1, 2, 1]));
    const rep = calibrationCurve(Float64Array.from([0.2, 0.8, 0.8, 0.85]), Uint8Array.from([0, 1, 1, 0]), undefined);
    assert.deepEqual(w, rep);
    // Bins (0.8 sits on an edge, so it is in the bin below 0.85): {0.2: acc 0}, {0.8 ×2: acc 1}, {0.85: acc 0}.
    assert.deepEqual(w.count, [1, 2, 1]);
    assertClose(w.ece, 0.25 * 0.2 + 0.5 * 0.2 + 0.25 * 0.85, 'ece');
    assertClose(w.mce, 0.85, 'mce');
  });

  it('top-label confidence and correctness', () => {
    const t = topLabel(Float64Array.from([0.2, 0.5, 0.3, 0.6, 0.1, 0.3]), Int32Array.from([1, 2]), 3);
    assert.deepEqual(Array.from(t.confidence), [0.5, 0.6]);
    assert.deepEqual(Array.from(t.correct), [1, 0]);
  });
});
