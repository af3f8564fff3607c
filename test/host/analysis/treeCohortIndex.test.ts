// The error tree chart's rows carry each node's index among the cohorts the report offers, so a
// click on a node evaluates exactly the cohort the picker lists for it; and those cohorts are
// remembered for the cohort bars of evaluation panels on the same data.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { errorTreeChart, treeCohortOrder } from '../../../src/core/charts/erroranalysis';
import { readTable } from '../../../src/core/data/readTable';
import type { NumericColumn } from '../../../src/core/data/table';
import { analyzeIndicator, type IndicatorAnalysis } from '../../../src/core/erroranalysis/analyze';
import type { ErrorAnalysisResult } from '../../../src/core/erroranalysis/types';
import { cohortSource } from '../../../src/host/analysis/cohortChoices';
import { addSessionCohort, clearSessionCohorts, onSessionCohortsChanged, sessionCohorts } from '../../../src/host/analysis/sessionCohorts';

let analysis: IndicatorAnalysis;

before(async () => {
  const table = await readTable(path.join(__dirname, '..', '..', 'fixtures', 'erroranalysis', 'tree.csv'));
  const y = Uint8Array.from((table.columns[6] as NumericColumn).values);
  analysis = analyzeIndicator(table, ['x0', 'x1', 'x2', 'x3', 'x4', 'x5'], y);
});

type Row = { id: number; cohort: string; cohort_index: number };
function treeRows(chart: ReturnType<typeof errorTreeChart>): Row[] {
  const layers = (chart.spec as unknown as { layer: { data: { values: Row[] }; layer?: unknown[] }[] }).layer;
  return layers.find((l) => l.layer)!.data.values;
}

describe('error tree chart: node → cohort index', () => {
  it('every split node carries its index in the report\'s cohort choices; the root carries -1', () => {
    const result = { task: 'binary', dataset: { label: 'err', features: analysis.features }, tree: analysis.tree, slices: analysis.slices } as unknown as ErrorAnalysisResult;
    const choices = cohortSource(result, { model: '/m.onnx', data: '/d.csv' }).choices;
    const rows = treeRows(errorTreeChart(analysis.tree));
    assert.ok(analysis.tree.nodes.length >= 5, 'the fixture tree has splits');
    assert.equal(rows.length, analysis.tree.nodes.length);
    for (const row of rows) {
      const node = analysis.tree.nodes[row.id];
      if (node.parent === null) {
        assert.equal(row.cohort_index, -1);
        continue;
      }
      const choice = choices[row.cohort_index];
      assert.equal(choice.name, `error-node-${row.id}`);
      assert.equal(choice.expression, node.cohort);
    }
    // Worst first, as the picker lists them.
    const order = treeCohortOrder(analysis.tree.nodes);
    for (let k = 1; k < order.length; k++) assert.ok(order[k - 1].error_rate >= order[k].error_rate);
  });

  it('nodes show a pointer: they are clickable in the editor', () => {
    const json = JSON.stringify(errorTreeChart(analysis.tree).spec);
    assert.ok((json.match(/"cursor":"pointer"/g) ?? []).length >= 2);
  });
});

describe('session cohorts', () => {
  it('are kept per dataset, once per expression, and announced', () => {
    clearSessionCohorts();
    let calls = 0;
    const stop = onSessionCohortsChanged(() => calls++);
    addSessionCohort({ data: '/w/d.csv', name: 'error-node-2', label: 'node 2', expression: 'x > 1' });
    addSessionCohort({ data: '/w/./d.csv', name: 'error-node-2', label: 'node 2', expression: 'x > 1' });
    addSessionCohort({ data: '/w/e.csv', name: 'error-node-2', label: 'node 2', expression: 'x > 1' });
    stop();
    addSessionCohort({ data: '/w/d.csv', name: 'error-slice-1', label: 'slice 1', expression: 'y == "a"' });
    assert.equal(calls, 2);
    assert.deepEqual(sessionCohorts('/w/d.csv').map((c) => c.name), ['error-node-2', 'error-slice-1']);
    assert.deepEqual(sessionCohorts('/w/e.csv').map((c) => c.name), ['error-node-2']);
    clearSessionCohorts();
  });
});
