// cohorts and fairness jobs in a worker thread give the in-process results; errors keep their class.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors';
import { parseCohort } from '../../../src/core/cohorts/cohort';
import { evaluateCohorts } from '../../../src/core/cohorts/cohortMetrics';
import { evaluateCohortsInWorker, evaluateFairnessInWorker } from '../../../src/core/cohorts/cohortsInWorker';
import { evaluateFairness } from '../../../src/core/fairness/fairness';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'cohorts');
const base = { model: path.join(DIR, 'binary.onnx'), data: path.join(DIR, 'binary.csv'), features: ['f0', 'f1', 'f2', 'f3'], label: 'target', bootstrap: 20 };

describe('cohorts and fairness in a worker', () => {
  it('same numbers as in process', async () => {
    const cohorts = [{ name: 'young', expression: 'age < 30' }];
    const [inWorker, local] = await Promise.all([evaluateCohortsInWorker(base, cohorts), evaluateCohorts(base, cohorts.map(parseCohort))]);
    assert.deepEqual(inWorker.cohorts[0].metrics, local.cohorts[0].metrics);
    assert.deepEqual(inWorker.cohorts[0].ci, local.cohorts[0].ci);
    const [fw, fl] = await Promise.all([evaluateFairnessInWorker({ ...base, sensitive: 'sex' }), evaluateFairness({ ...base, sensitive: 'sex' })]);
    assert.deepEqual(fw.disparities, fl.disparities);
  });
  it('a bad expression arrives as a UsageError with its position', async () => {
    await assert.rejects(evaluateCohortsInWorker(base, [{ name: 'x', expression: 'agee < 3' }]), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match((e as Error).message, /cohort 'x': unknown column 'agee' \(did you mean 'age'\?\) at 1:1/);
      return true;
    });
  });
});
