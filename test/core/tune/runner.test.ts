// The trial runner with real processes (test/fixtures/tune/trial.mjs): pruning stops trials and
// their process trees, failures keep their stderr, timeouts, cancelling and resuming.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/errors';
import { readStudy, runSweep, type Sweep } from '../../../src/core/tune';
import { alive, FIXTURES, loadWithOptuna, optunaMissing } from './helpers';

const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-runner-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const TRIAL = path.join(FIXTURES, 'trial.mjs');

function sweep(name: string, extra: string, over: Partial<Sweep> = {}): Sweep {
  return {
    name,
    space: { x: { type: 'float', low: -5, high: 5 }, y: { type: 'float', low: -5, high: 5 } },
    command: [process.execPath, TRIAL, '--x', '{x}', '--y', '{y}', ...extra.split(' ').filter(Boolean)],
    shell: false, cwd: dir, env: {}, objective: { json: 'loss' }, direction: 'minimize',
    trials: 10, parallel: 2, timeout: 0, seed: 1,
    sampler: { type: 'random' }, pruner: { type: 'none' },
    storage: `journal:${path.join(dir, `${name}.log`)}`, study: name,
    ...over,
  };
}

function pids(name: string): number[] {
  const folder = path.join(dir, 'pids', name);
  return existsSync(folder) ? readdirSync(folder).map((f) => Number(readFileSync(path.join(folder, f), 'utf8'))) : [];
}

async function settle(ms = 300): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

describe('trial runner', () => {
  it('runs trials, reads the objective, and keeps per-trial logs', async () => {
    const events: string[] = [];
    const result = await runSweep(sweep('basic', '--steps 2'), { onEvent: (e) => events.push(e.type) });
    assert.equal(result.ran, 10);
    assert.equal(result.summary.trials.filter((t) => t.state === 'COMPLETE').length, 10);
    const best = result.summary.trials.reduce((a, b) => ((a.value as number) < (b.value as number) ? a : b));
    assert.equal(result.summary.best_value, best.value);
    assert.equal(events.filter((e) => e === 'trialEnd').length, 10);
    assert.equal(events.filter((e) => e === 'trialReport').length, 20);
    const logs = path.join(dir, 'basic.trials', 'basic');
    assert.match(readFileSync(path.join(logs, '3.stdout.log'), 'utf8'), /training done/);
  });

  it('median pruning stops bad trials early and ends their process trees', async () => {
    await import('node:fs').then((fs) => fs.mkdirSync(path.join(dir, 'pids', 'pruned'), { recursive: true }));
    // Many steps, so a prune decided a little late on a loaded machine still lands before the end.
    const s = sweep('pruned', `--steps 40 --sleep 40 --grandchild ${path.join(dir, 'pids', 'pruned', '{trial}')}`, { trials: 16, pruner: { type: 'median' } });
    const result = await runSweep(s, { graceMs: 500 });
    const pruned = result.summary.trials.filter((t) => t.state === 'PRUNED');
    assert.ok(pruned.length >= 3, `pruned ${pruned.length}`);
    const study = await readStudy(s.storage, 'pruned');
    const prunedTrials = study.trials.filter((x) => x.state === 'PRUNED');
    // A prune decided on the last report is legitimate (Optuna does the same), so only most must stop early.
    assert.ok(prunedTrials.filter((t) => t.intermediate.size < 40).length >= prunedTrials.length / 2, `steps of pruned trials: ${prunedTrials.map((t) => t.intermediate.size).join(', ')}`);
    for (const t of prunedTrials) {
      const out = readFileSync(path.join(dir, 'pruned.trials', 'pruned', `${t.number}.stdout.log`), 'utf8');
      assert.doesNotMatch(out, /training done/);
    }
    await settle();
    assert.deepEqual(pids('pruned').filter(alive), [], 'no grandchild outlives its trial');
  });

  it('records failures with the tail of stderr, and timeouts', async () => {
    const failed = await runSweep(sweep('failing', '--fail', { trials: 2 }));
    const study = await readStudy(`journal:${path.join(dir, 'failing.log')}`, 'failing');
    assert.deepEqual(failed.summary.trials.map((t) => t.state), ['FAIL', 'FAIL']);
    assert.match(String(study.trials[0].systemAttrs.fail_reason), /exited with code 3\n[\s\S]*ValueError: boom/);
    const slow = await runSweep(sweep('slow', '--steps 50 --sleep 100', { trials: 1, timeout: 0.5 }), { graceMs: 200 });
    assert.equal(slow.summary.trials[0].state, 'FAIL');
    const slowStudy = await readStudy(`journal:${path.join(dir, 'slow.log')}`, 'slow');
    assert.match(String(slowStudy.trials[0].systemAttrs.fail_reason), /timed out after 0.5 s/);
  });

  it('cancels with an AbortSignal, leaves no process behind, and resumes without re-running finished trials', async () => {
    await import('node:fs').then((fs) => fs.mkdirSync(path.join(dir, 'pids', 'cancel'), { recursive: true }));
    const s = sweep('cancel', `--steps 6 --sleep 100 --grandchild ${path.join(dir, 'pids', 'cancel', '{trial}')}`, { trials: 6, parallel: 2 });
    const controller = new AbortController();
    let ended = 0;
    const run = runSweep(s, {
      signal: controller.signal,
      graceMs: 300,
      onEvent: (e) => {
        if (e.type === 'trialEnd' && ++ended === 2) controller.abort();
      },
    });
    await assert.rejects(run, CancelledError);
    await settle();
    assert.deepEqual(pids('cancel').filter(alive), []);
    const before = await readStudy(s.storage, 'cancel');
    const finished = before.trials.filter((t) => t.state === 'COMPLETE');
    assert.equal(finished.length, 2);
    assert.ok(before.trials.some((t) => t.systemAttrs['posthoc:interrupted'] === true));
    const resumed = await runSweep(s, { graceMs: 300 });
    const after = await readStudy(s.storage, 'cancel');
    assert.equal(after.trials.filter((t) => t.state === 'COMPLETE').length, 6);
    assert.equal(resumed.ran, 4);
    for (const t of finished) assert.deepEqual(after.trials[t.number].params, t.params);
  });

  it('a sweep written by Posthoc opens in Optuna with the same trials', async (t) => {
    const missing = optunaMissing();
    if (missing) return t.skip(missing);
    const s = sweep('interop', '--steps 3', {
      trials: 12, sampler: { type: 'tpe', startupTrials: 4 },
      space: { x: { type: 'float', low: -5, high: 5 }, y: { type: 'int', low: -4, high: 4, step: 2 } },
    });
    const { summary } = await runSweep(s);
    const seen = loadWithOptuna(path.join(dir, 'interop.log'), 'interop');
    assert.deepEqual(seen.trials.map((x) => [x.number, x.state, x.value, x.params]), summary.trials.map((x) => [x.number, x.state, x.value, x.params]));
    assert.deepEqual(seen.best, { value: summary.best_value, params: summary.best_params });
  });
});
