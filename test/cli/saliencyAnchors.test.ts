import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseNpy } from '../../src/core/data/npy';
import { ensureBuilt, posthoc, ROOT, tempDir } from './helpers';

const FIX = path.join(ROOT, 'test', 'fixtures', 'saliency');
const MODEL = path.join(FIX, 'small_cnn.onnx');
const INPUT = path.join(FIX, 'cnn_input.npy');

describe('posthoc saliency --method anchors', () => {
  before(ensureBuilt);
  const dir = tempDir();
  const out = (n: string): string => path.join(dir, n);
  const run = (name: string, extra: string[] = []) => posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'anchors', '--segments', '16', '--npy', out(`${name}.npy`), '--json', out(`${name}.json`), ...extra]);

  it('the small CNN keeps its class under any mean-colour perturbation: the empty anchor, coverage 1', () => {
    const r = run('a', ['--png', out('a.png')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /anchor: superpixels none \(0 of \d+\), precision 1 .*coverage 1 = 0\.5\^0/);
    const npy = parseNpy(readFileSync(out('a.npy')));
    assert.deepEqual(npy.shape, [1, 3, 12, 12]);
    assert.ok(Array.from(npy.data as Float32Array).every((x) => x === 0));
    const d = JSON.parse(readFileSync(out('a.json'), 'utf8')).details;
    assert.deepEqual([d.anchor_found, d.anchor_superpixels, d.anchor_size, d.coverage, d.precision], ['true', '', 0, 1, 1]);
    assert.ok(d.precision_lower >= 0.95);
  });

  it('a Fashion-MNIST shirt with blurred superpixels: a 0/1 map of the anchor, its bounds, coverage and samples', { skip: existsSync(path.join(ROOT, 'node_modules', 'sharp')) ? false : 'sharp is not installed' }, () => {
    const fashion = path.join(ROOT, 'test', 'fixtures', 'images', 'fashion');
    const args = ['saliency', '--model', path.join(fashion, 'fashion.onnx'), '--input', path.join(fashion, 'folder', 'shirt', 'shirt_5.png'), '--method', 'anchors', '--segments', '16', '--superpixel-baseline', 'blur'];
    const r = posthoc([...args, '--npy', out('f.npy'), '--json', out('f.json'), '--png', out('f.png')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /anchor: superpixels [\d ]+ \(\d+ of \d+\), precision .* coverage .* samples/);
    const npy = parseNpy(readFileSync(out('f.npy')));
    assert.deepEqual(npy.shape, [1, 1, 28, 28]);
    const v = Array.from(npy.data as Float32Array);
    assert.ok(v.every((x) => x === 0 || x === 1) && v.some((x) => x === 1));
    const json = JSON.parse(readFileSync(out('f.json'), 'utf8'));
    assert.equal(json.method, 'anchors');
    const d = json.details;
    assert.equal(d.anchor_found, 'true');
    const ids = String(d.anchor_superpixels).split(' ').filter(Boolean).map(Number);
    assert.ok(ids.length >= 1);
    assert.equal(ids.length, d.anchor_size);
    assert.equal(d.coverage, 0.5 ** ids.length);
    assert.ok(d.precision_lower >= 0.95 && d.precision_lower <= d.precision && d.precision <= d.precision_upper);
    assert.equal(d.threshold, 0.95);
    assert.ok(d.samples >= d.anchor_samples && d.anchor_samples <= 2000);
    // Seeded: a second run gives the same anchor and the same numbers.
    assert.equal(posthoc([...args, '--npy', out('g.npy'), '--json', out('g.json')]).status, 0);
    assert.deepEqual(JSON.parse(readFileSync(out('g.json'), 'utf8')).details, d);
  });

  it('flags the best candidate when τ is out of reach within the samples', () => {
    const r = run('c', ['--threshold', '1', '--samples', '10']);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(readFileSync(out('c.json'), 'utf8')).details;
    assert.equal(d.anchor_found, 'false');
    assert.match(d.anchor_note, /best found/);
    assert.match(r.stdout, /no anchor reached precision 1; best found/);
  });

  it('rejects a bad --threshold, or one given to another method, with status 2', () => {
    const bad = run('d', ['--threshold', '1.5']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--threshold must be a number in \(0, 1\]/);
    const other = posthoc(['saliency', '--model', MODEL, '--input', INPUT, '--method', 'rise', '--threshold', '0.9', '--npy', out('e.npy')]);
    assert.equal(other.status, 2);
    assert.match(other.stderr, /--threshold only applies to --method anchors/);
  });
});
