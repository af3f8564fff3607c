// `posthoc cohorts` and `posthoc evaluate --cohort/--where` as a user runs them.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt, posthoc, ROOT, tempDir } from './helpers';

const F = path.join(ROOT, 'test', 'fixtures', 'cohorts');
const MODEL = ['--model', path.join(F, 'binary.onnx'), '--data', path.join(F, 'binary.csv'), '--features', 'f0,f1,f2,f3', '--label', 'target'];
const expected = JSON.parse(readFileSync(path.join(F, 'expected.json'), 'utf8')).cohorts.binary;

describe('posthoc cohorts', () => {
  const dir = tempDir();
  before(() => {
    ensureBuilt();
    writeFileSync(path.join(dir, 'posthoc.json'), JSON.stringify({
      runs: { r: { kind: 'evaluate', model: 'm.onnx', data: 'd.csv' } },
      cohorts: { young: 'age < 30', women: 'sex == "F"' },
    }));
    writeFileSync(path.join(dir, 'broken.json'), '{\n  "cohorts": {\n    "young": "age < 30",\n    "broken": "age <"\n  }\n}\n');
  });

  it('writes every metric per cohort beside all rows', () => {
    const json = path.join(dir, 'c.json');
    const r = posthoc(['cohorts', ...MODEL, '--weight', 'weight', '--where', 'age < 30', '--where', 'score between 0.4 and 0.6', '--bootstrap', '20', '--json', json, '--md', path.join(dir, 'c.md')], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /all rows: 600 rows/);
    assert.match(r.stdout, /age < 30: 117 rows/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(out.cohorts.length, 2);
    assert.equal(out.cohorts[1].n_rows, expected.cohorts.uncertain.n_rows);
    assert.ok(Math.abs(out.cohorts[0].metrics.roc_auc - expected.cohorts.young.metrics.roc_auc) < 1e-5);
    assert.match(readFileSync(path.join(dir, 'c.md'), 'utf8'), /Metrics by cohort/);
  });

  it('reads named cohorts from posthoc.json; a bad one is a usage error at its place', () => {
    const ok = posthoc(['cohorts', ...MODEL, '--cohort', 'young', '--cohort', 'women', '--bootstrap', '0'], dir);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /women: 287 rows/);
    const bad = posthoc(['cohorts', ...MODEL, '--config', 'broken.json', '--cohort', 'young'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /broken\.json:4:21: cohort 'broken': expected a column, number or quoted text, found the end of the expression/);
  });

  it('usage errors: no cohort, unknown cohort, unknown column (before the model runs)', () => {
    const none = posthoc(['cohorts', ...MODEL], dir);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /name at least one cohort/);
    const cfg = path.join(dir, 'only.json');
    writeFileSync(cfg, '{ "cohorts": { "young": "age < 30" } }');
    const unknown = posthoc(['cohorts', ...MODEL, '--config', cfg, '--cohort', 'yung'], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no cohort 'yung' \(did you mean 'young'\?\); cohorts in .*only\.json: young/);
    const column = posthoc(['cohorts', ...MODEL, '--where', 'sex == "F" and agee > 3'], dir);
    assert.equal(column.status, 2);
    assert.match(column.stderr, /unknown column 'agee' \(did you mean 'age'\?\) at 1:16/);
  });
});

describe('posthoc evaluate --cohort / --where', () => {
  before(ensureBuilt);
  it('evaluates on the filtered rows and records the cohort', () => {
    const dir = tempDir();
    const json = path.join(dir, 'e.json');
    const r = posthoc(['evaluate', ...MODEL, '--weight', 'weight', '--where', 'age < 30 and sex == "F"', '--bootstrap', '0', '--json', json]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    const e = expected.cohorts.young_women;
    assert.equal(out.n_rows, e.n_rows);
    assert.deepEqual(out.cohort, { name: e.expression, expression: e.expression, n_rows: e.n_rows, n_total: 600 });
    assert.ok(Math.abs(out.metrics.log_loss - e.metrics.log_loss) < 1e-5);
  });
  it('one cohort at a time; an empty cohort fails', () => {
    const two = posthoc(['evaluate', ...MODEL, '--where', 'age < 30', '--where', 'age > 60']);
    assert.equal(two.status, 2);
    assert.match(two.stderr, /give one --cohort or --where/);
    const empty = posthoc(['evaluate', ...MODEL, '--where', 'age > 500']);
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /selects none of the 600 rows/);
  });
});
