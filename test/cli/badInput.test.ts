// Bad input: each case exits 1 with a message that names the cause and the way out.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { EXAMPLE, ROOT, ensureBuilt, posthoc, tempDir } from './helpers';

const MODEL = path.join(EXAMPLE, 'model.onnx');
const MODELS = path.join(ROOT, 'test', 'fixtures', 'models');
const lines = readFileSync(path.join(EXAMPLE, 'test.csv'), 'utf8').trimEnd().split('\n');
const header = lines[0].split(',');

before(ensureBuilt);

/** Writes a CSV derived from the example (edit(rows) changes the cells) and returns its path. */
function variant(name: string, edit: (rows: string[][]) => string[][]): string {
  const file = path.join(tempDir(), name);
  const rows = edit(lines.map((l) => l.split(',')));
  writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
  return file;
}

function fails(args: string[], pattern: RegExp): void {
  const r = posthoc(['evaluate', '--bootstrap', '0', ...args]);
  assert.equal(r.status, 1, `expected exit 1, got ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /unexpected error|at .*\.js:\d+/, 'no stack trace for user errors');
}

describe('bad input', () => {
  it('missing model file', () => fails(['--model', 'nope.onnx', '--data', path.join(EXAMPLE, 'test.csv')], /not found.*nope\.onnx/));
  it('missing data file', () => fails(['--model', MODEL, '--data', 'nope.csv'], /file not found: nope\.csv/));
  it('not an ONNX file', () => fails(['--model', path.join(MODELS, 'not_onnx.onnx'), '--data', path.join(EXAMPLE, 'test.csv')], /not a valid ONNX model/));
  it('truncated ONNX file', () => fails(['--model', path.join(MODELS, 'truncated.onnx'), '--data', path.join(EXAMPLE, 'test.csv')], /not a valid ONNX model|truncated|incomplete/i));

  it('CSV with ragged rows', () => {
    const data = variant('ragged.csv', (rows) => [...rows.slice(0, 5), rows[5].slice(0, 3), ...rows.slice(6)]);
    fails(['--model', MODEL, '--data', data], /line 6.*3.*31|line 6/);
  });

  it('label column missing lists the columns', () => {
    fails(['--model', MODEL, '--data', path.join(EXAMPLE, 'test.csv'), '--label', 'diagnosis'], /column 'diagnosis' not found; columns are: mean_radius, mean_texture/);
  });

  it('non-numeric value in a feature column names row and column', () => {
    const data = variant('text.csv', (rows) => rows.map((r, i) => (i === 7 ? ['abc', ...r.slice(1)] : r)));
    fails(['--model', MODEL, '--data', data], /'mean_radius'.*'abc'.*row 7/);
  });

  it('empty and NaN labels', () => {
    const col = header.indexOf('target');
    const data = variant('nolabel.csv', (rows) => rows.map((r, i) => (i === 3 || i === 9 ? r.map((v, j) => (j === col ? (i === 3 ? '' : 'NaN') : v)) : r)));
    fails(['--model', MODEL, '--data', data, '--label', 'target'], /label column 'target' has 2 empty or NaN value\(s\) \(first at data row 3\)/);
  });

  it('feature count different from the model input width gives both numbers', () => {
    const data = variant('narrow.csv', (rows) => rows.map((r) => r.slice(1)));
    fails(['--model', MODEL, '--data', data, '--label', 'target'], /expects 30 features but 29/);
  });

  it('labels the model does not know', () => {
    const col = header.indexOf('target');
    const data = variant('unknown.csv', (rows) => rows.map((r, i) => (i === 4 ? r.map((v, j) => (j === col ? 'cyst' : v)) : r)));
    fails(['--model', MODEL, '--data', data, '--label', 'target'], /label 'cyst'.*row 4.*malignant, benign.*--classes/s);
  });

  it('empty dataset', () => {
    const data = variant('empty.csv', (rows) => rows.slice(0, 1));
    fails(['--model', MODEL, '--data', data], /no data rows/);
  });

  it('a data file of zero bytes', () => {
    const file = path.join(tempDir(), 'zero.csv');
    writeFileSync(file, '');
    fails(['--model', MODEL, '--data', file], /empty|no data rows|no header/i);
  });
});
