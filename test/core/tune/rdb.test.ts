// Optuna's SQLite storage, read-only: a study Optuna 3.1 wrote (test/fixtures/tune/make_optuna_sqlite.py)
// reads the same in Posthoc as through Optuna's own API, from sources and from the built CLI.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readSqliteStudy, sqlitePath } from '../../../src/core/tune/rdb';
import { journalPath, readStudy, studyNames, summarizeStudy } from '../../../src/core/tune/storage';
import { ensureBuilt, posthoc } from '../../cli/helpers';
import { FIXTURES } from './helpers';

const DB = path.join(FIXTURES, 'optuna-study.db');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'optuna-sqlite.expected.json'), 'utf8'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-rdb-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface SqlJsDb {
  run(sql: string): void;
  export(): Uint8Array;
}
/** An SQLite file written with sql.js: `sql` applied to an empty database, or to `from`. */
async function sqliteFile(name: string, sql: string, from?: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const init = require('sql.js') as (c?: object) => Promise<{ Database: new (data?: Uint8Array) => SqlJsDb }>;
  const { Database } = await init();
  const db = new Database(from ? readFileSync(from) : undefined);
  db.run(sql);
  const file = path.join(dir, name);
  writeFileSync(file, db.export());
  return file;
}

type ExpectedTrial = { number: number; state: string; value: number | null; params: object; intermediate: Record<string, number>; user_attrs: object };

function assertSameTrials(actual: Awaited<ReturnType<typeof readStudy>>['trials'], wanted: ExpectedTrial[]): void {
  assert.equal(actual.length, wanted.length);
  for (const [i, t] of actual.entries()) {
    const e = wanted[i];
    assert.deepEqual([t.number, t.state, t.value ?? null, t.params, t.userAttrs], [e.number, e.state, e.value, e.params, e.user_attrs], `trial ${i}`);
    assert.deepEqual(Object.fromEntries([...t.intermediate].map(([k, v]) => [String(k), v])), e.intermediate, `trial ${i} intermediate values`);
  }
}

