/**
 * The slice finder: every predicate (a bin of one feature) and every pair of predicates on two
 * different features is a candidate slice. Each slice with at least `minSize` rows is tested
 * one-sided against the rest of the data (z-test, or Fisher's exact test for small expected
 * counts); Benjamini–Hochberg adjusts the p-values over all tests. Reported: slices that err
 * more than the rest with q ≤ alpha, ranked by effect size; a pair is kept only when its effect
 * beats both of its single predicates (else the pair adds nothing to the better single).
 */
import { throwIfAborted } from '../errors';
import type { BinnedFeature } from './encode';
import { conjunction } from './expressions';
import { benjaminiHochberg, cohenH, sliceTest } from './significance';
import type { ErrorSlice, SliceFinding } from './types';

/** Settings of {@link findSlices}. */
export interface SliceOptions {
  minSize: number;
  alpha: number;
  maxSlices: number;
  pairs: boolean;
  effect: 'cohen_h' | 'difference';
  signal?: AbortSignal;
}

interface Candidate {
  preds: [number, number][]; // (feature index, bin)
  size: number;
  errors: number;
}

/** Finds the worst slices over `binned` features. */
export function findSlices(binned: readonly BinnedFeature[], isError: Uint8Array, opts: SliceOptions): SliceFinding {
  const n = isError.length;
  let totalErrors = 0;
  for (let i = 0; i < n; i++) totalErrors += isError[i];
  const candidates: Candidate[] = [];
  const singles = new Map<string, Candidate>();
  for (let f = 0; f < binned.length; f++) {
    const k = binned[f].labels.length;
    const size = new Float64Array(k);
    const errs = new Float64Array(k);
    const codes = binned[f].codes;
    for (let i = 0; i < n; i++) {
      size[codes[i]]++;
      errs[codes[i]] += isError[i];
    }
    for (let b = 0; b < k; b++) {
      const c: Candidate = { preds: [[f, b]], size: size[b], errors: errs[b] };
      singles.set(`${f}:${b}`, c);
      candidates.push(c);
    }
  }
  if (opts.pairs) {
    for (let f = 0; f < binned.length; f++) {
      throwIfAborted(opts.signal);
      for (let g = f + 1; g < binned.length; g++) {
        const kg = binned[g].labels.length;
        const cells = binned[f].labels.length * kg;
        const size = new Float64Array(cells);
        const errs = new Float64Array(cells);
        const cf = binned[f].codes;
        const cg = binned[g].codes;
        for (let i = 0; i < n; i++) {
          const k = cf[i] * kg + cg[i];
          size[k]++;
          errs[k] += isError[i];
        }
        for (let k = 0; k < cells; k++) candidates.push({ preds: [[f, Math.floor(k / kg)], [g, k % kg]], size: size[k], errors: errs[k] });
      }
    }
  }
  // Only slices big enough, and not the whole data, are tested (and counted for BH).
  const tested = candidates.filter((c) => c.size >= opts.minSize && c.size < n);
  const stats = tested.map((c) => {
    const t = { n1: c.size, e1: c.errors, n2: n - c.size, e2: totalErrors - c.errors };
    const rate = c.errors / c.size;
    const rest = t.e2 / t.n2;
    return { c, rate, rest, diff: rate - rest, h: cohenH(rate, rest), ...sliceTest(t) };
  });
  const q = benjaminiHochberg(stats.map((s) => s.p));
  const effectOf = (s: { diff: number; h: number }): number => (opts.effect === 'difference' ? s.diff : s.h);
  const singleEffect = new Map<Candidate, number>(stats.filter((s) => s.c.preds.length === 1).map((s) => [s.c, effectOf(s)]));
  const kept = stats
    .map((s, i) => ({ ...s, q: q[i] }))
    .filter((s) => s.diff > 0 && s.q <= opts.alpha)
    .filter((s) => s.c.preds.length === 1 || s.c.preds.every(([f, b]) => effectOf(s) > (singleEffect.get(singles.get(`${f}:${b}`)!) ?? -Infinity)))
    .sort((x, y) => effectOf(y) - effectOf(x) || x.p - y.p)
    .slice(0, opts.maxSlices);
  const slices: ErrorSlice[] = kept.map((s) => {
    const conds = s.c.preds.map(([f, b]) => binned[f].conditions[b]);
    return {
      predicates: s.c.preds.map(([f, b], i) => conds[i]?.text ?? `${binned[f].feature} = ${binned[f].labels[b]}`),
      cohort: conds.every((c) => c !== null) ? conjunction(conds.map((c) => c!.expr)) : null,
      features: s.c.preds.map(([f]) => binned[f].feature),
      size: s.c.size,
      errors: s.c.errors,
      error_rate: s.rate,
      rest_error_rate: s.rest,
      difference: s.diff,
      cohen_h: s.h,
      p_value: s.p,
      q_value: s.q,
      test: s.test,
    };
  });
  return { n_tested: tested.length, alpha: opts.alpha, effect: opts.effect, min_size: opts.minSize, slices };
}
