import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, readFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverRuns, LogdirTail, loadRuns, readCsvLog, readJsonlLog, readMlflowRun } from '../../../src/core/curves';
import { DataError } from '../../../src/core/errors';
import { expected, expectedSeries, LOGDIR } from './helpers';

const exp = expected();

function assertRun(tags: Map<string, unknown>, run: string): void {
  const want = exp.runs[run];
  assert.deepEqual([...tags.keys()].sort(), Object.keys(want).sort(), run);
  for (const tag of Object.keys(want)) assert.deepEqual(tags.get(tag), expectedSeries(want[tag]), `${run} ${tag}`);
}

describe('table logs', () => {
  it('Lightning CSVLogger: step column, blanks skipped, epoch is not a metric', async () => {
    assertRun(await readCsvLog(path.join(LOGDIR, 'lightning_logs', 'version_0', 'metrics.csv')), 'lightning_logs/version_0');
  });

  it('Keras CSVLogger: epoch as the step', async () => {
    assertRun(await readCsvLog(path.join(LOGDIR, 'keras', 'metrics.csv')), 'keras');
  });

  it('JSON Lines: iteration as the step, time as the wall clock, strings ignored', async () => {
    assertRun(await readJsonlLog(path.join(LOGDIR, 'jsonl', 'train.jsonl')), 'jsonl');
  });

  it('a CSV without metric columns names its columns', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-curves-'));
    try {
      const file = path.join(dir, 'metrics.csv');
      writeFileSync(file, 'epoch,note\n0,a\n1,b\n');
      await assert.rejects(readCsvLog(file), (e: Error) => e instanceof DataError && /no numeric metric columns; columns are: epoch, note/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('MLflow file store', () => {
  it('reads metrics (names with "/"), timestamps in ms → seconds', async () => {
    assertRun(await readMlflowRun(path.join(LOGDIR, 'mlruns', '0', 'a1b2c3')), 'mlruns/0/a1b2c3');
  });
});

describe('discoverRuns and loadRuns', () => {
  it('finds every kind of log, with run keys relative to the logdir', async () => {
    const found = await discoverRuns(LOGDIR);
    assert.deepEqual(found.map((s) => [s.kind, s.run]), [
      ['jsonl', 'jsonl'],
      ['csv', 'keras'],
      ['csv', 'lightning_logs/version_0'],
      ['mlflow', 'mlruns/0/a1b2c3'],
      ['tfevents', 'tb/eval'],
      ['tfevents', 'tb/train'],
    ]);
  });

  it('loads all runs with exact values, MLflow run names and the corrupt-record warning', async () => {
    const { runs, runNames, warnings } = await loadRuns(LOGDIR);
    assert.deepEqual([...runs.keys()], Object.keys(exp.runs).sort());
    for (const [run, tags] of runs) assertRun(tags, run);
    assert.deepEqual(Object.fromEntries(runNames), exp.meta.run_names);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /tb\/eval\/events\.out\.tfevents.*corrupt record at byte \d+/);
  });

  it('the run key of a log at the logdir root is "."', async () => {
    const { runs } = await loadRuns(path.join(LOGDIR, 'tb', 'train'));
    assert.deepEqual([...runs.keys()], ['.']);
  });

  it('filters tags, and names the available tags when none matches', async () => {
    const { runs } = await loadRuns(LOGDIR, { tags: ['loss'] });
    assert.deepEqual([...runs.keys()], ['jsonl', 'keras', 'mlruns/0/a1b2c3', 'tb/eval', 'tb/train']);
    for (const tags of runs.values()) assert.deepEqual([...tags.keys()], ['loss']);
    await assert.rejects(loadRuns(LOGDIR, { tags: ['nope'] }), /none of the tags nope was found.*tags are: accuracy, loss, lr/);
  });

  it('missing logdir, a file, and a folder without logs are DataErrors', async () => {
    await assert.rejects(loadRuns(path.join(LOGDIR, 'nope')), (e: Error) => e instanceof DataError && /logdir not found/.test(e.message));
    await assert.rejects(loadRuns(path.join(LOGDIR, 'keras', 'metrics.csv')), /not a folder/);
    const empty = mkdtempSync(path.join(os.tmpdir(), 'posthoc-curves-'));
    try {
      await assert.rejects(loadRuns(empty), /no training logs found/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('LogdirTail', () => {
  it('picks up appended event records, new files and changed CSVs; unchanged logs are not re-read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-curves-'));
    try {
      cpSync(path.join(LOGDIR, 'tb', 'train'), path.join(dir, 'a'), { recursive: true });
      const events = path.join(dir, 'a', readdirSync(path.join(dir, 'a'))[0]);
      const whole = readFileSync(events);
      writeFileSync(events, whole.subarray(0, 500));
      const tail = new LogdirTail(dir);
      let r = await tail.poll();
      assert.deepEqual([...r.changed], ['a']);
      const before = tail.runs().get('a')!.get('loss')!.steps.length;
      r = await tail.poll();
      assert.equal(r.changed.size, 0);
      appendFileSync(events, whole.subarray(500));
      writeFileSync(path.join(dir, 'metrics.csv'), 'epoch,loss\n0,1\n1,0.5\n');
      r = await tail.poll();
      assert.deepEqual([...r.changed].sort(), ['.', 'a']);
      assert.ok(before < 50);
      assert.equal(tail.runs().get('a')!.get('loss')!.steps.length, 50);
      assert.deepEqual([...tail.runs().get('.')!.get('loss')!.values], [1, 0.5]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
