// Every drift statistic against scipy/numpy values from test/fixtures/drift/make_fixtures.py.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { countByEdges, equalWidthEdges, histogramCounts, quantileEdges } from '../../../src/core/drift/binning';
import { kolmogorovSf } from '../../../src/core/drift/kolmogorov';
import { ks2samp } from '../../../src/core/drift/ks';
import { chi2Sf } from '../../../src/core/drift/special';
import { normalSf } from '../../../src/core/stats/normal';
import { chiSquare, jensenShannon, klDivergence, normedWasserstein, proportionZ, psi, wasserstein1 } from '../../../src/core/drift/statTests';

const F = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/drift/stats.json'), 'utf8'));

function close(actual: number, expected: number | null, tol: number, what: string): void {
  if (expected === null) {
    assert.ok(!Number.isFinite(actual), `${what}: expected ∞/NaN, got ${actual}`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs scipy ${expected} (|Δ| ${Math.abs(actual - expected)})`);
}

describe('ks2samp vs scipy.stats.ks_2samp', () => {
  for (const [i, c] of (F.ks as { a: number[]; b: number[]; statistic: number; pvalue: number; method: string }[]).entries()) {
    it(`case ${i}: n = ${c.a.length}, ${c.b.length} (${c.method})`, () => {
      const r = ks2samp(c.a, c.b);
      assert.equal(r.method, c.method);
      close(r.statistic, c.statistic, 1e-12, 'statistic');
      close(r.pValue, c.pvalue, c.method === 'exact' ? 1e-6 : 1e-9, 'p-value');
      // Tiny exact p-values keep their relative precision too (the lattice pass sums the mass that leaves).
      if (c.pvalue > 0 && c.pvalue < 1e-10) assert.ok(Math.abs(r.pValue / c.pvalue - 1) < 1e-6, `relative: ${r.pValue} vs ${c.pvalue}`);
      // The test is symmetric in its samples.
      close(ks2samp(c.b, c.a).pValue, c.pvalue, c.method === 'exact' ? 1e-6 : 1e-9, 'swapped p-value');
    });
  }
});

describe('kolmogorovSf vs scipy.stats.kstwo.sf', () => {
  it('every region of the method choice', () => {
    for (const c of F.kstwo as { n: number; x: number; sf: number }[]) close(kolmogorovSf(c.n, c.x), c.sf, 1e-9, `n=${c.n} x=${c.x}`);
  });
});

describe('chi-square, z, special functions', () => {
  it('chiSquare equals scipy.stats.chisquare(current, reference shares × n_current)', () => {
    for (const c of F.chi2 as { ref: number[]; cur: number[]; statistic: number | null; pvalue: number }[]) {
      const r = chiSquare(c.ref, c.cur);
      close(r.statistic, c.statistic, 1e-9, `chi2 ${c.ref}`);
      close(r.pValue!, c.pvalue, 1e-9, `chi2 p ${c.ref}`);
    }
  });
  it('proportionZ equals the pooled two-proportion z-test with norm.sf', () => {
    for (const c of F.z as { s1: number; n1: number; s2: number; n2: number; z: number; pvalue: number }[]) {
      const r = proportionZ(c.s1, c.n1, c.s2, c.n2);
      close(r.statistic, c.z, 1e-9, 'z');
      close(r.pValue!, c.pvalue, 1e-9, 'z p');
    }
  });
  it('chi2Sf and normalSf equal scipy', () => {
    for (const c of F.special.chi2_sf as { x: number; df: number; sf: number }[]) close(chi2Sf(c.x, c.df), c.sf, 1e-12, `chi2.sf(${c.x}, ${c.df})`);
    for (const c of F.special.norm_sf as { z: number; sf: number }[]) close(normalSf(c.z), c.sf, 1e-12, `norm.sf(${c.z})`);
  });
});

describe('distances', () => {
  it('wasserstein1 equals scipy.stats.wasserstein_distance; normed divides by np.std(reference)', () => {
    for (const c of F.wasserstein as { a: number[]; b: number[]; distance: number; normed: number }[]) {
      close(wasserstein1(c.a, c.b), c.distance, 1e-9, 'wasserstein');
      close(normedWasserstein(c.a, c.b), c.normed, 1e-9, 'normed wasserstein');
    }
  });
  it('wasserstein1 merges the sorted samples right: ties, signed zeros, one-value and disjoint samples (scipy)', () => {
    const cases = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/drift/wasserstein_edges.json'), 'utf8')) as { name: string; a: number[]; b: number[]; distance: number }[];
    for (const c of cases) {
      close(wasserstein1(c.a, c.b), c.distance, 1e-12, c.name);
      // Symmetric in its arguments, as the area between two CDFs must be.
      close(wasserstein1(c.b, c.a), c.distance, 1e-12, `${c.name} (swapped)`);
    }
  });
  it('wasserstein1 is NaN, not a hang, when a sample holds NaN (as scipy gives nan)', () => {
    assert.ok(Number.isNaN(wasserstein1([1, Number.NaN], [2, 3])));
    assert.ok(Number.isNaN(wasserstein1([1, 2], [Number.NaN])));
  });
  it('jensenShannon equals scipy.spatial.distance.jensenshannon; psi and kl the documented formulas', () => {
    for (const c of F.distances as { ref: number[]; cur: number[]; js: number; psi: number; kl: number }[]) {
      close(jensenShannon(c.ref, c.cur), c.js, 1e-9, 'js');
      close(psi(c.ref, c.cur), c.psi, 1e-9, 'psi');
      close(klDivergence(c.ref, c.cur), c.kl, 1e-9, 'kl (scipy.stats.entropy)');
    }
  });
});

describe('binning like numpy', () => {
  it('quantile edges and searchsorted counts; 30-bin histogram over the pooled range', () => {
    type B = { ref: number[]; cur: number[]; quantile_edges: number[]; ref_quantile_counts: number[]; cur_quantile_counts: number[]; hist_edges: number[]; ref_hist_counts: number[]; cur_hist_counts: number[] };
    for (const c of F.binning as B[]) {
      const edges = quantileEdges(c.ref, 10);
      assert.deepEqual(edges, c.quantile_edges);
      assert.deepEqual(countByEdges(c.ref, edges), c.ref_quantile_counts);
      assert.deepEqual(countByEdges(c.cur, edges), c.cur_quantile_counts);
      const lo = Math.min(...c.ref, ...c.cur);
      const hi = Math.max(...c.ref, ...c.cur);
      const h = equalWidthEdges(lo, hi, 30);
      assert.deepEqual(h, c.hist_edges);
      assert.deepEqual(histogramCounts(c.ref, h), c.ref_hist_counts);
      assert.deepEqual(histogramCounts(c.cur, h), c.cur_hist_counts);
    }
  });
});
