/** Synthetic studies for the importance and chart tests: params drawn uniformly with a seeded Rng. */
import { Rng } from '../../../../src/core/tune/rng';
import type { ParamSpec, ParamValue, SearchSpace, Study, Trial } from '../../../../src/core/tune/types';

/** x in [-3, 3], y in [0, 1], z log-uniform in [1e-3, 1], opt categorical, depth int 1..8. */
export const SPACE: SearchSpace = {
  x: { type: 'float', low: -3, high: 3 },
  y: { type: 'float', low: 0, high: 1 },
  z: { type: 'float', low: 1e-3, high: 1, log: true },
  opt: { type: 'categorical', choices: ['adam', 'sgd', 'rmsprop'] },
  depth: { type: 'int', low: 1, high: 8 },
};

function draw(spec: ParamSpec, rng: Rng): ParamValue {
  if (spec.type === 'categorical') return spec.choices[rng.int(spec.choices.length)];
  if (spec.type === 'int') return spec.low + rng.int(spec.high - spec.low + 1);
  return spec.log ? Math.exp(rng.uniform(Math.log(spec.low), Math.log(spec.high))) : rng.uniform(spec.low, spec.high);
}

/** `n` COMPLETE trials with value `f(params)`, timestamps one second apart. */
export function syntheticStudy(n: number, f: (p: Record<string, ParamValue>) => number, seed = 1, space: SearchSpace = SPACE): Study {
  const rng = new Rng(seed);
  const trials: Trial[] = [];
  for (let i = 0; i < n; i++) {
    const params: Record<string, ParamValue> = {};
    for (const [k, spec] of Object.entries(space)) params[k] = draw(spec, rng);
    trials.push({
      id: i, number: i, state: 'COMPLETE', value: f(params), params, distributions: { ...space },
      intermediate: new Map(), userAttrs: {}, systemAttrs: {},
      start: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), complete: new Date(Date.UTC(2026, 0, 1, 0, 0, i + 1)).toISOString(),
    });
  }
  return { name: 'synthetic', direction: 'minimize', trials, userAttrs: {} };
}
