// The `posthoc explain` contract: each method writes JSON of the documented shape, same seed gives
// the same numbers, and bad input exits 2 (usage) or 1 with a message naming the cause.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { EXAMPLE, ROOT, ensureBuilt, posthoc, tempDir } from './helpers';

const MODEL = path.join(EXAMPLE, 'model.onnx');
const DATA = path.join(EXAMPLE, 'test.csv');
const BASE = ['explain', '--model', MODEL, '--data', DATA];

before(ensureBuilt);

function run(args: string[]): Record<string, unknown> & { context: Record<string, unknown> } {
  const dir = tempDir();
  const json = path.join(dir, 'out.json');
  const r = posthoc([...args, '--json', json]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /wrote .*out\.json/);
  return JSON.parse(readFileSync(json, 'utf8'));
}

describe('posthoc explain writes the documented JSON', () => {
  it('kernel-shap: attributions; same seed, same numbers; HTML and Markdown too', () => {
    const args = [...BASE, '--method', 'kernel-shap', '--rows', '0-2', '--background', '10', '--samples', '200', '--seed', '5'];
    const dir = tempDir();
    const r = posthoc([...args, '--json', path.join(dir, 'a.json'), '--html', path.join(dir, 'a.html'), '--md', path.join(dir, 'a.md')]);
    assert.equal(r.status, 0, r.stderr);
    const a = JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8'));
    for (const key of ['method', 'feature_names', 'class', 'space', 'base_values', 'values']) assert.ok(key in a, key);
    assert.equal(a.method, 'kernel-shap');
    assert.equal(a.class, 'benign');
    assert.equal(a.space, 'probability');
    assert.equal(a.base_values.length, 3);
    assert.equal(a.values.length, 3);
    assert.equal(a.values[0].length, a.feature_names.length);
    assert.match(readFileSync(path.join(dir, 'a.md'), 'utf8'), /KernelSHAP/);
    assert.ok(!/(src|href)=["']https?:/i.test(readFileSync(path.join(dir, 'a.html'), 'utf8')));
    const b = run(args);
    assert.deepEqual(b.values, a.values);
    assert.deepEqual(b.base_values, a.base_values);
  });

  it('permutation: metric, n_repeats, importances', () => {
    const r = run([...BASE, '--method', 'permutation', '--label', 'target', '--repeats', '2', '--metric', 'accuracy']);
    assert.equal(r.metric, 'accuracy');
    assert.equal(r.n_repeats, 2);
    const imp = r.importances as { feature: string; mean: number; std: number; values: number[] }[];
    assert.equal(imp.length, 30);
    assert.deepEqual(Object.keys(imp[0]).sort(), ['feature', 'mean', 'std', 'values']);
  });

  it('lime: weights, intercept, score per row', () => {
    const r = run([...BASE, '--method', 'lime', '--rows', '4,7', '--samples', '300']);
    assert.equal((r.weights as number[][]).length, 2);
    assert.equal((r.intercept as number[]).length, 2);
    assert.equal((r.score as number[]).length, 2);
  });

  it('anchors: row, rule, precision, coverage', () => {
    const r = run([...BASE, '--method', 'anchors', '--rows', '2', '--samples', '200']);
    const [a] = r.anchors as { row: number; rule: string[]; precision: number; coverage: number }[];
    assert.equal(a.row, 2);
    assert.ok(Array.isArray(a.rule));
    assert.equal(typeof a.precision, 'number');
    assert.equal(typeof a.coverage, 'number');
  });

  it('pdp and ale: results per feature of interest', () => {
    const pdp = run([...BASE, '--method', 'pdp', '--features-of-interest', 'worst_radius,worst_radius:mean_texture', '--grid', '5']);
    assert.equal((pdp.results as unknown[]).length, 2);
    const ale = run([...BASE, '--method', 'ale', '--features-of-interest', 'worst_radius']);
    assert.equal((ale.results as { feature: string }[])[0].feature, 'worst_radius');
  });

  it('tree-shap on a tree model: base + Σφ = output', () => {
    const fx = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'tree', 'xgb_binary.expected.json'), 'utf8'));
    const dir = tempDir();
    const data = path.join(dir, 'x.csv');
    writeFileSync(data, [fx.features.join(','), ...fx.x.map((row: (number | null)[]) => row.map((v) => (v === null ? '' : v)).join(','))].join('\n'));
    const r = run(['explain', '--model', path.join(ROOT, 'test', 'fixtures', 'tree', 'xgb_binary.json'), '--data', data, '--method', 'tree-shap', '--rows', '0-3', '--background', '8']);
    assert.equal(r.method, 'tree-shap');
    const values = r.values as number[][];
    const base = r.base_values as number[];
    const outputs = r.outputs as number[];
    values.forEach((phi, i) => assert.ok(Math.abs(base[i] + phi.reduce((s, v) => s + v, 0) - outputs[i]) < 1e-6));
  });
});

