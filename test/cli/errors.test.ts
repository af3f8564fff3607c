// The `posthoc errors` contract: JSON of the documented shape plus HTML and Markdown, the planted
// weak region found, and bad input exiting 2 (usage) or 1 with a message naming the cause.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { EXAMPLE, ROOT, ensureBuilt, posthoc, tempDir } from './helpers';

const FIX = path.join(ROOT, 'test', 'fixtures', 'erroranalysis');
const BASE = ['errors', '--model', path.join(FIX, 'linear.onnx'), '--data', path.join(FIX, 'planted.csv'), '--features', 'a,b,c'];

before(ensureBuilt);

describe('posthoc errors', () => {
  it('writes JSON, HTML and Markdown; finds the planted region', () => {
    const dir = tempDir();
    const files = ['out.json', 'out.html', 'out.md'].map((f) => path.join(dir, f));
    const r = posthoc([...BASE, '--analyze', 'a,b,c,region', '--max-depth', '3', '--max-leaves', '8', '--min-leaf', '20', '--heatmap', 'a,region',
      '--json', files[0], '--html', files[1], '--md', files[2]]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /120 errors \(10\.0%\)/);
    assert.match(r.stdout, /wrote .*out\.json/);
    const j = JSON.parse(readFileSync(files[0], 'utf8'));
    for (const key of ['task', 'n_rows', 'n_errors', 'error_rate', 'error_definition', 'tree', 'heatmap', 'slices', 'model', 'dataset', 'warnings']) assert.ok(key in j, key);
    assert.equal(j.tree.growth, 'best-first');
    assert.equal(j.tree.max_leaves, 8);
    for (const n of j.tree.nodes) for (const k of ['id', 'rule', 'cohort', 'size', 'errors', 'error_rate', 'error_coverage']) assert.ok(k in n, k);
    assert.deepEqual(j.heatmap.features, ['a', 'region']);
    assert.match(j.slices.slices[0].cohort, /region == "north"/);
    const html = readFileSync(files[1], 'utf8');
    assert.ok(!/(src|href)=["']https?:/i.test(html));
    assert.match(readFileSync(files[2], 'utf8'), /Worst slices/);
    // Same input, same numbers; existing files are not overwritten without --force.
    const again = posthoc([...BASE, '--analyze', 'a,b,c,region', '--max-leaves', '8', '--heatmap', 'a,region', '--json', files[0]]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists.*--force/);
    const forced = posthoc([...BASE, '--analyze', 'a,b,c,region', '--max-leaves', '8', '--heatmap', 'a,region', '--json', files[0], '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    const k = JSON.parse(readFileSync(files[0], 'utf8'));
    assert.deepEqual(k.tree.nodes, j.tree.nodes);
    assert.deepEqual(k.slices, j.slices);
  });

  it('binary classifier, depth-first tree with --max-leaves 0', () => {
    const dir = tempDir();
    const json = path.join(dir, 'b.json');
    const r = posthoc(['errors', '--model', path.join(EXAMPLE, 'model.onnx'), '--data', path.join(EXAMPLE, 'test.csv'), '--max-leaves', '0', '--no-pairs', '--json', json]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(j.task, 'binary');
    assert.equal(j.tree.growth, 'depth-first');
    assert.equal(j.tree.max_leaves, null);
  });

  it('usage errors exit 2, data errors exit 1, with the cause', () => {
    const usage = [
      [['errors', '--data', 'x.csv'], /--model is required/],
      [[...BASE, '--max-depth', 'two'], /--max-depth must be/],
      [[...BASE, '--max-leaves', '1'], /--max-leaves must be a whole number ≥ 2, or 0/],
      [[...BASE, '--heatmap', 'a,b,c'], /one or two features/],
      [[...BASE, '--effect', 'huge'], /--effect must be one of cohen_h, difference/],
      [[...BASE, '--bogus'], /Unknown option/],
    ] as const;
    for (const [args, message] of usage) {
      const r = posthoc([...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const dir = tempDir();
    const r = posthoc([...BASE.slice(0, 4), path.join(dir, 'missing.csv')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /file not found/);
    const r2 = posthoc([...BASE, '--analyze', 'a,nope']);
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /column 'nope' not found; columns are: a, b, c, region, target/);
    const bad = path.join(dir, 'nolabel.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n');
    const r3 = posthoc([...BASE.slice(0, 4), bad]);
    assert.equal(r3.status, 1);
    assert.match(r3.stderr, /no label column given.*--label/);
  });

  it('--help prints the usage', () => {
    const r = posthoc(['errors', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--max-leaves N/);
  });
});
