import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorAnalysisResult } from '../../../src/core/erroranalysis/types';
import { cohortSource } from '../../../src/host/analysis/cohortChoices';

const node = (id: number, cohort: string, rule: string[], size: number, errors: number) => ({ id, parent: id === 0 ? null : 0, depth: id === 0 ? 0 : 1, rule, cohort, size, errors, error_rate: errors / size, error_coverage: errors / 10, gini: 0 });

const result = {
  task: 'binary',
  dataset: { path: '/d.csv', n_rows: 100, label: 'y', features: ['a', 'b'], analysis_features: ['a', 'b'] },
  tree: { nodes: [node(0, '', [], 100, 10), node(1, 'a <= 1', ['a <= 1'], 60, 2), node(2, 'a > 1', ['a > 1'], 40, 8)] },
  slices: { slices: [
    { predicates: ['b == "x"'], cohort: 'b == "x"', size: 30, error_rate: 0.2 },
    { predicates: ['b is other'], cohort: null, size: 30, error_rate: 0.3 },
  ] },
} as unknown as ErrorAnalysisResult;

describe('cohortSource', () => {
  it('lists split nodes worst first, then slices with an exact expression, and keeps the run settings', () => {
    const src = cohortSource(result, { model: '/m.onnx', data: '/d.csv', threshold: 0.3 });
    assert.deepEqual(src.choices.map((c) => [c.name, c.expression]), [['error-node-2', 'a > 1'], ['error-node-1', 'a <= 1'], ['error-slice-1', 'b == "x"']]);
    assert.deepEqual(src.options, { model: '/m.onnx', data: '/d.csv', label: 'y', features: ['a', 'b'], task: 'binary', threshold: 0.3 });
    assert.match(src.choices[0].description, /40 rows, 20(\.0)?% errors/);
  });

  it('the parsed cohort expressions are valid for the cohorts parser', async () => {
    const { parseCohort } = await import('../../../src/core/cohorts/cohort');
    for (const c of cohortSource(result, { model: '/m.onnx', data: '/d.csv' }).choices) assert.doesNotThrow(() => parseCohort(c));
  });
});
