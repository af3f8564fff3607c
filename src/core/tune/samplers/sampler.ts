/** What every sampler implements, and the random draw every sampler starts from. */
import type { Rng } from '../rng';
import { conditionHolds, roundStep } from '../space';
import type { Direction, ParamSpec, ParamValue, SearchSpace, Trial } from '../types';

/** What a sampler sees when asked for a new trial's parameters. */
export interface SampleContext {
  space: SearchSpace;
  /** Every trial of the study so far, running ones included. */
  trials: readonly Trial[];
  direction: Direction;
  /** The new trial's number. */
  number: number;
  /** Seeded for (sweep seed, trial number): suggestions repeat for a seed. */
  rng: Rng;
}

/** A sampler proposes parameters; `undefined` means it has nothing left (a finished grid). */
export interface Sampler {
  readonly name: string;
  sample(ctx: SampleContext): Record<string, ParamValue> | undefined;
}

/** A uniform draw from one parameter's distribution (log-uniform for log ones; on the step grid). */
export function sampleUniform(spec: ParamSpec, rng: Rng): ParamValue {
  if (spec.type === 'categorical') return spec.choices[rng.int(spec.choices.length)];
  const step = spec.type === 'int' ? (spec.step ?? 1) : spec.step;
  if (spec.log) {
    const lo = Math.log(step ? spec.low - step / 2 : spec.low);
    const hi = Math.log(step ? spec.high + step / 2 : spec.high);
    let x = Math.exp(rng.uniform(lo, hi));
    if (step) x = Math.min(Math.max(spec.low + Math.round((x - spec.low) / step) * step, spec.low), spec.high);
    return spec.type === 'int' ? Math.round(x) : x;
  }
  if (step) {
    const n = Math.floor((spec.high - spec.low) / step + 1e-9) + 1;
    const x = spec.low + rng.int(n) * step;
    return spec.type === 'int' ? Math.round(x) : roundStep(x, step);
  }
  return rng.uniform(spec.low, spec.high);
}

/**
 * Suggests parameters one by one in space order, skipping those whose `when` does not hold for
 * the values chosen before them.
 */
export function suggestInOrder(
  space: SearchSpace,
  suggest: (name: string, spec: ParamSpec, chosen: Record<string, ParamValue>) => ParamValue,
  preset: Record<string, ParamValue> = {},
): Record<string, ParamValue> {
  const chosen: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(space)) {
    if (!conditionHolds(spec.when, chosen)) continue;
    chosen[name] = name in preset ? preset[name] : suggest(name, spec, chosen);
  }
  return chosen;
}

/** Random search: every parameter uniform, independently. */
export class RandomSampler implements Sampler {
  readonly name = 'random';
  sample(ctx: SampleContext): Record<string, ParamValue> {
    return suggestInOrder(ctx.space, (_name, spec) => sampleUniform(spec, ctx.rng));
  }
}
