// Slice statistics against scipy 1.10 (norm.sf, fisher_exact 'greater'), numpy's quantile, and a
// Benjamini–Hochberg example worked by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { benjaminiHochberg, cohenH, fisherGreater, normalSf, quantileLinear, sliceTest, zTestGreater } from '../../../src/core/erroranalysis/significance';

const ref = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'erroranalysis', 'stats_expected.json'), 'utf8')) as {
  tables: { table: [number, number, number, number]; z: number; p_z: number; p_fisher: number; cohen_h: number }[];
  norm_sf: { x: number; sf: number }[];
  quantile_data: number[];
  quantiles: { q: number; value: number }[];
};

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

describe('significance vs scipy', () => {
  it('normal survival function', () => {
    for (const { x, sf } of ref.norm_sf) close(normalSf(x), sf, 1e-12, `sf(${x})`);
  });
  it('z-test, Fisher exact (greater), Cohen h', () => {
    for (const r of ref.tables) {
      const [n1, e1, n2, e2] = r.table;
      const t = { n1, e1, n2, e2 };
      const z = zTestGreater(t);
      close(z.z, r.z, 1e-12, `z ${r.table}`);
      close(z.p, r.p_z, 1e-10, `p_z ${r.table}`);
      close(fisherGreater(t), r.p_fisher, 1e-9, `fisher ${r.table}`);
      close(cohenH(e1 / n1, e2 / n2), r.cohen_h, 1e-12, `h ${r.table}`);
    }
  });
  it('picks Fisher for small expected counts', () => {
    assert.equal(sliceTest({ n1: 12, e1: 5, n2: 988, e2: 80 }).test, 'fisher');
    assert.equal(sliceTest({ n1: 500, e1: 60, n2: 9500, e2: 1100 }).test, 'z');
  });
});

describe('benjaminiHochberg', () => {
  it('matches a hand-computed example', () => {
    // p sorted: 0.001 0.008 0.039 0.041 0.042 0.06 0.074 0.205 (m = 8)
    // m·p/rank: 0.008 0.032 0.104 0.082 0.0672 0.08 0.0846 0.205; then running minimum from the end:
    // q: 0.008 0.032 0.0672 0.0672 0.0672 0.08 0.084571 0.205
    const p = [0.039, 0.001, 0.205, 0.041, 0.008, 0.074, 0.042, 0.06];
    const q = benjaminiHochberg(p);
    const expected = [0.0672, 0.008, 0.205, 0.0672, 0.032, 0.0845714285714, 0.0672, 0.08];
    q.forEach((v, i) => close(v, expected[i], 1e-9, `q[${i}]`));
  });
});

describe('quantileLinear', () => {
  it('matches numpy.quantile', () => {
    const abs = Float64Array.from(ref.quantile_data, Math.abs);
    for (const { q, value } of ref.quantiles) close(quantileLinear(abs, q), value, 1e-14, `q=${q}`);
  });
});
