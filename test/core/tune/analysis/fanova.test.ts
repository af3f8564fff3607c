import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fanovaImportance, treeVariances } from '../../../../src/core/tune/analysis/fanova';
import { fitTree, predictTree, type RegressionTree } from '../../../../src/core/tune/analysis/forest';
import type { Study, Trial } from '../../../../src/core/tune/types';
import { syntheticStudy } from './synthetic';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);
const byParam = (study: Study, seed = 0) => Object.fromEntries(fanovaImportance(study, { seed }).importances.map((p) => [p.param, p.importance]));
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

describe('fANOVA: the decomposition of one tree', () => {
  const leaf = (value: number) => ({ feature: -1, threshold: 0, left: -1, right: -1, value });
  it('a split on x alone puts all the variance in x', () => {
    const tree: RegressionTree = { nodes: [{ feature: 0, threshold: 0.5, left: 1, right: 2, value: 0.5 }, leaf(0), leaf(1)] };
    const v = treeVariances(tree, [0, 0], [1, 1]);
    close(v.total, 0.25, 1e-12, 'total');
    close(v.main[0], 0.25, 1e-12, 'x');
    close(v.main[1], 0, 1e-12, 'y');
  });
  it('an AND of x and y: main effects 1/16 each, interaction the remaining 1/16 (worked by hand)', () => {
    // f = 1 where x > 0.5 and y > 0.5: mean 1/4, variance 3/16; each marginal is 0 or 1/2.
    const tree: RegressionTree = {
      nodes: [
        { feature: 0, threshold: 0.5, left: 1, right: 4, value: 0 },
        { feature: 1, threshold: 0.5, left: 2, right: 3, value: 0 }, leaf(0), leaf(0),
        { feature: 1, threshold: 0.5, left: 5, right: 6, value: 0 }, leaf(0), leaf(1),
      ],
    };
    const v = treeVariances(tree, [0, 0], [1, 1]);
    close(v.total, 3 / 16, 1e-12, 'total');
    close(v.main[0], 1 / 16, 1e-12, 'x');
    close(v.main[1], 1 / 16, 1e-12, 'y');
  });
  it('uneven cells are weighted by their volume in the domain', () => {
    // Split at 0.2 on [0, 1]: f is 0 on 20% of the space and 1 on 80%: variance 0.16.
    const tree: RegressionTree = { nodes: [{ feature: 0, threshold: 0.2, left: 1, right: 2, value: 0 }, leaf(0), leaf(1)] };
    const v = treeVariances(tree, [0, 5], [1, 7]);
    close(v.total, 0.16, 1e-12, 'total');
    close(v.main[0], 0.16, 1e-12, 'x');
  });
});

describe('fANOVA: the regression tree', () => {
  it('a fully grown tree reproduces distinct training rows exactly', () => {
    const X = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5]);
    const y = Float64Array.from([1, 2, 3, 4, 5]);
    const tree = fitTree(X, 2, y, [0, 1, 2, 3, 4], 64);
    for (let r = 0; r < 5; r++) assert.equal(predictTree(tree, X.subarray(r * 2, r * 2 + 2)), y[r]);
  });
});

describe('fANOVA importance', () => {
  it('when only x matters, x takes nearly all the importance; importances sum to 1', () => {
    const imp = byParam(syntheticStudy(200, (p) => ((p.x as number) - 1) ** 2));
    close(sum(imp), 1, 1e-9, 'sum');
    assert.ok(imp.x > 0.95, JSON.stringify(imp));
    for (const k of ['y', 'z', 'opt', 'depth']) assert.ok(imp[k] < 0.02, `${k}: ${JSON.stringify(imp)}`);
  });
  it('a categorical parameter that alone matters is found', () => {
    const imp = byParam(syntheticStudy(200, (p) => ({ adam: 0, sgd: 3, rmsprop: 1 })[p.opt as string] as number));
    close(sum(imp), 1, 1e-9, 'sum');
    assert.ok(imp.opt > 0.95, JSON.stringify(imp));
  });
  it('a log-scaled parameter is judged in log space, an int one over its steps', () => {
    const imp = byParam(syntheticStudy(200, (p) => Math.log10(p.z as number) + 0.5 * (p.depth as number)));
    // Over the space: Var(log10 z) on [-3, 0] = 0.75; Var(0.5 depth) on 1..8 = 0.25 · 5.25 = 1.3125.
    assert.ok(imp.depth > imp.z && imp.z > 0.2, JSON.stringify(imp));
    close(imp.depth / (imp.depth + imp.z), 1.3125 / (1.3125 + 0.75), 0.08, 'depth share');
  });
  it('is seeded: the same seed gives the same numbers, another seed close ones', () => {
    const study = syntheticStudy(80, (p) => (p.x as number) + (p.y as number) * 3);
    assert.deepEqual(fanovaImportance(study, { seed: 3 }), fanovaImportance(study, { seed: 3 }));
    const a = byParam(study, 1);
    const b = byParam(study, 2);
    for (const k of Object.keys(a)) close(a[k], b[k], 0.08, k);
  });
  it('conditional parameters are left out and said so; too few trials give equal shares', () => {
    const study = syntheticStudy(30, (p) => p.x as number);
    for (const t of study.trials.slice(0, 10)) t.params.momentum = 0.5;
    const r = fanovaImportance(study);
    assert.deepEqual(r.skipped.map((s) => s.param), ['momentum']);
    const one = fanovaImportance({ ...study, trials: study.trials.slice(0, 1) });
    assert.ok(one.importances.every((p) => p.importance === 1 / 5));
  });
  it('agrees with Optuna 3.1\'s FanovaImportanceEvaluator (scikit-learn forest) on two studies', () => {
    const ref = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/tune/importance/fanova-reference.json'), 'utf8')) as {
      studies: { name: string; trials: { params: Trial['params']; distributions: Trial['distributions']; value: number }[]; optuna_importances: Record<string, number> }[];
    };
    for (const s of ref.studies) {
      const trials: Trial[] = s.trials.map((t, i) => ({ id: i, number: i, state: 'COMPLETE', value: t.value, params: t.params, distributions: t.distributions, intermediate: new Map(), userAttrs: {}, systemAttrs: {}, start: undefined, complete: undefined }));
      const ours = byParam({ name: s.name, direction: 'minimize', trials, userAttrs: {} });
      for (const [k, v] of Object.entries(s.optuna_importances)) close(ours[k], v, 0.02, `${s.name}.${k}`);
      const rank = (o: Record<string, number>) => Object.keys(o).sort((a, b) => o[b] - o[a])[0];
      assert.equal(rank(ours), rank(s.optuna_importances));
    }
  });
});
