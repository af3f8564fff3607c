// The model-free analysis on the sklearn fixture (tree through the public path, cohort expressions
// that select exactly each node's rows), binning, heat map totals, and the whole pipeline on an
// ONNX model with a planted weak region.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readTable } from '../../../src/core/data/readTable';
import type { Column, NumericColumn, Table } from '../../../src/core/data/table';
import { analyzeErrors, analyzeIndicator } from '../../../src/core/erroranalysis/analyze';
import { binFeature } from '../../../src/core/erroranalysis/encode';
import { parseExpression } from '../../../src/core/cohorts/parser';
import { DataError, UsageError } from '../../../src/core/errors';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'erroranalysis');
let table: Table;
let isError: Uint8Array;
const FEATURES = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5'];

before(async () => {
  table = await readTable(path.join(DIR, 'tree.csv'));
  isError = Uint8Array.from((table.columns[6] as NumericColumn).values);
});

/** Evaluates the small cohort grammar used here (`a <= 1 and b > 2`, `c == "x"`) on one row. */
function matches(expr: string, row: number): boolean {
  if (expr === '') return true;
  return expr.split(' and ').every((part) => {
    const m = /^(\w+) (<=|>|==|!=) (.+)$/.exec(part)!;
    const col = table.columns.find((c) => c.name === m[1])! as Column;
    const v = col.values[row];
    if (m[2] === '<=') return (v as number) <= Number(m[3]);
    if (m[2] === '>') return (v as number) > Number(m[3]);
    return (v === JSON.parse(m[3])) === (m[2] === '==');
  });
}

describe('analyzeIndicator', () => {
  it('defaults grow sklearn\'s tree (max_depth 3, min_samples_leaf 20, max_leaf_nodes 31) and cohorts select each node', () => {
    const ref = JSON.parse(readFileSync(path.join(DIR, 'tree_expected.json'), 'utf8')).trees[0];
    assert.deepEqual(ref.settings, { max_depth: 3, min_samples_leaf: 20, max_leaf_nodes: 31 });
    const { tree } = analyzeIndicator(table, FEATURES, isError);
    assert.equal(tree.growth, 'best-first');
    const root = tree.nodes[0];
    assert.equal(root.split?.feature, `x${ref.tree.feature}`);
    assert.equal(root.split?.threshold, ref.tree.threshold);
    for (const node of tree.nodes) {
      let size = 0;
      let errors = 0;
      for (let i = 0; i < table.nRows; i++) if (matches(node.cohort, i)) { size++; errors += isError[i]; }
      assert.equal(size, node.size, `node ${node.id} cohort ${node.cohort}`);
      assert.equal(errors, node.errors);
      assert.equal(node.error_coverage, node.errors / root.errors);
      if (node.left !== undefined) assert.equal(tree.nodes[node.left].size + tree.nodes[node.right!].size, node.size);
    }
  });

  it('heat map cells add up and slices carry valid BH q-values', () => {
    const r = analyzeIndicator(table, FEATURES, isError, { heatmapFeatures: ['x0', 'x2'], heatmapBins: 4 });
    assert.deepEqual(r.heatmap!.features, ['x0', 'x2']);
    assert.equal(r.heatmap!.cells.length, 16);
    assert.equal(r.heatmap!.cells.reduce((a, c) => a + c.size, 0), table.nRows);
    assert.equal(r.heatmap!.cells.reduce((a, c) => a + c.errors, 0), r.tree.nodes[0].errors);
    for (const c of r.heatmap!.cells) {
      let n = 0;
      for (let i = 0; i < table.nRows; i++) if (matches(c.cohort!, i)) n++;
      assert.equal(n, c.size, c.cohort!);
    }
    const s = r.slices.slices;
    assert.ok(s.length > 0);
    for (const x of s) {
      assert.ok(x.q_value >= x.p_value && x.q_value <= 0.05 && x.difference > 0 && x.size >= 30);
    }
    for (let i = 1; i < s.length; i++) assert.ok(s[i - 1].cohen_h >= s[i].cohen_h);
    // The planted effects: x0 > 0.6 and x2 < 0.25 raise the error rate.
    assert.ok(s.slice(0, 3).some((x) => x.features.includes('x0')));
  });

  it('rejects bad settings with a usable message', () => {
    assert.throws(() => analyzeIndicator(table, FEATURES, isError, { minLeaf: 0 }), UsageError);
    assert.throws(() => analyzeIndicator(table, FEATURES, isError, { maxLeaves: 1 }), /max leaves/);
    assert.throws(() => analyzeIndicator(table, [], isError), DataError);
  });
});

describe('binFeature', () => {
  it('quantile edges like numpy (linear), a missing bin, and category bins with "other"', () => {
    const b = binFeature({ name: 'v', kind: 'number', values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, NaN]) }, 4, 20);
    // numpy.quantile([1..9], [.25,.5,.75]) = 3, 5, 7
    assert.deepEqual(b.labels, ['≤ 3', '(3, 5]', '(5, 7]', '> 7', 'missing']);
    assert.deepEqual(Array.from(b.codes), [0, 0, 0, 1, 1, 2, 2, 3, 3, 4]);
    const c = binFeature({ name: 'c', kind: 'string', values: ['a', 'b', 'a', null, 'c', 'a'] }, 4, 2);
    assert.deepEqual(c.labels, ['a', 'b', 'other', 'missing']);
    assert.deepEqual(Array.from(c.codes), [0, 1, 0, 3, 2, 0]);
    assert.equal(c.conditions[2], null);
    assert.equal(c.conditions[0]!.expr, 'c == "a"');
  });
});

describe('analyzeErrors (ONNX model, planted region)', () => {
  it('finds region = north and high a', async () => {
    const r = await analyzeErrors({
      model: path.join(DIR, 'linear.onnx'), data: path.join(DIR, 'planted.csv'),
      features: ['a', 'b', 'c'], analysisFeatures: ['a', 'b', 'c', 'region'],
    });
    assert.equal(r.task, 'regression');
    assert.equal(r.n_errors, 120); // 10% of 1200 rows above the 0.9 quantile
    assert.equal(r.error_quantile, 0.9);
    const worst = r.tree.nodes.filter((n) => n.left === undefined).sort((a, b) => b.error_rate - a.error_rate)[0];
    assert.match(worst.cohort, /region == "north"/);
    assert.match(worst.cohort, /a > /);
    const top = r.slices.slices[0];
    assert.deepEqual([...top.features].sort(), ['a', 'region']);
    assert.ok(top.error_rate > 0.9);
    // Every cohort expression is valid in the cohort language the host filters with.
    const cohorts = [...r.tree.nodes.map((n) => n.cohort).filter((c) => c !== ''), ...r.slices.slices.map((x) => x.cohort), ...r.heatmap!.cells.map((c) => c.cohort)];
    for (const c of cohorts) if (c !== null) assert.doesNotThrow(() => parseExpression(c), c);
    const region = r.features.find((f) => f.name === 'region')!;
    assert.equal(region.kind, 'categorical');
    assert.deepEqual([...region.categories!].sort(), ['east', 'north', 'south', 'west']);
  });

  it('names the label when it is analysed', async () => {
    await assert.rejects(
      analyzeErrors({ model: path.join(DIR, 'linear.onnx'), data: path.join(DIR, 'planted.csv'), features: ['a', 'b', 'c'], analysisFeatures: ['target'] }),
      /'target' is the label/,
    );
  });
});
