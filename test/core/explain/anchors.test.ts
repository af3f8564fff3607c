import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anchorsTabular } from '../../../src/core/explain/anchors';
import type { Matrix } from '../../../src/core/explain/matrix';
import { Rng } from '../../../src/core/metrics/rng';
import { fnModel } from './helpers';

/** Stratified uniform columns (exact quartiles), shuffled independently: x1 on [−0.6, 1], others [0, 1]. */
function ruleData(n: number, m: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const data = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const col = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    for (let i = n - 1; i > 0; i--) {
      const k = rng.nextInt(i + 1);
      [col[i], col[k]] = [col[k], col[i]];
    }
    col.forEach((v, i) => (data[i * m + j] = j === 1 ? -0.6 + 1.6 * v : v));
  }
  return { data, nRows: n, nCols: m };
}

const m = 4;
const data = ruleData(1000, m, 1);
const rule = (x: ArrayLike<number>): boolean => x[0] > 0.5 && x[1] < 0.2;
const model = fnModel(m, (x) => (rule(x) ? [0, 1] : [1, 0]), ['neg', 'pos']);

test('anchor of a positive row of "x0 > 0.5 AND x1 < 0.2" uses x0 and x1 only, precision ≥ 0.95', async () => {
  const xs: Matrix = { data: Float64Array.of(0.6, 0.0, 0.3, 0.9), nRows: 1, nCols: m };
  const r = await anchorsTabular(model, xs, { data, seed: 3 });
  const a = r.anchors[0];
  assert.equal(a.prediction, 'pos');
  assert.deepEqual(a.rule.map((p) => p.match(/x\d/)![0]).sort(), ['x0', 'x1'], a.rule.join(' AND '));
  assert.ok(a.precision >= 0.95, `precision ${a.precision}`);
  assert.deepEqual(a.rule, ['x0 > 0.5', 'x1 <= 0.2']);
  assert.ok(a.coverage > 0.05 && a.coverage <= 0.3, `coverage ${a.coverage}`);
  assert.ok(a.covered_examples.length > 0);
  for (const ex of a.covered_examples) assert.ok(rule(ex as number[]));
  for (const ex of a.uncovered_examples) assert.ok(!rule(ex as number[]));
});

test('anchors are seeded, and a negative row gets a high-precision anchor for its class', async () => {
  const xs: Matrix = { data: Float64Array.of(0.1, 0.7, 0.5, 0.5), nRows: 1, nCols: m };
  const a = await anchorsTabular(model, xs, { data, seed: 7 });
  const b = await anchorsTabular(model, xs, { data, seed: 7 });
  assert.deepEqual(a, b);
  const anchor = a.anchors[0];
  assert.equal(anchor.prediction, 'neg');
  assert.ok(anchor.precision >= 0.95);
  assert.ok(anchor.rule.length >= 1 && anchor.rule.length <= 2, anchor.rule.join(' AND '));
  assert.ok(anchor.rule.every((p) => /x[01]/.test(p)));
});

test('a constant model gets the empty anchor with full coverage', async () => {
  const constant = fnModel(m, () => [0.2, 0.8], ['a', 'b']);
  const r = await anchorsTabular(constant, { data: Float64Array.of(0.5, 0.5, 0.5, 0.5), nRows: 1, nCols: m }, { data });
  assert.deepEqual(r.anchors[0].rule, []);
  assert.equal(r.anchors[0].coverage, 1);
  assert.equal(r.anchors[0].precision, 1);
});
