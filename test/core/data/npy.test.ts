// .npy/.npz against files NumPy wrote (test/fixtures/images/make_fixtures.py), and our files read back by NumPy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { encodeNpy, parseNpy, readNpy, readNpz, writeNpy, writeNpz } from '../../../src/core/data/npy';
import { DataError } from '../../../src/core/errors';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'images', 'npy');
const base = Array.from({ length: 12 }, (_, i) => i);

describe('readNpy', () => {
  const cases: [string, string, number[]][] = [
    ['f4', '<f4', base.map((v) => v * 1.5 - 3)],
    ['f8', '<f8', base.map((v) => v * 1.5 - 3)],
    ['i8', '<i8', base],
    ['i4', '<i4', base],
    ['u1', '|u1', base],
    ['b1', '|b1', base.map((v) => (v % 2 === 0 ? 1 : 0))],
  ];
  for (const [file, dtype, values] of cases) {
    it(`reads ${dtype} as NumPy wrote it`, async () => {
      const a = await readNpy(path.join(DIR, `a_${file}.npy`));
      assert.equal(a.dtype, dtype);
      assert.deepEqual(a.shape, [3, 4]);
      assert.deepEqual(Array.from(a.data, Number), values);
    });
  }
  it('reads header versions 2 and 3 and 0-d arrays', async () => {
    for (const v of ['v2', 'v3']) assert.deepEqual(Array.from((await readNpy(path.join(DIR, `${v}.npy`))).data, Number), base);
    const s = await readNpy(path.join(DIR, 'scalar.npy'));
    assert.deepEqual(s.shape, []);
    assert.deepEqual(Array.from(s.data, Number), [2.5]);
  });
  it('refuses Fortran order with a fix in the message', async () => {
    await assert.rejects(readNpy(path.join(DIR, 'fortran.npy')), (e: Error) => e instanceof DataError && /Fortran.*ascontiguousarray/.test(e.message));
  });
  it('refuses non-npy bytes and unsupported dtypes', () => {
    assert.throws(() => parseNpy(new Uint8Array(20)), /not a \.npy file/);
    const bytes = encodeNpy({ dtype: '<f4', shape: [1], data: new Float32Array(1) });
    const text = Buffer.from(bytes).toString('latin1').replace("'<f4'", "'>f4'");
    assert.throws(() => parseNpy(Buffer.from(text, 'latin1')), /dtype '>f4'.*astype/);
  });
});

describe('readNpz', () => {
  for (const f of ['stored.npz', 'deflated.npz']) {
    it(`reads ${f}`, async () => {
      const m = await readNpz(path.join(DIR, f));
      assert.deepEqual([...m.keys()].sort(), ['x', 'y']);
      assert.deepEqual(Array.from(m.get('x')!.data, Number), base);
      assert.deepEqual(Array.from(m.get('y')!.data, Number), [1, 2, 3]);
    });
  }
});

describe('writing', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'posthoc-npy-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  it('writes .npy and .npz files NumPy reads back exactly', async () => {
    await writeNpy(path.join(tmp, 'a.npy'), { dtype: '<f4', shape: [2, 3], data: Float32Array.from([0.5, 1, 2, 3, 4, -1.25]) });
    await writeNpy(path.join(tmp, 'b.npy'), { dtype: '<i8', shape: [3], data: BigInt64Array.from([1n, -2n, 3n]) });
    await writeNpz(path.join(tmp, 'c.npz'), { p: { dtype: '|u1', shape: [2], data: Uint8Array.from([7, 9]) }, q: { dtype: '<f8', shape: [1], data: Float64Array.from([Math.PI]) } }, true);
    await writeNpz(path.join(tmp, 'd.npz'), { p: { dtype: '|b1', shape: [2], data: Uint8Array.from([1, 0]) } });
    const script = `import numpy as np, json, sys
d = sys.argv[1]
a = np.load(d + '/a.npy'); b = np.load(d + '/b.npy'); c = np.load(d + '/c.npz'); e = np.load(d + '/d.npz')
print(json.dumps([a.dtype.str, a.shape, a.tolist(), b.tolist(), c['p'].tolist(), c['q'].tolist(), e['p'].tolist(), str(e['p'].dtype)]))`;
    const r = spawnSync('/usr/bin/python3', ['-c', script, tmp], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ['<f4', [2, 3], [[0.5, 1, 2], [3, 4, -1.25]], [1, -2, 3], [7, 9], [Math.PI], [true, false], 'bool']);
  });
});
