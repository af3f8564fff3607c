// Metrics per cohort through the real model runner must equal scikit-learn on the same rows,
// filtered in numpy by the generator (test/fixtures/cohorts/make_fixtures.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCohort } from '../../../src/core/cohorts/cohort';
import { evaluateCohorts } from '../../../src/core/cohorts/cohortMetrics';
import { evaluate } from '../../../src/core/evaluate/evaluate';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'cohorts');
interface Expected {
  overall: Record<string, number>;
  cohorts: Record<string, { expression: string; n_rows: number; metrics: Record<string, number> }>;
}
const expected = (JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as { cohorts: Record<string, Expected> }).cohorts;
const FEATURES = ['f0', 'f1', 'f2', 'f3'];
const SETUPS = {
  binary: { label: 'target', weight: 'weight' },
  multiclass: { label: 'label' },
  regression: { label: 'y' },
} as const;

// onnxruntime's float32 arithmetic differs from numpy's in the last bits: 1e-5 on score metrics.
function close(actual: number | undefined, want: number, what: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - want) <= 1e-5 * Math.max(1, Math.abs(want)), `${what}: ${actual} vs sklearn ${want}`);
}

for (const [task, setup] of Object.entries(SETUPS)) {
  describe(`cohort metrics match scikit-learn on the filtered rows: ${task}`, () => {
    const exp = expected[task];
    const opts = { model: path.join(DIR, `${task}.onnx`), data: path.join(DIR, `${task}.csv`), features: FEATURES, ...setup, bootstrap: 40, seed: 3 };
    it('every cohort, side by side with all rows', async () => {
      const cohorts = Object.entries(exp.cohorts).map(([name, c]) => parseCohort({ name, expression: c.expression }));
      const result = await evaluateCohorts(opts, cohorts);
      assert.equal(result.task, task);
      assert.equal(result.overall.n_rows, 600);
      for (const [k, v] of Object.entries(exp.overall)) close(result.overall.metrics[k], v, `all rows ${k}`);
      assert.equal(result.cohorts.length, cohorts.length);
      for (const c of result.cohorts) {
        const e = exp.cohorts[c.name];
        assert.equal(c.n_rows, e.n_rows, `${c.name} size`);
        assert.equal(c.expression, e.expression);
        close(c.fraction, e.n_rows / 600, `${c.name} fraction`);
        for (const [k, v] of Object.entries(e.metrics)) close(c.metrics[k], v, `${c.name} ${k}`);
        for (const [k, [lo, hi]] of Object.entries(c.ci)) assert.ok(lo <= hi, `${c.name} ${k} interval`);
        assert.ok(Object.keys(c.ci).length > 0, `${c.name} has intervals`);
      }
    });
  });
}

describe('evaluate --cohort', () => {
  const base = { model: path.join(DIR, 'binary.onnx'), data: path.join(DIR, 'binary.csv'), features: FEATURES, label: 'target', weight: 'weight', bootstrap: 0 };
  it('scores only the cohort and records it', async () => {
    const e = expected.binary.cohorts.young_women;
    const r = await evaluate({ ...base, cohort: { name: 'young_women', expression: e.expression } });
    assert.equal(r.n_rows, e.n_rows);
    assert.deepEqual(r.cohort, { name: 'young_women', expression: e.expression, n_rows: e.n_rows, n_total: 600 });
    assert.equal(r.warnings[0], `Evaluated on the cohort 'young_women' (${e.expression}) only: ${e.n_rows} of 600 rows.`);
    for (const [k, v] of Object.entries(e.metrics)) close(r.metrics[k], v, k);
  });
  it('checks the expression before running the model, and refuses an empty cohort', async () => {
    await assert.rejects(evaluate({ ...base, cohort: { name: 'x', expression: 'agee < 3' } }), /cohort 'x': unknown column 'agee' \(did you mean 'age'\?\) at 1:1/);
    await assert.rejects(evaluate({ ...base, cohort: { name: 'old', expression: 'age > 200' } }), /cohort 'old' \(age > 200\) selects none of the 600 rows/);
    await assert.rejects(
      evaluate({ ...base, data: path.join(DIR, 'regression.csv'), model: path.join(DIR, 'regression.onnx'), label: 'y', weight: undefined, cohort: { name: 'c', expression: 'correct' } }),
      /'correct' is defined for classifiers/,
    );
  });
  it('an empty cohort in `cohorts` is reported, not fatal', async () => {
    const r = await evaluateCohorts(base, [parseCohort({ name: 'none', expression: 'age > 200' })]);
    assert.equal(r.cohorts[0].n_rows, 0);
    assert.deepEqual(r.cohorts[0].metrics, {});
    assert.match(r.warnings.join('\n'), /none: The cohort selects no rows/);
  });
});
