// The worker pool against in-process decoding of the same files: bit-identical tensors, in file
// order, zero-padded slots, errors of the same class naming the file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DataError } from '../../../src/core/errors';
import { DecodePool, decodeWorkerCount } from '../../../src/core/images/decodePool';
import { preprocessImage, tensorDims, type PreprocessSpec } from '../../../src/core/images/preprocess';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'images', 'fashion', 'folder');
const files = ['tshirt', 'pullover', 'shirt'].flatMap((c) => Array.from({ length: 8 }, (_, i) => path.join(DIR, c, `${c}_${i}.png`)));
const spec: PreprocessSpec = { width: 28, height: 28, resize: 'exact', channels: 'gray', scale: 1 / 255, mean: [0.5], std: [0.5], layout: 'nchw', dtype: 'float32' };
const size = tensorDims(spec).reduce((a, b) => a * b, 1);
const tmp = mkdtempSync(path.join(tmpdir(), 'decode-pool-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('DecodePool', () => {
  it('gives the tensors in-process decoding gives, in order, with empty slots zero', async () => {
    const pool = new DecodePool(2, spec);
    try {
      // Five batches in flight at once over two workers; the last is short and padded to 8 slots.
      const starts = [0, 5, 10, 15, 20];
      const batches = await Promise.all(starts.map((s) => pool.decode(files.slice(s, s + 5), s === 20 ? 8 : 5)));
      for (const [b, s] of starts.entries()) {
        const got = batches[b];
        assert.equal(got.length, (s === 20 ? 8 : 5) * size);
        for (let j = 0; j < Math.min(5, files.length - s); j++) {
          const want = (await preprocessImage(files[s + j], spec)).data;
          assert.deepEqual(got.subarray(j * size, (j + 1) * size), want, `${files[s + j]}`);
        }
        if (s === 20) assert.ok(got.subarray(4 * size).every((v) => v === 0));
      }
    } finally {
      await pool.close();
    }
  });

  it('rejects a batch with an undecodable file as the DataError that names it, and keeps working', async () => {
    const bad = path.join(tmp, 'broken.png');
    writeFileSync(bad, Buffer.from('not a png at all'));
    const pool = new DecodePool(1, spec);
    try {
      await assert.rejects(pool.decode([files[0], bad], 2), (e: Error) => e instanceof DataError && e.message.includes('broken.png') && /PNG, JPEG or WebP/.test(e.message));
      assert.equal((await pool.decode([files[1]], 1)).length, size);
    } finally {
      await pool.close();
    }
    await assert.rejects(pool.decode([files[0]], 1), /closed/);
  });

  it('fails batches with a clear error once its workers are gone, instead of waiting forever', async () => {
    const pool = new DecodePool(1, spec);
    try {
      const worker = (pool as unknown as { slots: { worker: { terminate: () => Promise<number> } }[] }).slots[0].worker;
      const pending = pool.decode(files.slice(0, 8), 8);
      await worker.terminate();
      await assert.rejects(pending, /image decoding worker stopped/);
      await assert.rejects(pool.decode([files[0]], 1), /image decoding worker stopped/);
    } finally {
      await pool.close();
    }
  });
});

describe('decodeWorkerCount', () => {
  it('uses the count asked for (capped at 4); by default none for short runs or below 4 cores, else one per core beyond two', () => {
    assert.equal(decodeWorkerCount(10_000, 32, 0), 0);
    assert.equal(decodeWorkerCount(10, 32, 3), 3);
    assert.equal(decodeWorkerCount(10_000, 32, 9), 4);
    assert.equal(decodeWorkerCount(10_000, 32, Number.NaN, 8), 4, 'a NaN request is no request');
    assert.equal(decodeWorkerCount(100, 32, undefined, 16), 0);
    assert.deepEqual([1, 2, 3, 4, 5, 8].map((cores) => decodeWorkerCount(10_000, 32, undefined, cores)), [0, 0, 0, 2, 3, 4]);
    const cores = availableParallelism();
    assert.equal(decodeWorkerCount(10_000, 32), cores < 4 ? 0 : Math.min(4, cores - 2));
  });
});
