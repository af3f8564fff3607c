// parseRunFile: options mapping, path resolution, positions, and errors a user can act on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors';
import { parseRunFile, RunFileError, validateRunFile } from '../../../src/core/runfile';

const FULL = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'runfile', 'valid', 'full.json'), 'utf8');
const FOLDER = path.resolve('/projects/demo');
const FILE = path.join(FOLDER, 'posthoc.json');

describe('parseRunFile', () => {
  it('maps every key onto EvaluateOptions, resolving paths against the file folder', () => {
    const runFile = parseRunFile(FULL, FILE);
    assert.equal(runFile.path, FILE);
    assert.equal(runFile.runs.length, 1);
    const [run] = runFile.runs;
    assert.equal(run.name, 'breast-cancer');
    assert.equal(run.kind, 'evaluate');
    assert.deepEqual(run.options, {
      model: path.join(FOLDER, 'models', 'model.onnx'),
      data: path.resolve('/data/test.csv'),
      label: 'target',
      features: ['a', 'b'],
      weight: 'w',
      task: 'binary',
      threshold: 0.25,
      positiveClass: 'benign',
      output: 'probabilities',
      outputKind: 'probabilities',
      classes: ['malignant', 'benign'],
      bootstrap: 200,
      seed: 7,
      maxRows: 100,
      batchSize: 64,
    });
    assert.deepEqual(run.reports, {
      html: path.join(FOLDER, 'reports', 'bc.html'),
      json: path.join(FOLDER, 'reports', 'bc.json'),
      md: path.join(FOLDER, 'reports', 'bc.md'),
    });
  });

  it('gives the 0-based range of each run key, quotes included', () => {
    const [run] = parseRunFile(FULL, FILE).runs;
    assert.deepEqual(run.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 19 } });
  });

  it('resolves a relative file path against the working folder', () => {
    const text = '{ "runs": { "a": { "kind": "evaluate", "model": "../m.onnx", "data": "d.csv", "reports": { "md": "out/a.md" } } } }';
    const runFile = parseRunFile(text, path.join('sub', 'posthoc.json'));
    assert.equal(runFile.path, path.resolve('sub', 'posthoc.json'));
    assert.equal(runFile.runs[0].options.model, path.resolve('m.onnx'));
    assert.equal(runFile.runs[0].options.data, path.resolve('sub', 'd.csv'));
    assert.equal(runFile.runs[0].reports.md, path.resolve('sub', 'out', 'a.md'));
  });

  it('leaves optional keys out instead of setting them undefined, and keeps runs in file order', () => {
    const text = '{"runs": {"z": {"kind": "evaluate", "model": "m", "data": "d"}, "a": {"kind": "evaluate", "model": "m", "data": "e"}}}';
    const runs = parseRunFile(text, FILE).runs;
    assert.deepEqual(runs.map((r) => r.name), ['z', 'a']);
    assert.deepEqual(Object.keys(runs[0].options), ['model', 'data']);
    assert.deepEqual(runs[0].reports, {});
  });

  it('counts lines of CRLF files and columns in UTF-16 units like the editor', () => {
    // The emoji is two UTF-16 units, as VS Code counts it.
    const text = '{\r\n  "runs": {\r\n    "a": { "label": "😀", "kind": "evaluate", "model": "m", "data": "d", "seed": -1 }\r\n  }\r\n}\r\n';
    assert.throws(() => parseRunFile(text, 'p.json'), { message: "p.json:3:82: 'seed' must be a whole number ≥ 0; got -1" });
  });

  it('reports every problem, in file order, as a UsageError (exit status 2)', () => {
    const text = [
      '{ "runs": {',
      '  "a": { "kind": "evaluate", "model": "m", "data": "d", "threshold": 2 },',
      '  "b": { "kind": "evaluate", "data": "d", "bootstrap": -5 },',
      '}, "extra": 1 }',
    ].join('\n');
    let error: unknown;
    try {
      parseRunFile(text, 'posthoc.json');
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof RunFileError && error instanceof UsageError);
    assert.deepEqual(error.message.split('\n'), [
      "posthoc.json:2:70: 'threshold' must be a number between 0 and 1; got 2",
      "posthoc.json:3:3: run 'b' has no 'model'; add \"model\": \"path/to/model.onnx\"",
      "posthoc.json:3:56: 'bootstrap' must be a whole number ≥ 0; got -5",
      "posthoc.json:4:4: unknown key 'extra' at the top of the file; allowed keys: $schema, runs, cohorts (runs go inside 'runs')",
    ]);
    assert.equal(error.problems.length, 4);
    assert.deepEqual(error.problems[0].range, { start: { line: 1, character: 69 }, end: { line: 1, character: 70 } });
  });

  it('validateRunFile returns problems instead of throwing', () => {
    const check = validateRunFile('{ "runs": { "a": { "kind": "evaluate" } } }', FILE);
    assert.equal(check.runFile, undefined);
    assert.deepEqual(check.problems.map((p) => p.message), [
      "run 'a' has no 'model'; add \"model\": \"path/to/model.onnx\"",
      "run 'a' has no 'data'; add \"data\": \"path/to/test.csv\"",
    ]);
    assert.ok(validateRunFile(FULL, FILE).runFile);
  });
});
