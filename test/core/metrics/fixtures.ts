/** Loads the scikit-learn fixtures (test/fixtures/metrics) and compares numbers to them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', '..', 'fixtures', 'metrics');

/** The `cases` array of one fixture file. */
export function loadCases<T>(name: 'binary' | 'multiclass' | 'regression'): T[] {
  return (JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as { cases: T[] }).cases;
}

/** The bootstrap fixture (scipy.stats.bootstrap on a mean). */
export function loadBootstrap(): { data: number[]; mean: number; ci: [number, number] } {
  return (JSON.parse(readFileSync(join(DIR, 'bootstrap.json'), 'utf8')) as { cases: { data: number[]; mean: number; ci: [number, number] } }).cases;
}

/** Asserts |a − b| <= rel·max(|a|, |b|) + abs. */
export function assertClose(actual: number, expected: number, what: string, rel = 1e-9, abs = 1e-12): void {
  const tol = rel * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected}`);
}

/** Element-wise {@link assertClose} with a length check. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, rel = 1e-9): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], `${what}[${i}]`, rel);
}

/** Compares every expected metric, and checks no extra metric slipped in. */
export function assertMetrics(actual: Record<string, number>, expected: Record<string, number>, what: string): void {
  for (const [k, v] of Object.entries(expected)) {
    assert.ok(k in actual, `${what}: metric ${k} missing (have ${Object.keys(actual).join(', ')})`);
    assertClose(actual[k], v, `${what}.${k}`);
  }
}
