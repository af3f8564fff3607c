// `posthoc evaluate` on image datasets, as a user runs it: metrics must equal sklearn's on torch's
// predictions for the same PNGs (test/fixtures/images/make_fixtures.py wrote expected.json).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt, posthoc, tempDir } from './helpers';

const DIR = path.join(__dirname, '..', 'fixtures', 'images', 'fashion');
const MODEL = path.join(DIR, 'fashion.onnx');
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as {
  accuracy: number; macro_f1: number; log_loss: number; confusion_matrix: number[][]; classes: string[];
};

interface Result {
  metrics: Record<string, number>;
  confusion_matrix: { labels: string[]; matrix: number[][] };
  warnings: string[];
  images: { preprocess: Record<string, unknown>; decode_workers?: number; gallery: { mistakes: { confidence: number }[]; samples: Record<string, unknown[]>; cells: { images: string[]; count: number }[]; thumbnails: Record<string, string> } };
}

describe('posthoc evaluate on images', () => {
  before(ensureBuilt);
  const out = tempDir();

  for (const data of ['folder', 'images.csv', 'images.jsonl']) {
    it(`matches sklearn on torch's predictions (${data})`, () => {
      const json = path.join(out, `${data}.json`);
      const r = posthoc(['evaluate', '--model', MODEL, '--data', path.join(DIR, data), '--bootstrap', '0', '--json', json]);
      assert.equal(r.status, 0, r.stderr);
      const res = JSON.parse(readFileSync(json, 'utf8')) as Result;
      assert.equal(res.metrics.accuracy, expected.accuracy);
      assert.ok(Math.abs(res.metrics.f1_macro - expected.macro_f1) < 1e-12);
      // float32 probabilities, renormalised by sklearn: agree to float32 precision.
      assert.ok(Math.abs(res.metrics.log_loss - expected.log_loss) < 1e-6);
      assert.deepEqual(res.confusion_matrix.labels, expected.classes);
      assert.deepEqual(res.confusion_matrix.matrix, expected.confusion_matrix);
      assert.match(res.warnings.join('\n'), /grayscale/);
      const g = res.images.gallery;
      const wrong = expected.confusion_matrix.flat().reduce((a, b) => a + b, 0) - expected.confusion_matrix.reduce((a, row, i) => a + row[i], 0);
      assert.equal(g.mistakes.length, wrong);
      for (let i = 1; i < g.mistakes.length; i++) assert.ok(g.mistakes[i - 1].confidence >= g.mistakes[i].confidence);
      assert.ok(Object.values(g.samples).every((s) => s.length === 4));
      assert.ok(g.cells.every((c) => c.images.length === Math.min(8, c.count)));
      assert.ok(Object.values(g.thumbnails).every((t) => t.startsWith('data:image/png;base64,')));
    });
  }

  it('writes an HTML report with the gallery and reuses the saved preprocessing', () => {
    const html = path.join(out, 'r.html'), md = path.join(out, 'r.md'), json = path.join(out, 'r.json'), json2 = path.join(out, 'r2.json');
    const r = posthoc(['evaluate', '--model', MODEL, '--data', path.join(DIR, 'folder'), '--bootstrap', '0', '--json', json, '--html', html, '--md', md]);
    assert.equal(r.status, 0, r.stderr);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /Image gallery/);
    assert.ok((page.match(/<img class="ph-thumb" src="data:image\/png;base64,/g) ?? []).length >= 12);
    assert.match(readFileSync(md, 'utf8'), /Most confident mistakes/);
    const again = posthoc(['evaluate', '--model', MODEL, '--data', path.join(DIR, 'images.csv'), '--bootstrap', '0', '--preprocess', json, '--json', json2]);
    assert.equal(again.status, 0, again.stderr);
    const a = JSON.parse(readFileSync(json, 'utf8')) as Result, b = JSON.parse(readFileSync(json2, 'utf8')) as Result;
    assert.deepEqual(b.images.preprocess, a.images.preprocess);
    assert.deepEqual(b.metrics, a.metrics);
    assert.doesNotMatch(b.warnings.join('\n'), /read off the model/);
  });

  it('preprocessing flags change the run and bad ones are usage errors', () => {
    const json = path.join(out, 'mean.json');
    const r = posthoc(['evaluate', '--model', MODEL, '--data', path.join(DIR, 'folder'), '--bootstrap', '0', '--mean', '0.5', '--std', '0.5', '--scale', '1/255', '--image-size', '28', '--json', json]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(readFileSync(json, 'utf8')) as Result).images.preprocess, {
      width: 28, height: 28, resize: 'shorter', channels: 'gray', scale: 1 / 255, layout: 'nchw', dtype: 'float32', mean: [0.5], std: [0.5],
    });
    for (const args of [['--channels', 'rgb'], ['--image-size', '32'], ['--layout', 'nwhc'], ['--scale', '0'], ['--decode-workers', '5']]) {
      const bad = posthoc(['evaluate', '--model', MODEL, '--data', path.join(DIR, 'folder'), ...args]);
      assert.equal(bad.status, 2, `${args.join(' ')}: ${bad.stderr}`);
    }
  });

  it('decoding in worker threads gives the same result as in the main thread', () => {
    const run = (workers: string) => {
      const json = path.join(out, `workers${workers}.json`);
      const r = posthoc(['evaluate', '--model', MODEL, '--data', path.join(DIR, 'folder'), '--bootstrap', '0', '--batch-size', '4', '--decode-workers', workers, '--json', json]);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(readFileSync(json, 'utf8')) as Result;
    };
    const inline = run('0'), pooled = run('2');
    assert.deepEqual([inline.images.decode_workers, pooled.images.decode_workers], [0, 2]);
    assert.deepEqual(pooled.metrics, inline.metrics);
    assert.deepEqual(pooled.images.gallery.mistakes, inline.images.gallery.mistakes);
    assert.equal(pooled.metrics.accuracy, expected.accuracy);
  });

  it('fails with a clear message on a folder without classes', () => {
    const empty = path.join(out, 'empty');
    mkdirSync(empty);
    const r = posthoc(['evaluate', '--model', MODEL, '--data', empty]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /one subfolder per class/);
  });
});
