// TPE suggestion time with 1,000 finished trials (aim: < 50 ms per suggestion), against
// Optuna's own TPESampler on the same kind of study, measured in the same run when
// /usr/bin/python3 has Optuna (bench/tpe_optuna.py).  Run: npx tsx bench/tpe.bench.ts
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Rng } from '../src/core/tune/rng';
import { TpeSampler } from '../src/core/tune/samplers';
import type { ParamValue, SearchSpace, Trial } from '../src/core/tune/types';

const N = 1000;
const REPEATS = 20;
const space: SearchSpace = {
  x: { type: 'float', low: -5, high: 5 },
  lr: { type: 'float', low: 1e-4, high: 1e-1, log: true },
  depth: { type: 'int', low: 2, high: 10, step: 2 },
  opt: { type: 'categorical', choices: ['adam', 'sgd', 'rmsprop'] },
};

function objective(p: Record<string, ParamValue>): number {
  return ((p.x as number) - 1) ** 2 + Math.abs(Math.log10(p.lr as number) + 2) + (p.depth as number) / 10 + (p.opt === 'sgd' ? 1 : 0);
}

function finishedTrials(): Trial[] {
  const rng = new Rng(0);
  return Array.from({ length: N }, (_, i) => {
    const params: Record<string, ParamValue> = {
      x: rng.uniform(-5, 5),
      lr: Math.exp(rng.uniform(Math.log(1e-4), Math.log(1e-1))),
      depth: 2 + 2 * rng.int(5),
      opt: ['adam', 'sgd', 'rmsprop'][rng.int(3)],
    };
    return { id: i, number: i, state: 'COMPLETE', value: objective(params), params, distributions: {}, intermediate: new Map(), userAttrs: {}, systemAttrs: {}, start: undefined, complete: undefined };
  });
}

function timeSuggestions(multivariate: boolean): number {
  const trials = finishedTrials();
  const sampler = new TpeSampler({ multivariate });
  sampler.sample({ space, trials, direction: 'minimize', number: N, rng: new Rng(1, N) }); // warm up
  // The median of 5 rounds: the machine may be busy with other work.
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < REPEATS; i++) sampler.sample({ space, trials, direction: 'minimize', number: N + i, rng: new Rng(1, N + i) });
    rounds.push((performance.now() - start) / REPEATS);
  }
  return rounds.sort((a, b) => a - b)[2];
}

function optunaTime(): number | undefined {
  const r = spawnSync('/usr/bin/python3', [path.join(__dirname, 'tpe_optuna.py'), String(N), String(REPEATS)], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return (JSON.parse(r.stdout.trim().split('\n').pop() as string) as { ms_per_suggestion: number }).ms_per_suggestion;
}

const independent = timeSuggestions(false);
const multivariate = timeSuggestions(true);
console.log(`TPE suggestion, ${N} finished trials, 4 params: ${independent.toFixed(2)} ms (independent), ${multivariate.toFixed(2)} ms (multivariate); aim < 50 ms`);
const peer = process.env.NO_PEER ? undefined : optunaTime();
if (peer === undefined) console.log('Optuna (Python) not available: no ratio (apt-get install python3-optuna)');
else console.log(`Optuna 3.1 TPESampler, same study: ${peer.toFixed(2)} ms per suggestion; Posthoc is ${(peer / independent).toFixed(1)}x faster`);
