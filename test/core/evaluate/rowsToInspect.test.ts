// Rows to inspect: the bounded heap against exact enumeration (a full stable sort), the picking
// rules on hand-made cases, and the whole evaluation against NumPy on the reference outputs
// saved beside each model (see test/fixtures/evaluate/make_rows_to_inspect.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { evaluate } from '../../../src/core/evaluate/evaluate';
import { confidentMistakes, largestResiduals, remapRows } from '../../../src/core/evaluate/rowsToInspect';
import { TopK } from '../../../src/core/evaluate/topK';
import type { MistakeRow, ResidualRow, RowsToInspect } from '../../../src/core/evaluate/types';
import { seededRandom } from '../../../src/core/deploy/bench/inputs';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'evaluate');
const MODELS = path.join(__dirname, '..', '..', 'fixtures', 'models');
const expected = JSON.parse(readFileSync(path.join(DIR, 'rows_to_inspect.json'), 'utf8')) as Record<string, RowsToInspect>;

/** Exact enumeration: every row, sorted by key descending, ties by row ascending. */
function bySort(keys: number[], k: number): number[] {
  return keys.map((key, row) => ({ key, row })).sort((a, b) => b.key - a.key || a.row - b.row).slice(0, k).map((e) => e.row);
}


describe('TopK', () => {
  it('equals a full stable sort, with many ties, for every k and size tried', () => {
    const random = seededRandom(42);
    for (const n of [0, 1, 2, 5, 17, 200]) {
      for (const k of [0, 1, 3, 10, 250]) {
        for (let trial = 0; trial < 20; trial++) {
          // Few distinct keys, so ties are everywhere; include ±Infinity.
          const keys = Array.from({ length: n }, () => [Infinity, -Infinity, 0, 0.5, 1, 2][Math.floor(random() * 6)]);
          const top = new TopK(k);
          keys.forEach((key, row) => top.push(key, row));
          assert.deepEqual(top.result(), bySort(keys, k), `n=${n} k=${k} trial ${trial}`);
        }
      }
    }
  });

  it('does not depend on the order rows are offered in', () => {
    const keys = [3, 1, 3, 2, 3, 0];
    const top = new TopK(3);
    for (const row of [5, 4, 3, 2, 1, 0]) top.push(keys[row], row);
    assert.deepEqual(top.result(), [0, 2, 4]);
  });

  it('rejects a negative or fractional k', () => {
    assert.throws(() => new TopK(-1), /whole number/);
    assert.throws(() => new TopK(1.5), /whole number/);
  });
});

describe('confidentMistakes and largestResiduals', () => {
  const classes = ['no', 'yes'];

  it('binary: the threshold decides the prediction, and the confidence is of the predicted class', () => {
    // P(yes) per row; threshold 0.3: rows 0 (0.35 → yes) and 2 (0.1 → no) are mistakes.
    const p = [0.35, 0.9, 0.1, 0.2];
    const proba = Float64Array.from(p.flatMap((q) => [1 - q, q]));
    const r = confidentMistakes({ yTrue: Int32Array.from([0, 1, 1, 0]), classes, proba, binary: { positive: 1, threshold: 0.3 } }, 10);
    assert.equal(r.kind, 'confident_mistakes');
    assert.equal(r.kind === 'confident_mistakes' && r.n_mistakes, 2);
    const rows = r.rows as MistakeRow[];
    assert.deepEqual(rows.map((x) => x.row), [2, 0]);
    assert.deepEqual(rows[0], { row: 2, true: 'yes', predicted: 'no', confidence: 0.9, true_confidence: 0.1 });
    assert.equal(rows[1].predicted, 'yes');
    assert.ok(Math.abs(rows[1].confidence! - 0.35) < 1e-15 && Math.abs(rows[1].true_confidence! - 0.65) < 1e-15);
  });

  it('binary: P(positive) equal to the threshold predicts positive, NaN predicts negative; more than two classes ignore the rule', () => {
    // Row 0: 0.5 >= 0.5 → yes (true no: a mistake); row 1: NaN → no (true yes: a mistake, sorted last).
    const proba = Float64Array.from([0.5, 0.5, NaN, NaN]);
    const r = confidentMistakes({ yTrue: Int32Array.from([0, 1]), classes, proba, binary: { positive: 1, threshold: 0.5 } }, 5);
    assert.deepEqual(r.rows.map((x) => [x.row, (x as MistakeRow).predicted]), [[0, 'yes'], [1, 'no']]);
    // Three columns: the argmax decides even when a binary rule is passed (class 2 wins row 0).
    const three = confidentMistakes({ yTrue: Int32Array.from([1]), classes: ['a', 'b', 'c'], proba: Float64Array.from([0.1, 0.3, 0.6]), binary: { positive: 1, threshold: 0.2 } }, 5);
    assert.equal((three.rows[0] as MistakeRow).predicted, 'c');
  });

  it('multiclass: first argmax wins ties, like NumPy', () => {
    const proba = Float64Array.from([0.4, 0.4, 0.2, 0.1, 0.1, 0.8]);
    const r = confidentMistakes({ yTrue: Int32Array.from([1, 0]), classes: ['a', 'b', 'c'], proba }, 5);
    assert.deepEqual(r.rows, [
      { row: 1, true: 'a', predicted: 'c', confidence: 0.8, true_confidence: 0.1 },
      { row: 0, true: 'b', predicted: 'a', confidence: 0.4, true_confidence: 0.4 },
    ]);
  });

  it('label-only models: the first mistakes in file order, without confidences', () => {
    const r = confidentMistakes({ yTrue: Int32Array.from([0, 1, 1, 0, 1]), classes, yPred: Int32Array.from([1, 1, 0, 1, 0]) }, 2);
    assert.deepEqual(r.rows, [{ row: 0, true: 'no', predicted: 'yes' }, { row: 2, true: 'yes', predicted: 'no' }]);
    assert.equal(r.kind === 'confident_mistakes' && r.n_mistakes, 4);
  });

  it('no mistakes: an empty list', () => {
    const r = confidentMistakes({ yTrue: Int32Array.from([0, 1]), classes, yPred: Int32Array.from([0, 1]) }, 10);
    assert.deepEqual(r.rows, []);
  });

  it('regression: largest |true − predicted| first, NaN predictions before all', () => {
    const r = largestResiduals(Float64Array.from([1, 2, 3, 4]), Float64Array.from([1.5, 0, NaN, 4.5]), 3);
    const rows = r.rows as ResidualRow[];
    assert.deepEqual(rows.map((x) => x.row), [2, 1, 0]);
    assert.equal(rows[1].residual, 2);
    assert.equal(rows[2].residual, -0.5);
  });

  it('remapRows renumbers a subset\'s rows as file rows', () => {
    const r = largestResiduals(Float64Array.from([0, 5]), Float64Array.from([0, 0]), 2);
    assert.deepEqual(remapRows(r, Int32Array.from([7, 9])).rows.map((x) => x.row), [9, 7]);
  });
});

