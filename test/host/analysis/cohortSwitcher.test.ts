// The cohort bar's logic on the real example: a cohort's evaluation equals scikit-learn's metrics
// on NumPy's forward pass of the same ONNX weights over the same rows (test/fixtures/cohortbar),
// switching back is served from the cache, and unusable cohorts give a message, not a report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { CancelledError } from '../../../src/core/errors';
import { evaluate } from '../../../src/core/evaluate/evaluate';
import type { EvaluateOptions } from '../../../src/core/evaluate/options';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import { baseOptions, cohortProblem, CohortSwitcher, MIN_COHORT_ROWS, type BarCohort } from '../../../src/host/analysis/cohortSwitcher';

const ROOT = path.join(__dirname, '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'breast-cancer');
interface Expected { expression: string; n_rows: number; class_counts: Record<string, number>; accuracy: number; confusion_matrix: number[][]; roc_auc?: number; f1?: number }
const expected = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'cohortbar', 'expected.json'), 'utf8')) as { n_total: number; cohorts: Record<string, Expected> };

const cohorts: BarCohort[] = [
  ...Object.entries(expected.cohorts).map(([name, c]) => ({ name, label: name, expression: c.expression, origin: 'posthoc.json' })),
  { name: 'typo', label: 'typo', expression: 'mean_radiuss > 3', origin: 'posthoc.json' },
];
const indexOf = (name: string) => 1 + cohorts.findIndex((c) => c.name === name);

function close(actual: number, want: number, what: string): void {
  assert.ok(Math.abs(actual - want) <= 1e-6, `${what}: ${actual} vs scikit-learn ${want}`);
}

describe('CohortSwitcher on the breast-cancer example', () => {
  let all: EvaluationResult;
  const runs: EvaluateOptions[] = [];
  const run = (options: EvaluateOptions, signal: AbortSignal) => {
    runs.push(options);
    return evaluate(options, { signal });
  };
  let switcher: CohortSwitcher;

  before(async () => {
    all = await evaluate({ model: path.join(EXAMPLE, 'model.onnx'), data: path.join(EXAMPLE, 'test.csv'), label: 'target', bootstrap: 20, seed: 3 });
    switcher = new CohortSwitcher(baseOptions(all)!, all, run);
    switcher.setCohorts(cohorts);
  });

  it('baseOptions repeats the evaluation: same rows, metrics and bootstrap intervals', async () => {
    const again = await evaluate(baseOptions(all)!);
    assert.equal(again.n_rows, all.n_rows);
    assert.deepEqual(again.metrics, all.metrics);
    assert.deepEqual(again.ci, all.ci);
  });

  it('lists All rows first, then the cohorts, and says what is shown', () => {
    const view = switcher.view();
    assert.deepEqual(view.choices.map((c) => c.label), ['All rows', 'big', 'smooth', 'huge', 'tiny', 'typo']);
    assert.equal(view.selected, 0);
    assert.equal(view.busy, false);
    assert.equal(view.status, `All rows: ${expected.n_total} rows`);
    assert.match(view.choices[1].description, /posthoc\.json · mean_radius > 14/);
  });

  for (const name of ['big', 'smooth']) {
    it(`a cohort (${name}) evaluates to scikit-learn's numbers on the same rows`, async () => {
      const outcome = await switcher.select(indexOf(name));
      assert.equal(outcome.kind, 'shown');
      if (outcome.kind !== 'shown') return;
      const want = expected.cohorts[name];
      const r = outcome.result;
      assert.equal(outcome.cached, false);
      assert.equal(r.n_rows, want.n_rows);
      assert.deepEqual(r.cohort, { name, expression: want.expression, n_rows: want.n_rows, n_total: expected.n_total });
      assert.deepEqual(r.confusion_matrix?.matrix, want.confusion_matrix);
      close(r.metrics.accuracy, want.accuracy, 'accuracy');
      close(r.metrics.roc_auc, want.roc_auc!, 'roc_auc');
      close(r.metrics.f1, want.f1!, 'f1');
      assert.equal(switcher.shownIndex(), indexOf(name));
      assert.equal(switcher.view().status, `${name}: ${want.n_rows} of ${expected.n_total} rows`);
      assert.equal(switcher.title('model.onnx on test.csv'), `model.onnx on test.csv · ${name} (${want.n_rows} rows)`);
      assert.match(switcher.view().choices[indexOf(name)].description, new RegExp(`${want.n_rows} rows$`));
    });
  }

  it('switching back to All rows and to a seen cohort is served from the cache', async () => {
    const before = runs.length;
    const back = await switcher.select(0);
    assert.equal(back.kind, 'shown');
    assert.ok(back.kind === 'shown' && back.cached && back.result === all);
    const again = await switcher.select(indexOf('big'));
    assert.ok(again.kind === 'shown' && again.cached);
    assert.equal(runs.length, before, 'no evaluation ran');
    assert.equal((await switcher.select(indexOf('big'))).kind, 'unchanged');
  });

  it('a one-class cohort and a tiny one give a message and keep the shown report', async () => {
    const one = await switcher.select(indexOf('huge'));
    assert.equal(one.kind, 'problem');
    assert.match(one.kind === 'problem' ? one.message : '', /'huge' holds only the class 'malignant' in its 19 rows/);
    let view = switcher.view();
    assert.equal(view.problem, true);
    assert.equal(view.selected, indexOf('big'), 'the bar goes back to the shown cohort');
    assert.equal(switcher.shown().cohort?.name, 'big');
    const tiny = await switcher.select(indexOf('tiny'));
    assert.match(tiny.kind === 'problem' ? tiny.message : '', new RegExp(`'tiny' has 4 rows; a report needs at least ${MIN_COHORT_ROWS}`));
    // Asking again is instant: the result is cached, the check repeats.
    const before = runs.length;
    assert.equal((await switcher.select(indexOf('tiny'))).kind, 'problem');
    assert.equal(runs.length, before);
    view = switcher.view();
    assert.equal(view.selected, indexOf('big'));
  });

  it('a cohort naming a missing column, or a bad index, says why in the bar', async () => {
    const typo = await switcher.select(indexOf('typo'));
    assert.match(typo.kind === 'problem' ? typo.message : '', /'typo' could not be evaluated: .*mean_radiuss/);
    const bad = await switcher.select(99);
    assert.match(bad.kind === 'problem' ? bad.message : '', /no cohort number 99 .* it has 6/);
    assert.equal((await switcher.select(1.5)).kind, 'problem');
    assert.equal(switcher.shown().cohort?.name, 'big');
  });
});

