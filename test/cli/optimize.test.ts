import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE, ensureBuilt, posthoc, tempDir } from './helpers';

const MODEL = path.join(EXAMPLE, 'model.onnx');

before(() => ensureBuilt());

describe('posthoc optimize', () => {
  const dir = tempDir();

  it('writes an int8 model and says how much smaller it is (exit 0)', () => {
    const out = path.join(dir, 'q.onnx');
    const r = posthoc(['optimize', '--model', MODEL, '--out', out, '--quantize', 'int8', '--per-channel']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(statSync(out).size < statSync(MODEL).size);
    assert.match(r.stdout, /int8: 2 weight tensor/);
  });

  it('writes an optimized model at each level and an fp16 model', () => {
    for (const level of ['basic', 'extended', 'all']) {
      const r = posthoc(['optimize', '--model', MODEL, '--out', path.join(dir, `${level}.onnx`), '--level', level]);
      assert.equal(r.status, 0, r.stderr);
    }
    const r = posthoc(['optimize', '--model', MODEL, '--out', path.join(dir, 'h.onnx'), '--quantize', 'fp16', '--block-ops', 'Softmax']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /kept in float32: Softmax×1/);
  });

  it('never overwrites --out without --force (exit 1), and does with it', () => {
    const out = path.join(dir, 'exists.onnx');
    writeFileSync(out, 'keep me');
    const r = posthoc(['optimize', '--model', MODEL, '--out', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already exists.*--force/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
    assert.equal(posthoc(['optimize', '--model', MODEL, '--out', out, '--force']).status, 0);
    assert.notEqual(readFileSync(out, 'utf8'), 'keep me');
  });

  it('usage errors exit 2: --out equal to --model, bad level, flags that do not fit', () => {
    for (const args of [
      ['--model', MODEL, '--out', MODEL],
      ['--model', MODEL, '--out', path.join(dir, 'x.onnx'), '--level', 'max'],
      ['--model', MODEL, '--out', path.join(dir, 'x.onnx'), '--per-channel'],
      ['--model', MODEL, '--out', path.join(dir, 'x.onnx'), '--quantize', 'int8', '--block-ops', 'Relu'],
      ['--model', MODEL],
    ]) {
      const r = posthoc(['optimize', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.ok(!existsSync(path.join(dir, 'x.onnx')));
  });

  it('a missing model exits 1 with its path', () => {
    const r = posthoc(['optimize', '--model', path.join(dir, 'nope.onnx'), '--out', path.join(dir, 'y.onnx')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not found/);
  });
});
