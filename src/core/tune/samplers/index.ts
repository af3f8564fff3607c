/** Samplers by name. */
import type { SamplerSpec } from '../types';
import { GridSampler } from './grid';
import { RandomSampler, type Sampler } from './sampler';
import { TpeSampler } from './tpe';

export { GridSampler, gridPoints } from './grid';
export { RandomSampler, type SampleContext, type Sampler, sampleUniform } from './sampler';
export { defaultGamma, defaultWeights, splitTrials, TpeSampler, type TpeOptions } from './tpe';

/** The sampler for a spec. */
export function createSampler(spec: SamplerSpec): Sampler {
  switch (spec.type) {
    case 'random':
      return new RandomSampler();
    case 'grid':
      return new GridSampler();
    case 'tpe':
      return new TpeSampler({ startupTrials: spec.startupTrials, eiCandidates: spec.eiCandidates, multivariate: spec.multivariate });
  }
}
