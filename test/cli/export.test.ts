// `posthoc export triton|kserve`: files written, exit codes, refusing to overwrite.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { parsePbtxt } from '../../src/core/deploy/export/pbtxt';
import { ensureBuilt, EXAMPLE, posthoc, ROOT, tempDir } from './helpers';

before(ensureBuilt);
const MODEL = path.join(EXAMPLE, 'model.onnx');

describe('posthoc export', () => {
  it('triton: writes DIR/NAME/config.pbtxt and DIR/NAME/1/model.onnx', () => {
    const out = tempDir();
    const r = posthoc(['export', 'triton', '--model', MODEL, '--out', out, '--name', 'bc', '--max-batch', '16', '--instances', '2']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /triton export of 'bc': max_batch_size 16, 1 input, 1 output/);
    const cfg = parsePbtxt(readFileSync(path.join(out, 'bc', 'config.pbtxt'), 'utf8'));
    assert.equal(cfg.max_batch_size, 16);
    assert.ok(existsSync(path.join(out, 'bc', '1', 'model.onnx')));
  });

  it('kserve: writes manifests that parse, the Dockerfile and the model', () => {
    const out = tempDir();
    const r = posthoc(['export', 'kserve', '--model', path.join(ROOT, 'test/fixtures/models/multi_input.onnx'), '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /PLACEHOLDER/);
    const m = parse(readFileSync(path.join(out, 'inferenceservice.yaml'), 'utf8')) as { metadata: { name: string } };
    assert.equal(m.metadata.name, 'multi-input');
    for (const f of ['Dockerfile', 'model.onnx', 'inferenceservice-posthoc.yaml', 'model-repository/multi-input/config.pbtxt']) assert.ok(existsSync(path.join(out, f)), f);
  });

  it('refuses to overwrite without --force (exit 1, nothing written) and overwrites with it', () => {
    const out = tempDir();
    mkdirSync(path.join(out, 'breast-cancer'), { recursive: true });
    writeFileSync(path.join(out, 'breast-cancer', 'config.pbtxt'), 'mine');
    const r = posthoc(['export', 'triton', '--model', MODEL, '--out', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /config\.pbtxt already exists; nothing was written.*--force/);
    assert.equal(readFileSync(path.join(out, 'breast-cancer', 'config.pbtxt'), 'utf8'), 'mine');
    assert.ok(!existsSync(path.join(out, 'breast-cancer', '1', 'model.onnx')));
    const f = posthoc(['export', 'triton', '--model', MODEL, '--out', out, '--force']);
    assert.equal(f.status, 0, f.stderr);
    assert.match(readFileSync(path.join(out, 'breast-cancer', 'config.pbtxt'), 'utf8'), /onnxruntime_onnx/);
  });

  it('exits 2 on usage errors and 1 on model errors', () => {
    const out = tempDir();
    for (const args of [
      ['export'],
      ['export', 'torchserve', '--model', MODEL, '--out', out],
      ['export', 'triton', '--out', out],
      ['export', 'triton', '--model', MODEL],
      ['export', 'triton', '--model', MODEL, '--out', out, '--max-batch', '-1'],
      ['export', 'kserve', '--model', MODEL, '--out', out, '--name', 'Not_Valid'],
      ['export', 'triton', '--model', path.join(ROOT, 'test/fixtures/models/batch1.onnx'), '--out', out, '--max-batch', '4'],
    ]) {
      const r = posthoc(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    }
    const bad = posthoc(['export', 'triton', '--model', path.join(ROOT, 'test/fixtures/models/not_onnx.onnx'), '--out', out]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /not a valid ONNX model/);
  });

  it('prints its help', () => {
    const r = posthoc(['export', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /triton\|kserve/);
  });
});