describe('posthoc explain rejects bad input', () => {
  it('an unknown method: exit 2, listing the methods', () => {
    const r = posthoc([...BASE, '--method', 'magic']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--method must be one of permutation, kernel-shap, tree-shap, lime, anchors, pdp, ale/);
  });

  it('tree-shap on a non-tree model: exit 2, naming the methods that work', () => {
    const r = posthoc([...BASE, '--method', 'tree-shap']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /tree-shap needs a tree ensemble/);
    assert.match(r.stderr, /kernel-shap/);
  });

  it('malformed or out-of-range --rows: exit 2', () => {
    for (const rows of ['a', '3-1', '1,,2', '-1']) {
      const r = posthoc([...BASE, '--method', 'lime', '--rows', rows]);
      assert.equal(r.status, 2, `${rows}: ${r.stderr}`);
      assert.match(r.stderr, /--rows/);
    }
    const r = posthoc([...BASE, '--method', 'lime', '--rows', '500']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /numbered 0 to 170/);
  });

  it('missing --method, bad --space, permutation without a label: exit 2', () => {
    assert.equal(posthoc(BASE).status, 2);
    assert.equal(posthoc([...BASE, '--method', 'lime', '--space', 'odds']).status, 2);
    const features = readFileSync(DATA, 'utf8').split('\n')[0].split(',').filter((c) => c !== 'target').join(',');
    const r = posthoc([...BASE, '--method', 'permutation', '--features', features]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--label/);
  });

  it('--help prints the flags', () => {
    const r = posthoc(['explain', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--features-of-interest/);
  });
});

describe('posthoc explain on a cohort', () => {
  // The cohort's rows written out by hand: explaining them must give the very same numbers.
  function prefiltered(dir: string): { file: string; n: number; total: number } {
    const [head, ...lines] = readFileSync(DATA, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const col = head.split(',').indexOf('mean_radius');
    const kept = lines.filter((l) => Number(l.split(',')[col]) < 13);
    const file = path.join(dir, 'young.csv');
    writeFileSync(file, [head, ...kept].join('\n') + '\n');
    return { file, n: kept.length, total: lines.length };
  }
  const METHOD = ['--method', 'kernel-shap', '--rows', '0-2', '--background', '10', '--samples', '200', '--seed', '5'];

  it('--where keeps the matching rows: same numbers as explaining a pre-filtered file', () => {
    const { file, n, total } = prefiltered(tempDir());
    assert.ok(n > 10 && n < total);
    const a = run([...BASE, ...METHOD, '--where', 'mean_radius < 13']);
    const b = run(['explain', '--model', MODEL, '--data', file, ...METHOD]);
    assert.deepEqual(a.values, b.values);
    assert.deepEqual(a.base_values, b.base_values);
    assert.deepEqual(a.context.cohort, { name: 'mean_radius < 13', expression: 'mean_radius < 13', n_rows: n, n_total: total });
    assert.equal((a.context.data as { n_rows: number }).n_rows, n);
  });

  it('--cohort NAME reads the cohort from --config; bad cohorts exit 2', () => {
    const dir = tempDir();
    const config = path.join(dir, 'posthoc.json');
    writeFileSync(config, '{ "cohorts": { "small": "mean_radius < 13" }, "runs": {} }');
    const a = run([...BASE, ...METHOD, '--cohort', 'small', '--config', config]);
    assert.equal((a.context.cohort as { name: string }).name, 'small');
    const b = run([...BASE, ...METHOD, '--where', 'mean_radius < 13']);
    assert.deepEqual(a.values, b.values);
    const unknown = posthoc([...BASE, ...METHOD, '--cohort', 'smal', '--config', config]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no cohort 'smal'.*did you mean 'small'/);
    const column = posthoc([...BASE, ...METHOD, '--where', 'radius < 13']);
    assert.equal(column.status, 2, column.stderr);
    const empty = posthoc([...BASE, ...METHOD, '--where', 'mean_radius < 0']);
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /selects none of the 171 rows/);
    assert.equal(posthoc([...BASE, ...METHOD, '--where', 'a < 1', '--cohort', 'small']).status, 2);
  });
});
