// `posthoc tune` and `posthoc study` as a user runs them (from source, through tsx): progress
// lines, exit codes, a runner killed with SIGKILL mid-sweep that resumes without losing or
// re-running a finished trial, and `study --json` on studies from Posthoc and from Optuna.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { FIXTURES, loadWithOptuna, optunaMissing } from '../core/tune/helpers';
import { ROOT, tempDir } from './helpers';

// tsx's loader by absolute URL: the tests run the CLI from temporary folders.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI = [process.execPath, '--import', TSX, path.join(ROOT, 'src', 'cli', 'main.ts')];

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(CLI[0], [...CLI.slice(1), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeConfig(dir: string, extra: Record<string, unknown> = {}): string {
  const config = {
    runs: {
      quad: {
        kind: 'tune',
        command: `"${process.execPath}" "${path.join(FIXTURES, 'trial.mjs')}" --x {x} --y {y} --steps 4 --sleep 60`,
        space: { x: { type: 'float', low: -5, high: 5 }, y: { type: 'float', low: -5, high: 5 } },
        objective: { json: 'loss' },
        trials: 12,
        parallel: 2,
        seed: 7,
        ...extra,
      },
    },
  };
  const file = path.join(dir, 'posthoc.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

describe('posthoc tune', () => {
  it('runs a sweep: a line per trial, the best at the end, exit 0; study --json lists it', () => {
    const dir = tempDir();
    writeConfig(dir, { trials: 6 });
    const r = cli(['tune', '--sweep', 'quad'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((r.stdout.match(/^trial \d+ COMPLETE/gm) ?? []).length, 6, r.stdout);
    assert.match(r.stdout, /^best value [\d.e-]+\nbest params \{"x":/m);
    const storage = `journal:${path.join(dir, '.posthoc', 'tune', 'quad.log')}`;
    const s = cli(['study', '--storage', storage, '--json', 'study.json'], dir);
    assert.equal(s.status, 0, s.stderr);
    const json = JSON.parse(readFileSync(path.join(dir, 'study.json'), 'utf8'));
    assert.deepEqual(Object.keys(json), ['study', 'direction', 'n_trials', 'best_value', 'best_params', 'trials']);
    assert.equal(json.n_trials, 6);
    assert.deepEqual(Object.keys(json.trials[0]), ['number', 'state', 'value', 'params']);
    // Running again with a larger target continues the same study.
    const more = cli(['tune', '--trials', '8'], dir);
    assert.equal(more.status, 0, more.stderr);
    assert.match(more.stdout, /6 of 8 trials finished/);
    assert.match(more.stdout, /^2 trial\(s\) run; the study holds 8$/m);
  });

  it('exits 1 when no trial completes and 2 for usage errors', () => {
    const dir = tempDir();
    writeConfig(dir, { trials: 2, command: `"${process.execPath}" "${path.join(FIXTURES, 'trial.mjs')}" --fail --x {x} --y {y}` });
    const failed = cli(['tune'], dir);
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /trial 0 FAIL - \(exited with code 3\)/);
    assert.match(failed.stderr, /no trial of 'quad' completed/);
    const unknown = cli(['tune', '--sweep', 'qaud'], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no tune run 'qaud' in posthoc.json \(did you mean 'quad'\?\)/);
    assert.equal(cli(['tune', '--trials', '0'], dir).status, 2);
    assert.equal(cli(['study', '--storage', 'sqlite:///x.db'], dir).status, 2);
  });

  it('survives kill -9 of the runner: resume loses no finished trial and re-runs none', async () => {
    const dir = tempDir();
    writeConfig(dir);
    const child = spawn(CLI[0], [...CLI.slice(1), 'tune', '--sweep', 'quad'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/^trial \d+ COMPLETE/gm) ?? []).length >= 3) resolve();
      });
      child.on('exit', () => reject(new Error(`runner exited early:\n${out}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const storage = `journal:${path.join(dir, '.posthoc', 'tune', 'quad.log')}`;
    const before = JSON.parse(cli(['study', '--storage', storage, '--json', '-'], dir).stdout);
    const done = before.trials.filter((t: { state: string }) => t.state === 'COMPLETE');
    assert.ok(done.length >= 3 && done.length < 12, `finished before the kill: ${done.length}`);
    // Trials orphaned by the kill finish on their own within a second; give them that.
    await new Promise((r) => setTimeout(r, 1000));
    const resumed = cli(['tune', '--sweep', 'quad'], dir);
    assert.equal(resumed.status, 0, resumed.stderr);
    const after = JSON.parse(cli(['study', '--storage', storage, '--json', '-'], dir).stdout);
    for (const t of done) assert.deepEqual(after.trials[t.number], t, `trial ${t.number} kept as it was`);
    assert.equal(after.trials.filter((t: { state: string }) => t.state === 'COMPLETE').length, 12);
    const interrupted = before.trials.filter((t: { state: string }) => t.state === 'RUNNING').map((t: { number: number }) => t.number);
    if (interrupted.length) assert.match(resumed.stdout, /were interrupted and will be run again/);
    for (const n of interrupted) assert.equal(after.trials[n].state, 'FAIL');
    const ran = Number(/^(\d+) trial\(s\) run/m.exec(resumed.stdout)?.[1]);
    assert.equal(ran, 12 - done.length, 'only the missing trials ran');
  });

  it('study --json reads a study Optuna wrote, and Optuna reads the one Posthoc wrote', (t) => {
    const dir = tempDir();
    const r = cli(['study', '--storage', `journal:${path.join(FIXTURES, 'optuna-study.log')}`, '--study', 'optuna-made', '--json', 'o.json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(readFileSync(path.join(dir, 'o.json'), 'utf8'));
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'optuna-study.expected.json'), 'utf8'));
    assert.deepEqual([json.best_value, json.best_params, json.n_trials], [expected.best_value, expected.best_params, expected.n_trials]);
    const missing = optunaMissing();
    if (missing) return t.skip(missing);
    writeConfig(dir, { trials: 4 });
    assert.equal(cli(['tune'], dir).status, 0);
    const mine = JSON.parse(cli(['study', '--storage', `journal:${path.join(dir, '.posthoc', 'tune', 'quad.log')}`, '--json', '-'], dir).stdout);
    const seen = loadWithOptuna(path.join(dir, '.posthoc', 'tune', 'quad.log'), 'quad');
    assert.deepEqual(seen.trials.map((x) => [x.number, x.state, x.value, x.params]), mine.trials.map((x: { number: number; state: string; value: number; params: unknown }) => [x.number, x.state, x.value, x.params]));
  });
});
