// Helpers for the tuning tests: in-memory studies (trials without processes or storage), and
// Optuna (Python) as the reference reader of journal files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Rng } from '../../../src/core/tune/rng';
import type { Sampler } from '../../../src/core/tune/samplers';
import type { Direction, ParamValue, SearchSpace, Trial } from '../../../src/core/tune/types';

/** A finished trial with these values. */
export function makeTrial(number: number, params: Record<string, ParamValue>, value: number | undefined, state: Trial['state'] = 'COMPLETE'): Trial {
  return { id: number, number, state, value, params, distributions: {}, intermediate: new Map(), userAttrs: {}, systemAttrs: {}, start: undefined, complete: undefined };
}

/** Runs `n` trials of a sampler on an objective; returns the trials. */
export function simulate(
  sampler: Sampler,
  space: SearchSpace,
  objective: (p: Record<string, ParamValue>) => number,
  n: number,
  seed: number,
  direction: Direction = 'minimize',
): Trial[] {
  const trials: Trial[] = [];
  for (let i = 0; i < n; i++) {
    const params = sampler.sample({ space, trials, direction, number: i, rng: new Rng(seed, i) });
    if (!params) break;
    trials.push(makeTrial(i, params, objective(params)));
  }
  return trials;
}

/** The best value of a list of trials. */
export function bestValue(trials: Trial[], direction: Direction = 'minimize'): number {
  const values = trials.map((t) => t.value as number);
  return direction === 'minimize' ? Math.min(...values) : Math.max(...values);
}

/** test/fixtures/tune */
export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'tune');
const PYTHON = '/usr/bin/python3';

/** A skip reason when /usr/bin/python3 with Optuna is not installed, else false. */
export function optunaMissing(): string | false {
  const r = spawnSync(PYTHON, ['-c', 'import optuna'], { encoding: 'utf8' });
  return r.status === 0 ? false : `skipped: ${PYTHON} with optuna is not installed (apt-get install python3-optuna)`;
}

/** What Optuna sees in a journal file (test/fixtures/tune/load_study.py). */
export interface OptunaView {
  direction: string;
  trials: { number: number; state: string; value: number | null; params: Record<string, unknown>; intermediate: Record<string, number>; system_attrs: Record<string, unknown> }[];
  best: { value: number; params: Record<string, unknown> } | null;
}

/** Loads a study with Optuna and returns what it sees. */
export function loadWithOptuna(file: string, study: string): OptunaView {
  const r = spawnSync(PYTHON, [path.join(FIXTURES, 'load_study.py'), file, study], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as OptunaView;
}

/** Whether a process is alive (a zombie waiting for init to reap it is not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