describe('CohortSwitcher without a model', () => {
  const fake = (n: number, cohort?: { name: string; expression: string }, balance: Record<string, number> = { a: n - 1, b: 1 }) => ({
    task: 'binary', n_rows: n, metrics: {}, dataset: { path: '/d.csv', n_rows: 100, label: 'y', features: ['x'], class_balance: balance },
    model: { path: '/m.onnx' }, output: { name: 'p', kind: 'probabilities', detected: true },
    ...(cohort ? { cohort: { ...cohort, n_rows: n, n_total: 100 } } : {}),
  }) as unknown as EvaluationResult;

  it('a newer selection aborts the running one, whose outcome is dropped', async () => {
    const signals: AbortSignal[] = [];
    const resolvers: ((r: EvaluationResult) => void)[] = [];
    const sw = new CohortSwitcher({ model: '/m.onnx', data: '/d.csv' }, fake(100), (options, signal) => {
      signals.push(signal);
      return new Promise((resolve) => resolvers.push(() => resolve(fake(40, options.cohort))));
    });
    sw.setCohorts([{ name: 'a', label: 'a', expression: 'x > 1', origin: '' }, { name: 'b', label: 'b', expression: 'x > 2', origin: '' }]);
    const first = sw.select(1);
    assert.equal(sw.view().busy, true);
    assert.equal(sw.view().status, 'Evaluating a…');
    assert.equal(sw.view().selected, 1);
    const second = sw.select(2);
    assert.equal(signals[0].aborted, true);
    resolvers[1](fake(0));
    resolvers[0](fake(0));
    assert.equal((await first).kind, 'unchanged');
    const shown = await second;
    assert.ok(shown.kind === 'shown' && shown.result.cohort?.name === 'b');
    assert.equal(sw.view().busy, false);
  });

  it('a cancelled evaluation says so and keeps the report', async () => {
    const sw = new CohortSwitcher({ model: '/m.onnx', data: '/d.csv' }, fake(100), () => Promise.reject(new CancelledError()));
    sw.setCohorts([{ name: 'a', label: 'a', expression: 'x > 1', origin: '' }]);
    const outcome = await sw.select(1);
    assert.match(outcome.kind === 'problem' ? outcome.message : '', /Evaluating 'a' was cancelled/);
    assert.equal(sw.shownIndex(), 0);
  });

  it('a panel opened on a cohort lists it once, where the offered cohorts have it, and offers All rows', () => {
    const sw = new CohortSwitcher({ model: '/m.onnx', data: '/d.csv' }, fake(40, { name: 'error-node-2', expression: 'x > 1' }), () => Promise.reject(new Error('unused')));
    assert.deepEqual(sw.entries().map((e) => e.name), ['All rows', 'error-node-2']);
    assert.equal(sw.shownIndex(), 1);
    sw.setCohorts([{ name: 'young', label: 'young', expression: 'x < 0', origin: 'posthoc.json' }]);
    assert.deepEqual(sw.entries().map((e) => e.name), ['All rows', 'young', 'error-node-2']);
    sw.setCohorts([{ name: 'node', label: 'error tree node 2', expression: 'x > 1', origin: 'error analysis' }]);
    assert.deepEqual(sw.entries().map((e) => e.name), ['All rows', 'node']);
    assert.equal(sw.view().selected, 1);
    assert.equal(sw.title('m on d'), 'm on d · error-node-2 (40 rows)');
  });

  it('baseOptions: the run on all rows (a cohort result included), nothing for image evaluations', () => {
    const r = { ...fake(40, { name: 'c', expression: 'x > 1' }), threshold: 0.3, positive_class: 'b', bootstrap: { n: 200, seed: 5, confidence: 0.95 } } as EvaluationResult;
    assert.deepEqual(baseOptions(r), { model: '/m.onnx', data: '/d.csv', label: 'y', features: ['x'], task: 'binary', threshold: 0.3, positiveClass: 'b', bootstrap: 200, seed: 5, maxRows: 100 });
    const chosen = { ...fake(100), output: { name: 'logits', kind: 'logits', detected: false } } as EvaluationResult;
    assert.deepEqual([baseOptions(chosen)?.output, baseOptions(chosen)?.outputKind, baseOptions(chosen)?.bootstrap], ['logits', 'logits', 0]);
    assert.equal(baseOptions({ ...fake(10), images: {} } as EvaluationResult), undefined);
  });

  it('cohortProblem: regression needs rows only; classification needs two classes', () => {
    assert.equal(cohortProblem('r', { ...fake(50), task: 'regression' } as EvaluationResult), undefined);
    assert.match(cohortProblem('r', { ...fake(5), task: 'regression' } as EvaluationResult) ?? '', /5 rows/);
    assert.equal(cohortProblem('c', fake(50)), undefined);
    assert.match(cohortProblem('c', fake(50, undefined, { a: 50, b: 0 })) ?? '', /only the class 'a'/);
  });
});