function assertMatches(actual: RowsToInspect | undefined, want: RowsToInspect, name: string): void {
  assert.ok(actual, `${name}: no rows_to_inspect`);
  assert.equal(actual.kind, want.kind, name);
  assert.equal(actual.limit, want.limit, name);
  if (want.kind === 'confident_mistakes') assert.equal(actual.kind === 'confident_mistakes' && actual.n_mistakes, want.n_mistakes, `${name}: mistakes`);
  assert.deepEqual(actual.rows.map((r) => r.row), want.rows.map((r) => r.row), `${name}: rows`);
  // float32 inference in onnxruntime vs torch: 1e-5, as in the metrics tests.
  const close = (a: number | string | undefined, b: number | string | undefined, what: string) =>
    typeof b === 'number' ? assert.ok(typeof a === 'number' && Math.abs(a - b) <= 1e-5, `${what}: ${a} vs NumPy ${b}`) : assert.equal(a, b, what);
  actual.rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(want.rows[i])) close((row as unknown as Record<string, number | string>)[key], value, `${name} row ${i} ${key}`);
  });
}

describe('evaluate lists the rows to inspect like NumPy on the reference outputs', () => {
  const cases: Record<string, { model: string; data: string; label?: string }> = {
    binary_logits: { model: 'binary_logits.onnx', data: 'binary_logits.csv', label: 'target' },
    multiclass_softmax: { model: 'multiclass_softmax.onnx', data: 'multiclass_softmax.csv', label: 'label' },
    zipmap_3class: { model: 'zipmap_3class.onnx', data: 'zipmap_3class.csv', label: 'species' },
    regression: { model: 'regression.onnx', data: 'regression.csv', label: 'y' },
  };
  for (const [name, c] of Object.entries(cases)) {
    for (const limit of [3, 10]) {
      it(`${name}, top ${limit}`, async () => {
        const features = name === 'binary_logits' ? ['f0', 'f1', 'f2', 'f3'] : undefined;
        const r = await evaluate({ model: path.join(MODELS, c.model), data: path.join(DIR, c.data), label: c.label, features, bootstrap: 0, rowsToInspect: limit });
        assertMatches(r.rows_to_inspect, expected[`${name}/${limit}`], `${name}/${limit}`);
      });
    }
  }

  it('defaults to 10 rows, and 0 turns the list off', async () => {
    const base = { model: path.join(MODELS, 'regression.onnx'), data: path.join(DIR, 'regression.csv'), label: 'y', bootstrap: 0 };
    assert.equal((await evaluate(base)).rows_to_inspect?.rows.length, 10);
    assert.equal((await evaluate({ ...base, rowsToInspect: 0 })).rows_to_inspect, undefined);
  });

  it('a cohort\'s rows are numbered as rows of the file', async () => {
    const base = { model: path.join(MODELS, 'regression.onnx'), data: path.join(DIR, 'regression.csv'), label: 'y', bootstrap: 0, rowsToInspect: 16 };
    const all = (await evaluate(base)).rows_to_inspect!.rows as ResidualRow[];
    const cohort = (await evaluate({ ...base, cohort: { name: 'a_pos', expression: 'a > 0' } })).rows_to_inspect!.rows as ResidualRow[];
    const a = readFileSync(path.join(DIR, 'regression.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    // The cohort's list is the whole file's list, filtered to the cohort, in the same order.
    assert.deepEqual(cohort, all.filter((row) => a[row.row] > 0));
    assert.ok(cohort.length > 0 && cohort.length < all.length);
  });
});
