// Pruners: median (Optuna's defaults) and asynchronous successive halving.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MedianPruner, SuccessiveHalvingPruner } from '../../../src/core/tune/pruners';
import type { Trial } from '../../../src/core/tune/types';
import { makeTrial } from './helpers';

function withCurve(number: number, values: number[], state: Trial['state'] = 'COMPLETE'): Trial {
  const t = makeTrial(number, {}, values[values.length - 1], state);
  values.forEach((v, step) => t.intermediate.set(step, v));
  return t;
}

function ask(pruner: MedianPruner | SuccessiveHalvingPruner, trial: Trial, trials: Trial[], direction: 'minimize' | 'maximize' = 'minimize'): boolean {
  const step = Math.max(...trial.intermediate.keys());
  return pruner.shouldPrune({
    trial, step, trials: [...trials, trial], direction,
    setSystemAttr: (k, v) => (trial.systemAttrs[k] = v),
  });
}

describe('median pruner', () => {
  const done = [1, 2, 3, 4, 5].map((v, i) => withCurve(i, [v, v - 0.5, v - 0.7]));

  it('waits for 5 complete trials', () => {
    assert.equal(ask(new MedianPruner(), withCurve(9, [100], 'RUNNING'), done.slice(0, 4)), false);
    assert.equal(ask(new MedianPruner(), withCurve(9, [100], 'RUNNING'), done), true);
  });

  it('prunes when the best value so far is worse than the median at this step', () => {
    assert.equal(ask(new MedianPruner(), withCurve(9, [2.9, 2.6], 'RUNNING'), done), true); // median at step 1 is 2.5
    assert.equal(ask(new MedianPruner(), withCurve(9, [2.9, 2.4], 'RUNNING'), done), false);
    assert.equal(ask(new MedianPruner(), withCurve(9, [2.0, 2.4], 'RUNNING'), done, 'maximize'), true);
    assert.equal(ask(new MedianPruner(), withCurve(9, [NaN], 'RUNNING'), done), true);
  });

  it('honours warm-up steps and the interval', () => {
    assert.equal(ask(new MedianPruner(5, 2), withCurve(9, [50, 50], 'RUNNING'), done), false);
    assert.equal(ask(new MedianPruner(5, 0, 2), withCurve(9, [50, 50], 'RUNNING'), done), false);
    assert.equal(ask(new MedianPruner(5, 0, 2), withCurve(9, [50, 50, 50], 'RUNNING'), done), true);
  });
});

describe('successive halving', () => {
  it('promotes only the top quarter at each rung (min resource 1, reduction factor 4)', () => {
    const pruner = new SuccessiveHalvingPruner();
    const trials: Trial[] = [];
    const verdicts: boolean[] = [];
    // Eight trials reach step 1 (the first rung) one after another with these values.
    for (const [i, v] of [5, 4, 6, 3, 7, 8, 2, 9].entries()) {
      const t = withCurve(i, [v, v], 'RUNNING');
      verdicts.push(ask(pruner, t, trials));
      trials.push(t);
    }
    // Fewer than 8 competitors: only the best so far goes on; from 8 on, the top 2.
    assert.deepEqual(verdicts, [false, false, true, false, true, true, false, true]);
    assert.equal(trials[0].systemAttrs.completed_rung_0, 5);
  });

  it('does nothing before the first rung and keeps rungs already passed', () => {
    const pruner = new SuccessiveHalvingPruner(4);
    assert.equal(ask(pruner, withCurve(0, [1, 1, 1], 'RUNNING'), []), false);
    const t = withCurve(1, [1, 1, 1, 1, 1], 'RUNNING');
    assert.equal(ask(pruner, t, []), false);
    assert.deepEqual(Object.keys(t.systemAttrs), ['completed_rung_0']);
  });
});
