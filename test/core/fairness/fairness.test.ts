// Fairness metrics: a hand-checked example, the generator's numpy definitions on the model
// fixture (test/fixtures/cohorts), and the pipeline end to end through onnxruntime.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { evaluateFairness } from '../../../src/core/fairness/fairness';
import { encodeGroups } from '../../../src/core/fairness/groups';
import { disparities, groupRates, spread } from '../../../src/core/fairness/metrics';
import { fairnessMetrics } from '../../../src/core/fairness/fairness';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'cohorts');
const expected = (JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as {
  fairness: Record<string, { groups: Record<string, Record<string, number>>; disparities: Record<string, number> }>;
}).fairness;

function close(actual: number, want: number, what: string, tol = 1e-12): void {
  assert.ok(Math.abs(actual - want) <= tol, `${what}: ${actual} vs ${want}`);
}

describe('fairness metrics by hand', () => {
  // Group A: y 1 1 0 0 0, ŷ 1 0 1 0 0 → selection 2/5, TPR 1/2, FPR 1/3, precision 1/2.
  // Group B: y 1 1 1 0 0, ŷ 1 1 1 1 0 → selection 4/5, TPR 1,   FPR 1/2, precision 3/4.
  const input = {
    yTrue: Uint8Array.from([1, 1, 0, 0, 0, 1, 1, 1, 0, 0]),
    yPred: Uint8Array.from([1, 0, 1, 0, 0, 1, 1, 1, 1, 0]),
    group: Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
    nGroups: 2,
  };
  it('per-group and overall rates', () => {
    const { groups, overall } = groupRates(input);
    assert.deepEqual(groups[0], { count: 5, selection_rate: 0.4, tpr: 0.5, fpr: 1 / 3, precision: 0.5 });
    assert.deepEqual(groups[1], { count: 5, selection_rate: 0.8, tpr: 1, fpr: 0.5, precision: 0.75 });
    assert.deepEqual(overall, { count: 10, selection_rate: 0.6, tpr: 0.8, fpr: 0.4, precision: 4 / 6 });
  });
  it('disparities: max − min and min / max between groups', () => {
    const d = disparities(groupRates(input).groups);
    close(d.demographic_parity_difference, 0.4, 'DPD');
    close(d.demographic_parity_ratio, 0.5, 'DPR');
    close(d.equalized_odds_difference, 0.5, 'EOD = max(TPR gap 1/2, FPR gap 1/6)');
    close(d.equalized_odds_ratio, 0.5, 'EOR = min(TPR ratio 1/2, FPR ratio 2/3)');
    close(d.equal_opportunity_difference, 0.5, 'EOpD');
    close(d.equal_opportunity_ratio, 0.5, 'EOpR');
  });
  it('weights count as repeated rows', () => {
    const w = Float64Array.from([2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const g = groupRates(input, w).groups[0];
    close(g.selection_rate, 3 / 6, 'selection');
    close(g.tpr, 2 / 3, 'tpr');
  });
  it('undefined rates are skipped, like pandas skips NaN', () => {
    assert.deepEqual(spread([0.25, NaN, 0.75]), { difference: 0.5, ratio: 1 / 3 });
    const noPositives = { ...input, yTrue: Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 1, 0, 0]) };
    const m = fairnessMetrics(noPositives, ['A', 'B'], { bootstrap: 0 });
    assert.ok(Number.isNaN(m.groups[0].tpr));
    close(m.disparities.equal_opportunity_difference, 0, 'one defined TPR');
    assert.match(m.warnings.join('\n'), /Group 'A' \(5 rows\): tpr undefined/);
  });
  it('bootstrap intervals bracket the estimates', () => {
    const m = fairnessMetrics(input, ['A', 'B'], { bootstrap: 200, seed: 1 });
    const [lo, hi] = m.ci.demographic_parity_difference!;
    assert.ok(lo <= 0.4 && 0.4 <= hi);
    assert.ok(m.groups[1].ci.selection_rate);
  });
  it('groups: sorted values, missing last, at least two', () => {
    const g = encodeGroups({ name: 'r', kind: 'string', values: ['b', null, 'a', 'b'] });
    assert.deepEqual(g.names, ['a', 'b', '(missing)']);
    assert.deepEqual([...g.group], [1, 2, 0, 1]);
    assert.deepEqual(encodeGroups({ name: 'n', kind: 'number', values: Float64Array.from([10, 9, 10]) }).names, ['9', '10']);
    assert.throws(() => encodeGroups({ name: 's', kind: 'string', values: ['x', 'x'] }), /single value \(x\); fairness needs at least two groups/);
  });
});

describe('fairness end to end matches the definitions (numpy) on the model fixture', () => {
  const base = { model: path.join(DIR, 'binary.onnx'), data: path.join(DIR, 'binary.csv'), features: ['f0', 'f1', 'f2', 'f3'], label: 'target', bootstrap: 50, seed: 2 };
  for (const [column, weighted] of [['sex', false], ['region', true]] as const) {
    it(`by ${column}${weighted ? ', weighted' : ''}`, async () => {
      const r = await evaluateFairness({ ...base, sensitive: column, ...(weighted ? { weight: 'weight' } : {}) });
      const e = expected[column];
      assert.deepEqual(r.groups.map((g) => g.group), Object.keys(e.groups));
      for (const g of r.groups) {
        for (const [k, v] of Object.entries(e.groups[g.group])) close(g[k as 'tpr'], v, `${g.group} ${k}`, 1e-9);
      }
      for (const [k, v] of Object.entries(e.disparities)) close(r.disparities[k as 'demographic_parity_ratio'], v, k, 1e-9);
      assert.equal(r.positive_class, '1');
      assert.equal(r.threshold, 0.5);
      assert.ok(r.ci.equalized_odds_difference);
    });
  }
  it('needs a binary task and an existing column', async () => {
    await assert.rejects(evaluateFairness({ ...base, sensitive: 'sexx' }), /column 'sexx' not found/);
    await assert.rejects(
      evaluateFairness({ ...base, model: path.join(DIR, 'multiclass.onnx'), data: path.join(DIR, 'multiclass.csv'), label: 'label', sensitive: 'sex' }),
      /fairness metrics need a binary classifier; this is a multiclass task/,
    );
  });
  it('within a cohort', async () => {
    const r = await evaluateFairness({ ...base, sensitive: 'sex', bootstrap: 0, cohort: { name: 'young', expression: 'age < 30' } });
    assert.equal(r.cohort?.n_rows, 117);
    assert.equal(r.groups.reduce((a, g) => a + g.count, 0), 117);
  });
});
