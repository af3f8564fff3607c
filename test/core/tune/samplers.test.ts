// Samplers: TPE beats random search, grids are covered once, conditions hold, seeds repeat.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GridSampler, gridPoints, RandomSampler, TpeSampler } from '../../../src/core/tune/samplers';
import { defaultGamma, defaultWeights, splitTrials } from '../../../src/core/tune/samplers/tpe';
import type { ParamValue, SearchSpace } from '../../../src/core/tune/types';
import { bestValue, makeTrial, simulate } from './helpers';

const QUAD: SearchSpace = { x: { type: 'float', low: -5, high: 5 }, y: { type: 'float', low: -5, high: 5 } };
const quad = (p: Record<string, ParamValue>) => ((p.x as number) - 1) ** 2 + ((p.y as number) + 2) ** 2;

const BRANIN: SearchSpace = { x: { type: 'float', low: -5, high: 10 }, y: { type: 'float', low: 0, high: 15 } };
function branin(p: Record<string, ParamValue>): number {
  const x = p.x as number;
  const y = p.y as number;
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
}

const CONDITIONAL: SearchSpace = {
  optimizer: { type: 'categorical', choices: ['adam', 'sgd'] },
  momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: 'sgd' } },
  lr: { type: 'float', low: 1e-4, high: 1e-1, log: true },
  depth: { type: 'int', low: 2, high: 10, step: 2 },
};

function meanBest(make: () => TpeSampler | RandomSampler, space: SearchSpace, f: typeof quad): number {
  let sum = 0;
  for (let seed = 0; seed < 5; seed++) sum += bestValue(simulate(make(), space, f, 40, seed));
  return sum / 5;
}

describe('TPE', () => {
  it('gamma and weights follow Optuna: min(ceil(0.1 n), 25); ramp below the last 25', () => {
    assert.deepEqual([0, 1, 10, 11, 100, 300].map(defaultGamma), [0, 1, 1, 2, 10, 25]);
    assert.deepEqual(defaultWeights(3), [1, 1, 1]);
    const w = defaultWeights(30);
    assert.equal(w.length, 30);
    assert.ok(Math.abs(w[0] - 1 / 30) < 1e-12 && w[4] === 1 && w.slice(5).every((x) => x === 1));
  });

  it('ranks pruned trials after complete ones, deeper and better first', () => {
    const a = makeTrial(0, {}, 5);
    const b = makeTrial(1, {}, undefined, 'PRUNED');
    b.intermediate.set(3, 1);
    const c = makeTrial(2, {}, undefined, 'PRUNED');
    c.intermediate.set(1, 0);
    const rest = Array.from({ length: 8 }, (_, i) => {
      const t = makeTrial(3 + i, {}, undefined, 'PRUNED');
      t.intermediate.set(1, 5 + i);
      return t;
    });
    const { below, above } = splitTrials([c, ...rest, b, a], 'minimize');
    assert.deepEqual(below.map((t) => t.number), [0, 1]);
    assert.deepEqual(above.map((t) => t.number), [2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('beats random search on a 2-D quadratic and on Branin (mean best of 40 trials, 5 seeds)', () => {
    for (const [space, f, name] of [[QUAD, quad, 'quadratic'], [BRANIN, branin, 'Branin']] as const) {
      const tpe = meanBest(() => new TpeSampler(), space, f);
      const random = meanBest(() => new RandomSampler(), space, f);
      assert.ok(tpe < random, `${name}: TPE ${tpe} vs random ${random}`);
    }
  });

  it('multivariate TPE also beats random search', () => {
    const tpe = meanBest(() => new TpeSampler({ multivariate: true }), QUAD, quad);
    const random = meanBest(() => new RandomSampler(), QUAD, quad);
    assert.ok(tpe < random, `TPE ${tpe} vs random ${random}`);
  });

  it('gives the same suggestions for the same seed, different ones for another', () => {
    const f = (p: Record<string, ParamValue>) => (p.lr as number) * 100 + (p.depth as number) + (p.optimizer === 'sgd' ? (p.momentum as number) : 1);
    const run = (seed: number) => simulate(new TpeSampler(), CONDITIONAL, f, 25, seed).map((t) => t.params);
    assert.deepEqual(run(3), run(3));
    assert.notDeepEqual(run(3), run(4));
  });

  it('keeps values inside bounds and on steps; conditional params only when their condition holds', () => {
    for (const make of [() => new TpeSampler(), () => new TpeSampler({ multivariate: true }), () => new RandomSampler()]) {
      const trials = simulate(make(), CONDITIONAL, (p) => (p.depth as number) + Math.log(p.lr as number), 40, 1);
      for (const { params: p } of trials) {
        assert.ok(['adam', 'sgd'].includes(p.optimizer as string));
        assert.equal('momentum' in p, p.optimizer === 'sgd', JSON.stringify(p));
        if (p.optimizer === 'sgd') assert.ok((p.momentum as number) >= 0 && (p.momentum as number) <= 0.99);
        assert.ok((p.lr as number) >= 1e-4 && (p.lr as number) <= 0.1);
        assert.ok([2, 4, 6, 8, 10].includes(p.depth as number), String(p.depth));
      }
      assert.ok(trials.some((t) => 'momentum' in t.params) && trials.some((t) => !('momentum' in t.params)));
    }
  });
});

describe('grid sampler', () => {
  it('covers the grid exactly once, then stops', () => {
    const space: SearchSpace = {
      a: { type: 'int', low: 1, high: 3 },
      b: { type: 'float', low: 0, high: 0.2, step: 0.1 },
      c: { type: 'categorical', choices: ['p', 'q'] },
    };
    const trials = simulate(new GridSampler(), space, () => 0, 100, 0);
    assert.equal(trials.length, 18);
    const keys = trials.map((t) => JSON.stringify(t.params));
    assert.equal(new Set(keys).size, 18);
    assert.ok(keys.includes(JSON.stringify({ a: 2, b: 0.1, c: 'q' })));
  });

  it('drops inactive conditional params, so no point is repeated', () => {
    const points = gridPoints({
      opt: { type: 'categorical', choices: ['adam', 'sgd'] },
      momentum: { type: 'float', low: 0, high: 0.9, step: 0.45, when: { opt: 'sgd' } },
    });
    assert.deepEqual(points, [{ opt: 'adam' }, { opt: 'sgd', momentum: 0 }, { opt: 'sgd', momentum: 0.45 }, { opt: 'sgd', momentum: 0.9 }]);
  });

  it('re-runs points whose trial was interrupted, not those that failed on their own', () => {
    const space: SearchSpace = { a: { type: 'int', low: 1, high: 3 } };
    const failed = makeTrial(0, { a: 1 }, undefined, 'FAIL');
    const interrupted = makeTrial(1, { a: 2 }, undefined, 'FAIL');
    interrupted.systemAttrs['posthoc:interrupted'] = true;
    const sampler = new GridSampler();
    const next = (trials: ReturnType<typeof makeTrial>[]) => sampler.sample({ space, trials, direction: 'minimize', number: trials.length, rng: undefined as never });
    assert.deepEqual(next([failed, interrupted]), { a: 2 });
    assert.deepEqual(next([failed, interrupted, makeTrial(2, { a: 2 }, 1), makeTrial(3, { a: 3 }, 1)]), undefined);
  });
});
