// The error tree against scikit-learn 1.2's DecisionTreeClassifier (gini) on a tie-free fixture:
// same features, thresholds, node sizes, error counts and impurities, node by node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readTable } from '../../../src/core/data/readTable';
import type { NumericColumn } from '../../../src/core/data/table';
import { fitCart, type CartNode } from '../../../src/core/erroranalysis/cart';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'erroranalysis');

interface RefNode { n: number; errors: number; impurity: number; feature?: number; threshold?: number; left?: RefNode; right?: RefNode }
interface RefTree { settings: { max_depth: number; min_samples_leaf: number; max_leaf_nodes: number | null }; tree: RefNode }

let columns: Float64Array[];
let y: Uint8Array;
const expected = JSON.parse(readFileSync(path.join(DIR, 'tree_expected.json'), 'utf8')) as { trees: RefTree[] };

before(async () => {
  const table = await readTable(path.join(DIR, 'tree.csv'));
  const cols = table.columns as NumericColumn[];
  columns = cols.slice(0, 6).map((c) => c.values);
  y = Uint8Array.from(cols[6].values);
});

function compare(nodes: CartNode[], id: number, ref: RefNode, where: string): number {
  const node = nodes[id];
  assert.equal(node.n, ref.n, `${where}: size`);
  assert.equal(node.errors, ref.errors, `${where}: errors`);
  assert.ok(Math.abs(node.impurity - ref.impurity) <= 1e-15, `${where}: impurity ${node.impurity} vs ${ref.impurity}`);
  if (ref.left === undefined) {
    assert.equal(node.feature, -1, `${where}: should be a leaf`);
    return 1;
  }
  assert.equal(node.feature, ref.feature, `${where}: feature`);
  assert.equal(node.threshold, ref.threshold, `${where}: threshold`);
  return 1 + compare(nodes, node.left, ref.left, `${where}L`) + compare(nodes, node.right, ref.right!, `${where}R`);
}

describe('fitCart matches sklearn DecisionTreeClassifier', () => {
  for (const [i, ref] of expected.trees.entries()) {
    const s = ref.settings;
    it(`max_depth ${s.max_depth}, min_samples_leaf ${s.min_samples_leaf}, max_leaf_nodes ${s.max_leaf_nodes} (#${i})`, () => {
      const nodes = fitCart(columns, y, { maxDepth: s.max_depth, minLeaf: s.min_samples_leaf, maxLeaves: s.max_leaf_nodes ?? undefined });
      const count = compare(nodes, 0, ref.tree, 'root');
      assert.equal(count, nodes.length, 'same number of nodes');
    });
  }
});

describe('fitCart edge cases', () => {
  it('a pure or tiny node is a leaf; missing values go right', () => {
    const x = Float64Array.from([1, 2, 3, 4, NaN, NaN]);
    assert.equal(fitCart([x], new Uint8Array(6), { maxDepth: 3, minLeaf: 1 }).length, 1);
    const nodes = fitCart([x], Uint8Array.from([0, 0, 1, 1, 1, 1]), { maxDepth: 1, minLeaf: 1 });
    assert.equal(nodes[0].threshold, 2.5);
    assert.deepEqual([nodes[1].n, nodes[2].n, nodes[2].errors], [2, 4, 4]);
  });

  it('best-first respects the leaf budget', () => {
    const nodes = fitCart(columns, y, { maxDepth: Infinity, minLeaf: 5, maxLeaves: 4 });
    assert.equal(nodes.filter((n) => n.feature < 0).length, 4);
  });
});
