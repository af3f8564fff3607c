// The `posthoc run` contract: runs from posthoc.json, --only, exit codes, never overwriting files.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { EXAMPLE, ensureBuilt, posthoc, tempDir } from './helpers';

before(ensureBuilt);

const REGRESSION = path.join(EXAMPLE, '..', 'diabetes-regression');

/** A run file in a fresh folder whose paths point at the examples relative to that folder. */
function runFolder(overrides: { bcData?: string } = {}): string {
  const dir = tempDir();
  const rel = (p: string) => path.relative(dir, p).split(path.sep).join('/');
  const text = `// written by run.test.ts
{
  "runs": {
    "breast-cancer": {
      "kind": "evaluate",
      "model": "${rel(path.join(EXAMPLE, 'model.onnx'))}",
      "data": "${overrides.bcData ?? rel(path.join(EXAMPLE, 'test.csv'))}",
      "label": "target",
      "bootstrap": 0,
      "reports": { "json": "out/bc.json", "md": "out/bc.md" },
    },
    "diabetes": {
      "kind": "evaluate",
      "model": "${rel(path.join(REGRESSION, 'model.onnx'))}",
      "data": "${rel(path.join(REGRESSION, 'test.csv'))}",
      "task": "regression",
      "bootstrap": 0,
      "reports": { "json": "out/diabetes.json" },
    },
  },
}
`;
  writeFileSync(path.join(dir, 'posthoc.json'), text);
  return dir;
}

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('posthoc run', () => {
  it('runs every run of ./posthoc.json and writes their reports', () => {
    const dir = runFolder();
    const r = posthoc(['run'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(json(path.join(dir, 'out', 'bc.json')).task, 'binary');
    assert.ok(existsSync(path.join(dir, 'out', 'bc.md')));
    assert.equal(json(path.join(dir, 'out', 'diabetes.json')).task, 'regression');
    assert.match(r.stdout, /^breast-cancer \(evaluate\)$/m);
    assert.match(r.stdout, /binary model, 171 rows/);
    assert.match(r.stdout, /regression model, 133 rows/);
    assert.match(r.stdout, /wrote out[/\\]bc\.json/);
    assert.match(r.stdout, /2 runs succeeded/);
  });

  it('takes the file as an argument and runs only the runs named by --only', () => {
    const dir = runFolder();
    const r = posthoc(['run', path.join(dir, 'posthoc.json'), '--only', 'diabetes']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(path.join(dir, 'out', 'diabetes.json')));
    assert.equal(existsSync(path.join(dir, 'out', 'bc.json')), false);
    assert.match(r.stdout, /1 run succeeded/);
  });

  it('exits 2 for an unknown run name, listing the names', () => {
    const dir = runFolder();
    const r = posthoc(['run', '--only', 'breast'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no run 'breast' in posthoc\.json \(did you mean 'breast-cancer'\?\); runs are: breast-cancer, diabetes/);
    assert.equal(existsSync(path.join(dir, 'out')), false);
  });

  it('keeps going after a failed run, names it, and exits 1', () => {
    const dir = runFolder({ bcData: 'missing.csv' });
    const r = posthoc(['run'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /run 'breast-cancer' failed: .*missing\.csv/);
    assert.match(r.stderr, /1 of 2 runs failed: breast-cancer/);
    assert.equal(json(path.join(dir, 'out', 'diabetes.json')).task, 'regression');
    assert.equal(existsSync(path.join(dir, 'out', 'bc.json')), false);
  });

  it('refuses to overwrite report files without --force', () => {
    const dir = runFolder();
    assert.equal(posthoc(['run', '--only', 'diabetes'], dir).status, 0);
    writeFileSync(path.join(dir, 'out', 'diabetes.json'), 'precious');
    const r = posthoc(['run'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /diabetes\.json already exists.*--force/s);
    assert.match(r.stderr, /1 of 2 runs failed: diabetes/);
    assert.equal(readFileSync(path.join(dir, 'out', 'diabetes.json'), 'utf8'), 'precious');
    assert.ok(existsSync(path.join(dir, 'out', 'bc.json')), 'the other run still wrote its reports');
    const forced = posthoc(['run', '--force'], dir);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(json(path.join(dir, 'out', 'diabetes.json')).task, 'regression');
  });
});

describe('posthoc run usage errors exit 2', () => {
  it('names file:line:col for a bad run file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'posthoc.json'), '{\n  "runs": {\n    "a": { "kind": "evaluate", "model": "m", "data": "d", "threshold": 7 }\n  }\n}\n');
    const r = posthoc(['run'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^posthoc\.json:3:72: 'threshold' must be a number between 0 and 1; got 7$/m);
  });

  it('says where it looked when the file is missing', () => {
    const dir = tempDir();
    const r = posthoc(['run'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /posthoc\.json not found/);
  });

  it('rejects unknown flags and extra files', () => {
    assert.equal(posthoc(['run', '--colour']).status, 2);
    assert.equal(posthoc(['run', 'a.json', 'b.json']).status, 2);
  });

  it('prints help with exit 0, and the main help lists the command', () => {
    const r = posthoc(['run', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--only/);
    assert.match(posthoc(['--help']).stdout, /run\s+execute the runs/);
  });
});

describe('posthoc run: explain runs', () => {
  it('executes an explain run (cohort included) and writes its JSON, the same as posthoc explain', () => {
    const dir = tempDir();
    const rel = (p: string) => path.relative(dir, p).split(path.sep).join('/');
    const model = path.join(EXAMPLE, 'model.onnx');
    const data = path.join(EXAMPLE, 'test.csv');
    writeFileSync(path.join(dir, 'posthoc.json'), `{
  "cohorts": { "small": "mean_radius < 13" },
  "runs": {
    "shap": { "kind": "explain", "model": "${rel(model)}", "data": "${rel(data)}", "label": "target", "method": "kernel-shap",
              "rows": [0, 2], "background": 10, "samples": 200, "seed": 5, "cohort": "small",
              "reports": { "json": "out/shap.json", "md": "out/shap.md" } }
  }
}`);
    const r = posthoc(['run'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^shap \(explain\)$/m);
    assert.match(r.stdout, /1 run succeeded/);
    const got = json(path.join(dir, 'out', 'shap.json'));
    assert.equal(got.method, 'kernel-shap');
    assert.equal(got.context.cohort.name, 'small');
    assert.ok(existsSync(path.join(dir, 'out', 'shap.md')));
    const direct = path.join(dir, 'direct.json');
    const d = posthoc(['explain', '--model', model, '--data', data, '--label', 'target', '--method', 'kernel-shap', '--rows', '0,2', '--background', '10',
      '--samples', '200', '--seed', '5', '--where', 'mean_radius < 13', '--json', direct]);
    assert.equal(d.status, 0, d.stderr);
    assert.deepEqual(got.values, json(direct).values);
    // Reports are never overwritten without --force.
    assert.equal(posthoc(['run'], dir).status, 1);
    assert.equal(posthoc(['run', '--force', '--only', 'shap'], dir).status, 0);
  });
});
