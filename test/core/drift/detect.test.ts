// detectDrift end to end on generated dataset pairs with a real shift (income, city), checked
// against scipy values in test/fixtures/drift/expected.json.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { detectDrift } from '../../../src/core/drift/detect';
import { detectDriftInWorker } from '../../../src/core/drift/driftInWorker';
import { CancelledError, DataError, UsageError } from '../../../src/core/errors';
import type { DriftResult } from '../../../src/core/drift/types';

const DIR = path.join(__dirname, '../../fixtures/drift');
const fx = (name: string) => path.join(DIR, name);
const EXPECTED = JSON.parse(readFileSync(fx('expected.json'), 'utf8'));

interface ExpectedColumn { column: string; type: string; test: string; statistic: number | null; p_value: number | null; drift: boolean }

function checkAgainstScipy(result: DriftResult, expected: { columns: ExpectedColumn[] }): void {
  assert.deepEqual(result.columns.map((c) => c.column), expected.columns.map((c) => c.column));
  for (const e of expected.columns) {
    const c = result.columns.find((x) => x.column === e.column)!;
    assert.equal(c.type, e.type, `${e.column} type`);
    assert.equal(c.test, e.test, `${e.column} test`);
    if (e.statistic === null) assert.equal(c.statistic, Infinity, `${e.column} statistic`);
    else assert.ok(Math.abs(c.statistic - e.statistic) <= 1e-9, `${e.column} statistic ${c.statistic} vs ${e.statistic}`);
    if (e.p_value === null) assert.equal(c.p_value, null);
    else assert.ok(Math.abs(c.p_value! - e.p_value) <= (c.test === 'ks' ? 1e-6 : 1e-9), `${e.column} p ${c.p_value} vs ${e.p_value}`);
    assert.equal(c.drift, e.drift, `${e.column} drift`);
  }
}

describe('detectDrift', () => {
  it('small reference (≤ 1000 rows): ks / chi2 / z chosen, shifted columns flagged, others not', async () => {
    const r = await detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv') });
    checkAgainstScipy(r, EXPECTED.small);
    assert.deepEqual(r.columns.filter((c) => c.drift).map((c) => c.column), ['income', 'city']);
    assert.equal(r.n_drifted, 2);
    assert.equal(r.share_drifted, 2 / 7);
    assert.equal(r.dataset_drift, false);
    assert.equal(r.columns.find((c) => c.column === 'age')!.method, 'exact');
  });

  it('large reference: wasserstein / jensenshannon chosen, same columns flagged', async () => {
    const r = await detectDrift({ reference: fx('large_ref.csv'), current: fx('large_cur.csv') });
    checkAgainstScipy(r, EXPECTED.large);
    assert.deepEqual(r.columns.filter((c) => c.drift).map((c) => c.column), ['income', 'city']);
  });

  it('data quality: missing values, new categories, out-of-range values', async () => {
    const r = await detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv') });
    for (const e of EXPECTED.small.quality as { column: string; missing_reference: number; missing_current: number; out_of_range?: number; new_categories?: string[] }[]) {
      const q = r.quality.find((x) => x.column === e.column)!;
      assert.equal(q.missing_reference, e.missing_reference, `${e.column} missing ref`);
      assert.equal(q.missing_current, e.missing_current, `${e.column} missing cur`);
      if (e.out_of_range !== undefined) assert.equal(q.out_of_range, e.out_of_range, `${e.column} out of range`);
      if (e.new_categories !== undefined && q.new_categories) assert.deepEqual(q.new_categories, e.new_categories, `${e.column} new categories`);
    }
    const city = r.quality.find((q) => q.column === 'city')!;
    assert.deepEqual(city.new_categories, ['oslo']);
    assert.ok(city.new_category_rows! > 0);
    const age = r.quality.find((q) => q.column === 'age')!;
    assert.ok(age.out_of_range! >= 5 && age.out_of_range_share! > 0);
  });

  it('--test override, threshold and drift share', async () => {
    const r = await detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv'), test: 'psi', threshold: 0.05, driftShare: 0.25 });
    assert.ok(r.columns.every((c) => c.test === 'psi' && c.threshold === 0.05 && c.p_value === null));
    assert.ok(r.columns.find((c) => c.column === 'income')!.drift);
    assert.equal(r.dataset_drift, r.share_drifted >= 0.25);
    const z = await detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv'), test: 'z', columns: ['city', 'smoker'] });
    assert.equal(z.columns[0].test, 'chi2'); // city has 5 categories: z does not apply
    assert.match(z.columns[0].note!, /z needs two categories/);
    assert.equal(z.columns[1].test, 'z');
  });

  it('a serving log as the current dataset, flattened into named features', async () => {
    const r = await detectDrift({ reference: fx('small_ref.csv'), current: fx('serve_log.jsonl'), features: ['age', 'income', 'score'] });
    assert.equal(r.current.format, 'serve-log');
    assert.equal(r.current.n_rows, 500);
    assert.ok(r.current.skipped_lines! > 0);
    assert.ok(r.notes.some((n) => /truncated/.test(n)));
    // Same values as the CSV, so the same numbers.
    const csv = await detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv'), columns: ['age', 'income', 'score'] });
    assert.deepEqual(r.columns.map((c) => [c.column, c.statistic, c.p_value]), csv.columns.map((c) => [c.column, c.statistic, c.p_value]));
    // A log works as the reference too: same current vs itself shows no drift.
    const same = await detectDrift({ reference: fx('serve_log.jsonl'), current: fx('small_cur.csv'), features: ['age', 'income', 'score'] });
    assert.equal(same.reference.format, 'serve-log');
    assert.equal(same.n_drifted, 0);
  });

  it('clear errors: no shared columns, unknown column, bad options, cancel', async () => {
    await assert.rejects(detectDrift({ reference: fx('small_ref.csv'), current: fx('serve_log.jsonl') }), (e: Error) => e instanceof DataError && /--features/.test(e.message));
    await assert.rejects(detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv'), columns: ['nope'] }), (e: Error) => e instanceof DataError && /no column 'nope'/.test(e.message));
    await assert.rejects(detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv'), threshold: -1 }), UsageError);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(detectDrift({ reference: fx('small_ref.csv'), current: fx('small_cur.csv') }, { signal: ac.signal }), CancelledError);
  });

  it('prediction drift with an ONNX model', async () => {
    const root = path.join(__dirname, '../../..');
    const r = await detectDrift({
      reference: path.join(root, 'examples/breast-cancer/test.csv'), current: fx('bc_current.csv'),
      model: path.join(root, 'examples/breast-cancer/model.onnx'),
    });
    assert.ok(r.prediction);
    assert.equal(r.prediction.task, 'binary');
    assert.deepEqual(r.prediction.columns.map((c) => c.column), ['predicted class', 'score (benign)']);
    assert.equal(r.prediction.drift, true);
    assert.deepEqual(r.columns.filter((c) => c.drift).map((c) => c.column).sort(), ['mean_area', 'mean_radius', 'worst_area', 'worst_radius']);
  });

  it('in a worker thread: same result, progress reported, errors keep their class', async () => {
    const seen: string[] = [];
    const r = await detectDriftInWorker({ reference: fx('small_ref.csv'), current: fx('small_cur.csv') }, { onProgress: (m) => seen.push(m) });
    checkAgainstScipy(r, EXPECTED.small);
    assert.ok(seen.length > 0, 'progress reaches the caller (throttled by the worker)');
    await assert.rejects(detectDriftInWorker({ reference: fx('small_ref.csv'), current: fx('missing.csv') }), DataError);
  });
});
