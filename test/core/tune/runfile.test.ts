// Sweeps in posthoc.json: `kind: "tune"` runs parse into resolved sweeps with defaults, and the
// schema's tuneRun lists exactly the keys the parser accepts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseRunFile, SWEEP_DEFAULTS, TUNE_FIELDS, TUNE_REQUIRED } from '../../../src/core/runfile';
import { PARAM_KEYS, PRUNER_KEYS, SAMPLER_KEYS } from '../../../src/core/runfile/sweepFields';

const ROOT = path.join(__dirname, '..', '..', '..');
const FILE = path.join(ROOT, 'test', 'fixtures', 'runfile', 'valid', 'tune.json');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'posthoc.schema.json'), 'utf8'));

describe('tune runs in posthoc.json', () => {
  const file = parseRunFile(readFileSync(FILE, 'utf8'), FILE);
  const dir = path.dirname(FILE);

  it('go to sweeps, evaluate runs stay in runs', () => {
    assert.deepEqual(file.runs.map((r) => r.name), ['eval']);
    assert.deepEqual(file.sweeps.map((r) => [r.name, r.kind]), [['sweep', 'tune'], ['grid', 'tune']]);
  });

  it('resolve paths and storage against the file, and keep every setting', () => {
    const { sweep } = file.sweeps[0];
    assert.equal(sweep.cwd, path.join(dir, 'train'));
    assert.equal(sweep.storage, `journal:${path.join(dir, 'studies', 'sweep.log')}`);
    assert.equal(sweep.study, 'sweep-v1');
    assert.deepEqual(sweep.space.momentum, { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd', 1] } });
    assert.deepEqual(sweep.space.lr, { type: 'float', low: 0.0001, high: 0.1, log: true });
    assert.deepEqual(sweep.sampler, { type: 'tpe', startupTrials: 10, eiCandidates: 24, multivariate: true });
    assert.deepEqual([sweep.trials, sweep.parallel, sweep.timeout, sweep.seed, sweep.direction], [40, 2, 600, 1, 'minimize']);
  });

  it('apply defaults: TPE, no pruner, 20 trials, one at a time, storage under .posthoc/tune', () => {
    const text = '{ "runs": { "s": { "kind": "tune", "command": "t {x}", "space": { "x": { "type": "int", "low": 0, "high": 3 } }, "objective": { "json": "loss" } } } }';
    const { sweep } = parseRunFile(text, '/w/posthoc.json').sweeps[0];
    assert.deepEqual(
      [sweep.sampler, sweep.pruner, sweep.trials, sweep.parallel, sweep.timeout, sweep.seed, sweep.direction, sweep.shell, sweep.cwd, sweep.study],
      [{ type: 'tpe' }, { type: 'none' }, SWEEP_DEFAULTS.trials, 1, 0, 0, 'minimize', false, '/w', 's'],
    );
    assert.equal(sweep.storage, 'journal:/w/.posthoc/tune/s.log');
  });

  it('the schema lists the same keys, required keys and defaults', () => {
    const tune = schema.definitions.tuneRun;
    assert.deepEqual(Object.keys(tune.properties), Object.keys(TUNE_FIELDS));
    assert.deepEqual(tune.required, [...TUNE_REQUIRED]);
    assert.equal(tune.additionalProperties, false);
    for (const key of ['direction', 'trials', 'parallel', 'timeout', 'seed', 'shell'] as const) assert.equal(tune.properties[key].default, SWEEP_DEFAULTS[key], key);
    assert.deepEqual(Object.keys(schema.definitions.param.properties), [...PARAM_KEYS]);
    assert.deepEqual(Object.keys(tune.properties.sampler.properties), [...SAMPLER_KEYS]);
    assert.deepEqual(Object.keys(tune.properties.pruner.properties), [...PRUNER_KEYS]);
    assert.deepEqual(schema.definitions.run.if, { properties: { kind: { const: 'tune' } }, required: ['kind'] });
  });
});
