/** Shared helpers for the tree tests: fixture paths, expected-value files, comparisons. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const TREE_FIXTURES = path.join(__dirname, '../../fixtures/tree');

/** Path of a fixture file. */
export const fixturePath = (file: string): string => path.join(TREE_FIXTURES, file);

/** Inputs and expected outputs written by test/fixtures/tree/make_fixtures.py (null = NaN in x). */
export interface Expected {
  features: string[];
  x: (number | null)[][];
  background?: (number | null)[][];
  explain_rows: number[];
  margin: number[][];
  predict?: number[] | number[][];
  proba?: number[][];
  /** XGBoost pred_contribs per output: [row][feature…, bias]. */
  contribs?: number[][][];
  /** Brute-force interventional SHAP per output: [row][feature]. */
  interventional?: number[][][];
  /** Brute-force path-dependent SHAP per output, and its expected value. */
  path: number[][][];
  path_expected: number[];
}

/** The expected-value file of a fixture model (`name` without extension). */
export function expected(name: string): Expected {
  return JSON.parse(readFileSync(fixturePath(`${name}.expected.json`), 'utf8')) as Expected;
}

/** Row-major Float64Array from nested rows, null -> NaN. */
export function matrix(rows: (number | null)[][]): Float64Array {
  return Float64Array.from(rows.flat(), (v) => v ?? Number.NaN);
}

/** Asserts |a - b| <= tol elementwise. */
export function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: length ${a.length} vs ${b.length}`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  assert.ok(worst <= tol, `${what}: max difference ${worst} at index ${at} (${a[at]} vs ${b[at]}) exceeds ${tol}`);
}
