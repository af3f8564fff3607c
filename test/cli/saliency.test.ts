import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { onnx } from 'onnx-proto';
import { parseNpy } from '../../src/core/data/npy';
import { encodePng } from '../../src/core/saliency/png';
import { ensureBuilt, posthoc, ROOT, tempDir } from './helpers';

const FIX = path.join(ROOT, 'test', 'fixtures', 'saliency');
const MODEL = path.join(FIX, 'small_cnn.onnx');
const INPUT = path.join(FIX, 'cnn_input.npy');

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  assert.deepEqual([...b.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('posthoc saliency', () => {
  before(ensureBuilt);
  const dir = tempDir();

  it('writes .npy (input shape), PNG (input size) and JSON for integrated gradients', () => {
    const out = (n: string): string => path.join(dir, n);
    const r = posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'integrated-gradients', '--steps', '20', '--quality', '--npy', out('ig.npy'), '--png', out('ig.png'), '--json', out('ig.json')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /completeness gap/);
    const npy = parseNpy(readFileSync(out('ig.npy')));
    assert.equal(npy.dtype, '<f4');
    assert.deepEqual(npy.shape, [1, 3, 12, 12]);
    assert.deepEqual(pngSize(out('ig.png')), [12, 12]);
    const json = JSON.parse(readFileSync(out('ig.json'), 'utf8'));
    assert.equal(json.method, 'integrated-gradients');
    assert.equal(json.target, 2);
    assert.ok(json.completeness.relative_gap < 0.05);
    assert.ok(json.quality.deletion_auc >= 0 && json.quality.insertion_auc <= 1);
    assert.ok(json.timings_ms.methodMs > 0);
  });

  it('names the target by the class labels the model carries, in stdout and JSON', () => {
    const m = onnx.ModelProto.decode(readFileSync(MODEL));
    m.metadataProps = [{ key: 'class_labels', value: JSON.stringify(['cat', 'dog', 'owl', 'fox']) }];
    const labelled = path.join(dir, 'labelled.onnx');
    writeFileSync(labelled, onnx.ModelProto.encode(m).finish());
    const r = posthoc(['saliency', '--model', labelled, '--input', INPUT, '--method', 'gradient', '--npy', path.join(dir, 'l.npy'), '--json', path.join(dir, 'l.json')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /gradient: class 2 "owl" \(p = /);
    const json = JSON.parse(readFileSync(path.join(dir, 'l.json'), 'utf8'));
    assert.equal(json.target_label, 'owl');
    assert.deepEqual(json.class_labels, ['cat', 'dog', 'owl', 'fox']);
    const plain = JSON.parse(readFileSync(path.join(dir, 'ig.json'), 'utf8'));
    assert.equal('target_label' in plain, false, 'a model without labels gets none');
  });

  it('Grad-CAM writes the layer-sized map, or the input-sized one with --upsample', () => {
    const raw = path.join(dir, 'cam.npy');
    assert.equal(posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'grad-cam', '--npy', raw]).status, 0);
    assert.deepEqual(parseNpy(readFileSync(raw)).shape, [6, 6]);
    const up = path.join(dir, 'cam-up.npy');
    const r = posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'grad-cam++', '--upsample', '--npy', up, '--png', path.join(dir, 'cam.png')]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(parseNpy(readFileSync(up)).shape, [12, 12]);
    assert.deepEqual(pngSize(path.join(dir, 'cam.png')), [12, 12]);
  });

  it('takes an image file through the preprocessing flags', { skip: existsSync(path.join(ROOT, 'node_modules', 'sharp')) ? false : 'sharp is not installed' }, () => {
    const img = path.join(dir, 'in.png');
    writeFileSync(img, encodePng(Uint8Array.from({ length: 24 * 24 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256)), 24, 24));
    const r = posthoc(['saliency', '--model', MODEL, '--input', img, '--method', 'occlusion', '--resize', 'exact', '--npy', path.join(dir, 'occ.npy')]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(parseNpy(readFileSync(path.join(dir, 'occ.npy'))).shape, [1, 3, 12, 12]);
  });

  it('refuses to overwrite without --force, and reports usage errors with status 2', () => {
    const f = path.join(dir, 'exists.npy');
    writeFileSync(f, 'x');
    const r = posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'rise', '--samples', '50', '--npy', f]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /--force/);
    assert.equal(posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'rise', '--samples', '50', '--npy', f, '--force']).status, 0);
    const bad = posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'magic', '--npy', f]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--method must be one of/);
    assert.equal(posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'grad-cam', '--npy', f, '--force', '--target', '9']).status, 2);
  });
});
