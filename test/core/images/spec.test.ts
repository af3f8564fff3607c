// Reading preprocessing off a model's input shape, and the flags/JSON file that override it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ModelError, UsageError } from '../../../src/core/errors';
import type { TensorSpec } from '../../../src/core/evaluate/types';
import { imageInput, resolvePreprocess } from '../../../src/core/images/spec';
import { preprocessFromFlags } from '../../../src/core/images/specArgs';

const input = (shape: TensorSpec['shape'], type = 'float'): TensorSpec => ({ name: 'x', type, shape });

describe('resolvePreprocess', () => {
  it('[N,3,224,224] → NCHW 224×224 RGB, 1/255, and says so', () => {
    const r = resolvePreprocess(input(['N', 3, 224, 224]));
    assert.deepEqual(r.spec, { width: 224, height: 224, resize: 'shorter', channels: 'rgb', scale: 1 / 255, layout: 'nchw', dtype: 'float32' });
    assert.match(r.warnings.join(' '), /NCHW, 224×224, RGB/);
    assert.match(r.warnings.join(' '), /scale 1\/255.*no mean\/std/);
    assert.equal(r.fixedBatch, undefined);
  });
  it('[N,28,28,1] → NHWC grayscale; [1,1,28,28] has a fixed batch', () => {
    const r = resolvePreprocess(input([null, 28, 28, 1]));
    assert.equal(r.spec.layout, 'nhwc');
    assert.equal(r.spec.channels, 'gray');
    assert.equal(resolvePreprocess(input([1, 1, 28, 28])).fixedBatch, 1);
  });
  it('dynamic sizes fall back to the given size or 224, with a warning', () => {
    assert.equal(resolvePreprocess(input(['N', 3, 'H', 'W'])).spec.width, 224);
    assert.match(resolvePreprocess(input(['N', 3, 'H', 'W'])).warnings[0], /--image-size/);
    const r = resolvePreprocess(input(['N', 3, 'H', 'W']), { height: 160, width: 128 });
    assert.deepEqual([r.spec.height, r.spec.width], [160, 128]);
  });
  it('uint8 inputs take raw pixels; user values win and silence the warnings', () => {
    assert.equal(resolvePreprocess(input(['N', 224, 224, 3], 'uint8')).spec.scale, 1);
    const r = resolvePreprocess(input(['N', 3, 224, 224]), { layout: 'nchw', channels: 'bgr', scale: 1, mean: [1, 2, 3], std: [4, 5, 6], width: 224, height: 224 });
    assert.equal(r.spec.channels, 'bgr');
    assert.deepEqual(r.warnings, []);
  });
  it('refuses contradictions with the model', () => {
    assert.throws(() => resolvePreprocess(input(['N', 3, 224, 224]), { width: 100, height: 100 }), (e: Error) => e instanceof UsageError && /224×224/.test(e.message));
    assert.throws(() => resolvePreprocess(input(['N', 1, 28, 28]), { channels: 'rgb' }), /takes 1/);
  });
});

describe('imageInput', () => {
  it('needs a 4-D float or uint8 input', () => {
    assert.throws(() => imageInput([input(['N', 30])]), (e: Error) => e instanceof ModelError && /4-D image input/.test(e.message));
    assert.throws(() => imageInput([input(['N', 3, 8, 8], 'int64')]), /int64/);
    assert.equal(imageInput([input(['N', 3]), { ...input(['N', 3, 8, 8]), name: 'img' }]).name, 'img');
  });
});

describe('preprocessFromFlags', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'posthoc-spec-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  it('parses sizes, fractions and lists', () => {
    assert.deepEqual(preprocessFromFlags({ 'image-size': '224x192', scale: '1/255', mean: '0.5,0.5,0.5', channels: 'BGR', layout: 'nhwc', resize: 'exact' }), {
      height: 224, width: 192, scale: 1 / 255, mean: [0.5, 0.5, 0.5], channels: 'bgr', layout: 'nhwc', resize: 'exact',
    });
    assert.equal(preprocessFromFlags({}), undefined);
    assert.throws(() => preprocessFromFlags({ 'image-size': '224x' }), UsageError);
    assert.throws(() => preprocessFromFlags({ scale: '-1' }), /--scale/);
    assert.throws(() => preprocessFromFlags({ mean: '0.5,,x' }), /--mean/);
  });
  it('reads a JSON file (or a result holding images.preprocess); flags override it; typos are errors', () => {
    const f = path.join(tmp, 'p.json');
    writeFileSync(f, JSON.stringify({ images: { preprocess: { width: 64, height: 64, channels: 'rgb' } } }));
    assert.deepEqual(preprocessFromFlags({ preprocess: f, channels: 'gray' }), { width: 64, height: 64, channels: 'gray' });
    writeFileSync(f, JSON.stringify({ widht: 64 }));
    assert.throws(() => preprocessFromFlags({ preprocess: f }), /unknown key\(s\) widht/);
  });
});
