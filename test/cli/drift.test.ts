// `posthoc drift` as a user runs it: JSON shape, report files, exit codes.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, EXAMPLE, posthoc, ROOT, tempDir } from './helpers';

const FX = path.join(ROOT, 'test', 'fixtures', 'drift');
const ref = path.join(FX, 'small_ref.csv');
const cur = path.join(FX, 'small_cur.csv');

before(() => ensureBuilt());

describe('posthoc drift', () => {
  it('writes JSON, HTML and Markdown and prints the verdict (exit 0)', () => {
    const dir = tempDir();
    const json = path.join(dir, 'drift.json');
    const r = posthoc(['drift', '--reference', ref, '--current', cur, '--json', json, '--html', path.join(dir, 'd.html'), '--md', path.join(dir, 'd.md')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /no dataset drift: 2 of 7 columns drifted/);
    assert.match(r.stdout, /income: ks p = /);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(out.kind, 'drift');
    assert.deepEqual(Object.keys(out.columns[0]).sort(), ['column', 'distribution', 'drift', 'method', 'n_current', 'n_reference', 'p_value', 'score', 'statistic', 'test', 'threshold', 'type']);
    assert.deepEqual(['n_columns', 'n_drifted', 'share_drifted', 'dataset_drift', 'quality', 'reference', 'current'].filter((k) => !(k in out)), []);
    assert.ok(readFileSync(path.join(dir, 'd.html'), 'utf8').includes('<html'));
    assert.match(readFileSync(path.join(dir, 'd.md'), 'utf8'), /Drift by column/);
  });

  it('--drift-share and --fail-on-drift: exit 1 when the dataset drifted', () => {
    const dir = tempDir();
    const r = posthoc(['drift', '--reference', ref, '--current', cur, '--drift-share', '0.2', '--fail-on-drift', '--json', path.join(dir, 'x.json')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /DATASET DRIFT/);
    assert.match(r.stderr, /drift detected/);
    assert.ok(existsSync(path.join(dir, 'x.json')), 'the result is written before failing');
  });

  it('serving log with --features, and a model for prediction drift', () => {
    const log = posthoc(['drift', '--reference', ref, '--current', path.join(FX, 'serve_log.jsonl'), '--features', 'age,income,score']);
    assert.equal(log.status, 0, log.stderr);
    assert.match(log.stdout, /1 of 3 columns drifted/);
    assert.match(log.stdout, /note: serving log .*: skipped \d+ lines: truncated data/);
    const model = posthoc(['drift', '--reference', path.join(EXAMPLE, 'test.csv'), '--current', path.join(FX, 'bc_current.csv'), '--model', path.join(EXAMPLE, 'model.onnx'), '--columns', 'mean_radius,mean_texture']);
    assert.equal(model.status, 0, model.stderr);
    assert.match(model.stdout, /prediction drift: yes/);
  });

  it('exit 2 for usage errors, 1 for bad data, and never overwrites without --force', () => {
    assert.equal(posthoc(['drift', '--current', cur]).status, 2);
    const bad = posthoc(['drift', '--reference', ref, '--current', cur, '--test', 'anova']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--test must be one of auto, ks, chi2/);
    assert.equal(posthoc(['drift', '--reference', ref, '--current', cur, '--threshold', 'abc']).status, 2);
    const missing = posthoc(['drift', '--reference', ref, '--current', path.join(FX, 'nope.csv')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /file not found/);
    const dir = tempDir();
    const json = path.join(dir, 'exists.json');
    writeFileSync(json, 'keep');
    const r = posthoc(['drift', '--reference', ref, '--current', cur, '--json', json]);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(json, 'utf8'), 'keep');
    assert.equal(posthoc(['drift', '--reference', ref, '--current', cur, '--json', json, '--force']).status, 0);
    assert.equal(posthoc(['drift', '--help']).status, 0);
  });
});
