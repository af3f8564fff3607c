// `posthoc curves`: the documented JSON, reports, and exit codes for bad input.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { expected, LOGDIR, num } from '../core/curves/helpers';
import { ensureBuilt, posthoc, tempDir } from './helpers';

before(ensureBuilt);

describe('posthoc curves', () => {
  it('writes {"runs": {run: {tag: {steps, values, wall_times}}}} with exact values', () => {
    const dir = tempDir();
    const json = path.join(dir, 'curves.json');
    const html = path.join(dir, 'curves.html');
    const md = path.join(dir, 'curves.md');
    const r = posthoc(['curves', '--logdir', LOGDIR, '--json', json, '--html', html, '--md', md]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /warning: .*tb\/eval\/events\.out\.tfevents.*corrupt record at byte \d+/);
    assert.match(r.stdout, /6 runs, 8 tags/);
    assert.match(r.stdout, /loss, 5 runs: min 0\.02858 \(tb\/train, step 490\)/);
    const got = JSON.parse(readFileSync(json, 'utf8')) as { runs: Record<string, Record<string, Record<string, (number | null)[]>>> };
    const want = expected().runs;
    assert.deepEqual(Object.keys(got), ['runs']);
    assert.deepEqual(Object.keys(got.runs).sort(), Object.keys(want).sort());
    for (const [run, tags] of Object.entries(want)) {
      for (const [tag, s] of Object.entries(tags)) {
        for (const key of ['steps', 'values', 'wall_times'] as const) {
          const w = s[key].map(num).map((v) => (Number.isFinite(v) ? v : null));
          assert.deepEqual(got.runs[run][tag][key], w, `${run} ${tag} ${key}`);
        }
      }
    }
    assert.match(readFileSync(md, 'utf8'), /## Last, min and max per run/);
    assert.match(readFileSync(html, 'utf8'), /Training curves/);
  });

  it('--tags, --smoothing and --x wall; never overwrites without --force', () => {
    const dir = tempDir();
    const json = path.join(dir, 'c.json');
    let r = posthoc(['curves', '--logdir', LOGDIR, '--tags', 'loss', '--smoothing', '0.9', '--x', 'wall', '--json', json]);
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(readFileSync(json, 'utf8')) as { runs: Record<string, Record<string, unknown>> };
    for (const tags of Object.values(got.runs)) assert.deepEqual(Object.keys(tags), ['loss']);
    r = posthoc(['curves', '--logdir', LOGDIR, '--json', json]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already exists.*--force/);
    r = posthoc(['curves', '--logdir', LOGDIR, '--json', json, '--force']);
    assert.equal(r.status, 0, r.stderr);
  });

  it('bad logdir → exit 1 with a clear message, no stack trace', () => {
    const dir = tempDir();
    for (const [args, pattern] of [
      [['--logdir', path.join(dir, 'missing')], /logdir not found: .*missing/],
      [['--logdir', dir], /no training logs found in .*TensorBoard event files/],
      [['--logdir', LOGDIR, '--tags', 'nope'], /none of the tags nope was found.*tags are: accuracy, loss/],
    ] as const) {
      const r = posthoc(['curves', ...args, '--json', path.join(dir, 'out.json')]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /unexpected error|at .*\.js:\d+/);
    }
    assert.ok(!existsSync(path.join(dir, 'out.json')));
  });

  it('usage errors → exit 2', () => {
    for (const args of [[], ['--logdir', LOGDIR, '--smoothing', '1.5'], ['--logdir', LOGDIR, '--x', 'time'], ['--logdir', LOGDIR, '--bogus']]) {
      const r = posthoc(['curves', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /see posthoc curves --help/);
    }
    const help = posthoc(['curves', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--logdir DIR/);
  });

  it('a logdir that is a file is refused', () => {
    const file = path.join(tempDir(), 'f.txt');
    writeFileSync(file, 'x');
    const r = posthoc(['curves', '--logdir', file]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not a folder/);
  });
});