describe('Optuna SQLite storage (read-only)', () => {
  it("reads a study Optuna wrote as Optuna's API does: numbers, states, values, decoded params, intermediate values", async () => {
    const before = statSync(DB).mtimeMs;
    const study = await readStudy(`sqlite:///${DB}`, 'sqlite-made');
    const summary = summarizeStudy(study);
    assert.equal(summary.direction, expected.direction);
    assert.equal(summary.n_trials, expected.n_trials);
    assert.equal(summary.best_value, expected.best_value);
    assert.deepEqual(summary.best_params, expected.best_params);
    assert.deepEqual(study.userAttrs, expected.user_attrs);
    assertSameTrials(study.trials, expected.trials);
    assert.deepEqual(new Set(study.trials.map((t) => t.state)), new Set(['COMPLETE', 'PRUNED', 'FAIL']));
    // Categorical values of every JSON type come back from their stored indices.
    assert.deepEqual(study.trials[0].distributions.act, { type: 'categorical', choices: ['relu', 'tanh', null, 2, true] });
    assert.deepEqual(study.trials[0].distributions.units, { type: 'int', low: 8, high: 64, log: false, step: 8 });
    assert.deepEqual(study.trials[0].distributions.lr, { type: 'float', low: 1e-4, high: 0.1, log: true });
    assert.deepEqual(study.trials[0].distributions.dropout, { type: 'float', low: 0, high: 0.5, log: false, step: 0.1 });
    assert.match(study.trials[0].start ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const second = await readStudy(DB, 'second');
    assert.equal(second.direction, expected.second.direction);
    assertSameTrials(second.trials, expected.second.trials);
    assert.equal(statSync(DB).mtimeMs, before, 'the file is never written');
  });

  it('asks for a name when the file holds several studies, and lists them', async () => {
    assert.deepEqual(await studyNames(DB), expected.studies);
    await assert.rejects(readStudy(`sqlite:///${DB}`), /holds 2 studies; pick one with --study: sqlite-made, second/);
    await assert.rejects(readStudy(`sqlite:///${DB}`, 'nope'), /no study 'nope' in .*; studies are: sqlite-made, second/);
    const one = await sqliteFile('one.db', "DELETE FROM study_directions WHERE study_id = 2; DELETE FROM studies WHERE study_id = 2;", DB);
    assert.equal((await readSqliteStudy(one)).name, 'sqlite-made');
  });

  it('resolves sqlite URLs as SQLAlchemy does', () => {
    assert.equal(sqlitePath('sqlite:////abs/x.db'), '/abs/x.db');
    assert.equal(sqlitePath('sqlite:///x.db', '/base'), '/base/x.db');
    assert.equal(sqlitePath(`sqlite:///${DB.slice(1)}`, '/nowhere'), DB, 'three slashes before an absolute path that exists');
    assert.throws(() => sqlitePath('sqlite://'), /names no database file/);
    assert.throws(() => sqlitePath('sqlite:///:memory:'), /names no database file/);
  });

  it('gives a clear error for a missing file, a non-SQLite file, a non-Optuna database and a missing table', async () => {
    await assert.rejects(readStudy(`sqlite:///${path.join(dir, 'none.db')}`), /no SQLite study file at/);
    const text = path.join(dir, 'text.db');
    writeFileSync(text, 'hello, not a database\n'.repeat(4));
    await assert.rejects(readStudy(text), /not an SQLite database/);
    const other = await sqliteFile('other.db', 'CREATE TABLE users (id INTEGER, name TEXT);');
    await assert.rejects(readStudy(`sqlite:///${other}`), /not an Optuna 3\.x storage: tables studies, .* missing/);
    const dropped = await sqliteFile('dropped.db', 'DROP TABLE trial_intermediate_values;', DB);
    await assert.rejects(readStudy(`sqlite:///${dropped}`), /not an Optuna 3\.x storage: table trial_intermediate_values missing \(an older Optuna schema\?/);
  });

  it('refuses to write a study to SQLite, naming journal: as the way', () => {
    for (const url of ['sqlite:///x.db', 'x.db', 'postgresql://h/db']) assert.throws(() => journalPath(url, dir), /writes studies to Optuna's journal files only.*Use journal:PATH\.log/);
    const copy = path.join(dir, 'copy.db');
    copyFileSync(DB, copy);
    assert.throws(() => journalPath(`journal:${copy}`), /journal files only/, 'an existing SQLite file under journal:');
  });
});

describe('posthoc study with an SQLite storage (built CLI)', () => {
  before(() => ensureBuilt());

  it('prints and writes JSON for sqlite:///ABS.db', () => {
    const r = posthoc(['study', '--storage', `sqlite:///${DB}`, '--study', 'sqlite-made', '--json', '-'], dir);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.best_value, expected.best_value);
    assert.deepEqual(json.best_params, expected.best_params);
    assert.deepEqual(
      json.trials.map((t: { number: number; state: string; params: object }) => [t.number, t.state, t.params]),
      expected.trials.map((t: ExpectedTrial) => [t.number, t.state, t.params]),
    );
    const ambiguous = posthoc(['study', '--storage', `sqlite:///${DB}`], dir);
    assert.equal(ambiguous.status, 2);
    assert.match(ambiguous.stderr, /pick one with --study: sqlite-made, second/);
  });

  it('refuses posthoc tune --storage sqlite:///… with the way forward', () => {
    writeFileSync(
      path.join(dir, 'posthoc.json'),
      JSON.stringify({ runs: { s: { kind: 'tune', command: 'true', space: { x: { type: 'float', low: 0, high: 1 } }, objective: { json: 'loss' }, trials: 1 } } }),
    );
    const r = posthoc(['tune', '--storage', `sqlite:///${path.join(dir, 'w.db')}`], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /journal files only.*journal:PATH\.log/);
  });
});
