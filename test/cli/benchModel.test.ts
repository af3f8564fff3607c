// `posthoc bench`: output files, exit codes, refusing to overwrite.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { BenchResult } from '../../src/core/deploy/bench/types';
import { ensureBuilt, EXAMPLE, posthoc, tempDir } from './helpers';

before(ensureBuilt);
const MODEL = path.join(EXAMPLE, 'model.onnx');

describe('posthoc bench', () => {
  it('writes JSON, HTML and Markdown with one entry per batch size', () => {
    const dir = tempDir();
    const json = path.join(dir, 'bench.json');
    const html = path.join(dir, 'bench.html');
    const md = path.join(dir, 'bench.md');
    const r = posthoc(['bench', '--model', MODEL, '--batch', '1,8,32', '--iterations', '25', '--warmup', '3', '--threads', '1', '--json', json, '--html', html, '--md', md]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /batch +1: p50 [\d.]+ ms +p90 [\d.]+ ms +p99 [\d.]+ ms/);
    assert.match(r.stdout, /memory: RSS .* before load/);
    const result = JSON.parse(readFileSync(json, 'utf8')) as BenchResult;
    assert.deepEqual(result.batches.map((b) => [b.batch_size, b.iterations, b.warmup]), [[1, 25, 3], [8, 25, 3], [32, 25, 3]]);
    for (const b of result.batches) assert.ok(b.latency_ms.p50 > 0 && b.latency_ms.p50 <= b.latency_ms.p90 && b.latency_ms.p90 <= b.latency_ms.p99);
    assert.ok(result.memory.peak_rss_during_run > 0 && result.memory.rss_before_load > 0);
    assert.equal(result.settings.threads, 1);
    assert.match(readFileSync(html, 'utf8'), /Latency percentiles per batch size/);
    assert.match(readFileSync(md, 'utf8'), /Throughput per batch size/);
  });

  it('refuses to overwrite an existing output before running, and overwrites with --force', () => {
    const dir = tempDir();
    const json = path.join(dir, 'bench.json');
    writeFileSync(json, 'keep');
    const r = posthoc(['bench', '--model', MODEL, '--batch', '1', '--iterations', '2', '--json', json]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already exists; nothing was run.*--force/);
    assert.equal(readFileSync(json, 'utf8'), 'keep');
    const f = posthoc(['bench', '--model', MODEL, '--batch', '1', '--iterations', '2', '--json', json, '--force']);
    assert.equal(f.status, 0, f.stderr);
    assert.notEqual(readFileSync(json, 'utf8'), 'keep');
  });

  it('exits 2 on usage errors', () => {
    for (const args of [
      ['bench'],
      ['bench', '--model', MODEL, '--seconds', '1', '--iterations', '5'],
      ['bench', '--model', MODEL, '--batch', '1,x'],
      ['bench', '--model', MODEL, '--threads', '0'],
      ['bench', '--model', MODEL, '--shape', 'nothing=3'],
      ['bench', '--model', MODEL, '--bogus'],
    ]) {
      const r = posthoc(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^posthoc: /);
    }
  });

  it('exits 1 for a model that is not there or not ONNX', () => {
    const dir = tempDir();
    const r = posthoc(['bench', '--model', path.join(dir, 'nope.onnx'), '--iterations', '1']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Model file not found/);
    assert.ok(!existsSync(path.join(dir, 'nope.onnx')));
  });

  it('prints its help', () => {
    const r = posthoc(['bench', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--threads T/);
  });
});
