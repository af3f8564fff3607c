// Optuna's journal format: studies Optuna wrote open in Posthoc, and studies Posthoc writes open
// in Optuna (checked with /usr/bin/python3 when Optuna is installed).
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { JournalStorage } from '../../../src/core/tune/journal';
import { pyDumps, PyFloat, pyLoads } from '../../../src/core/tune/pyjson';
import { journalPath, readStudy, summarizeStudy } from '../../../src/core/tune/storage';
import type { SearchSpace } from '../../../src/core/tune/types';
import { FIXTURES, loadWithOptuna, optunaMissing } from './helpers';

const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-journal-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('journal storage', () => {
  it('reads a study Optuna wrote: same trials, states, values, params and intermediate values', async () => {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'optuna-study.expected.json'), 'utf8'));
    const study = await readStudy(`journal:${path.join(FIXTURES, 'optuna-study.log')}`, 'optuna-made');
    const summary = summarizeStudy(study);
    assert.equal(summary.direction, 'maximize');
    assert.equal(summary.n_trials, expected.n_trials);
    assert.equal(summary.best_value, expected.best_value);
    assert.deepEqual(summary.best_params, expected.best_params);
    for (const [i, t] of study.trials.entries()) {
      const e = expected.trials[i];
      assert.deepEqual([t.number, t.state, t.value ?? null, t.params], [e.number, e.state, e.value, e.params]);
      assert.deepEqual(Object.fromEntries([...t.intermediate].map(([k, v]) => [String(k), v])), e.intermediate);
    }
    assert.deepEqual(new Set(study.trials.map((t) => t.state)), new Set(['COMPLETE', 'PRUNED', 'FAIL']));
    await assert.rejects(readStudy(path.join(FIXTURES, 'optuna-study.log')), /holds 2 studies; pick one with --study: optuna-made, second/);
    await assert.rejects(readStudy(path.join(FIXTURES, 'optuna-study.log'), 'nope'), /no study 'nope'/);
  });

  it('appends to a study Optuna wrote without disturbing it', async () => {
    const file = path.join(dir, 'appended.log');
    copyFileSync(path.join(FIXTURES, 'optuna-study.log'), file);
    const storage = await JournalStorage.open(file);
    const space: SearchSpace = { a: { type: 'float', low: 0, high: 1 } };
    const trial = await storage.createTrial('second', { a: 0.5 }, space);
    assert.equal(trial.number, 2);
    assert.equal(trial.id, 14);
    await storage.finish(trial, 'COMPLETE', 0.5);
    const reopened = await readStudy(file, 'second');
    assert.deepEqual(reopened.trials.map((t) => t.state), ['COMPLETE', 'COMPLETE', 'COMPLETE']);
  });

  it('writes Python-style JSON: whole floats keep .0, NaN and Infinity round-trip', () => {
    assert.equal(pyDumps({ a: new PyFloat(1), b: [NaN, -Infinity], c: 'x"y', d: null }), '{"a": 1.0, "b": [NaN, -Infinity], "c": "x\\"y", "d": null}');
    assert.deepEqual(pyLoads('{"v": [NaN, Infinity, -Infinity], "s": "NaN"}'), { v: [NaN, Infinity, -Infinity], s: 'NaN' });
  });

  it('ignores a torn last line (a writer killed mid-append)', async () => {
    const file = path.join(dir, 'torn.log');
    const storage = await JournalStorage.open(file);
    await storage.openStudy('s', 'minimize');
    appendFileSync(file, '{"op_code": 4, "worker_id": "x", "stud');
    const study = await readStudy(file, 's');
    assert.equal(study.trials.length, 0);
  });

  it('resolves storage URLs and refuses RDB ones with the way forward', () => {
    assert.equal(journalPath('journal:/a/b.log'), '/a/b.log');
    assert.equal(journalPath('journal:b.log', '/base'), '/base/b.log');
    assert.throws(() => journalPath('sqlite:///tmp/x.db'), /journal files only/);
  });

  it('writes studies Optuna opens: same trials, params, values, intermediate values', async (t) => {
    const missing = optunaMissing();
    if (missing) return t.skip(missing);
    const file = path.join(dir, 'posthoc-made.log');
    const storage = await JournalStorage.open(file);
    await storage.openStudy('made', 'maximize');
    const space: SearchSpace = {
      x: { type: 'float', low: -1, high: 1 },
      lr: { type: 'float', low: 1e-4, high: 1, log: true },
      n: { type: 'int', low: 1, high: 9, step: 2 },
      m: { type: 'float', low: 0, high: 1, step: 0.25 },
      c: { type: 'categorical', choices: ['a', null, 2, true] },
    };
    const rows = [
      { x: 0.5, lr: 0.01, n: 3, m: 0.25, c: 'a' },
      { x: -1, lr: 1, n: 9, m: 1, c: null },
      { x: 0, lr: 0.5, n: 1, m: 0, c: 2 },
      { x: 1, lr: 0.001, n: 5, m: 0.5, c: true },
    ];
    const states = ['COMPLETE', 'PRUNED', 'FAIL', 'COMPLETE'] as const;
    for (const [i, params] of rows.entries()) {
      const trial = await storage.createTrial('made', params, space);
      await storage.report(trial, 0, i + 0.5);
      await storage.report(trial, 1, 2);
      await storage.finish(trial, states[i], states[i] === 'FAIL' ? undefined : i, states[i] === 'FAIL' ? { fail_reason: 'boom' } : {});
    }
    const seen = loadWithOptuna(file, 'made');
    assert.equal(seen.direction, 'MAXIMIZE');
    assert.deepEqual(seen.trials.map((x) => x.state), [...states]);
    assert.deepEqual(seen.trials.map((x) => x.params), rows);
    assert.deepEqual(seen.trials.map((x) => x.value), [0, 1, null, 3]);
    assert.deepEqual(seen.trials[0].intermediate, { '0': 0.5, '1': 2 });
    assert.equal(seen.trials[2].system_attrs.fail_reason, 'boom');
    assert.deepEqual(seen.best, { value: 3, params: rows[3] });
  });
});
