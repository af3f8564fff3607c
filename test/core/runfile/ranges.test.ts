// findRunRanges: run names and key spans for CodeLens, even while the file is half typed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRunRanges, parseRunFile } from '../../../src/core/runfile';

const at = (line: number, character: number, length: number) => ({ start: { line, character }, end: { line, character: character + length } });

describe('findRunRanges', () => {
  it('matches the ranges parseRunFile gives on a valid file', () => {
    const text = '{\n  // runs\n  "runs": {\n    "a": { "kind": "evaluate", "model": "m", "data": "d" },\n    "bb": { "kind": "evaluate", "model": "m", "data": "d" },\n  },\n}';
    const ranges = findRunRanges(text);
    assert.deepEqual(ranges, [
      { name: 'a', range: at(3, 4, 3) },
      { name: 'bb', range: at(4, 4, 4) },
    ]);
    assert.deepEqual(parseRunFile(text, 'posthoc.json').runs.map((r) => ({ name: r.name, range: r.range })), ranges);
  });

  it('finds runs in a file that is still being typed', () => {
    assert.deepEqual(findRunRanges('{ "runs": {\n  "a": { "model": "x" },\n  "b": {'), [
      { name: 'a', range: at(1, 2, 3) },
      { name: 'b', range: at(2, 2, 3) },
    ]);
    assert.deepEqual(findRunRanges('{ "runs": {\n  "a": { "model": } "b" {}, "c": ').map((r) => r.name), ['a', 'b']);
  });

  it('finds runs in a file whose values are wrong', () => {
    assert.deepEqual(findRunRanges('{ "runs": { "a": 3, "b": { "threshold": 9 } } }').map((r) => r.name), ['a', 'b']);
  });

  it('lists a run given twice once, at its first place', () => {
    assert.deepEqual(findRunRanges('{"runs": {"a": {}, "a": {}}}'), [{ name: 'a', range: at(0, 10, 3) }]);
  });

  it('returns nothing when there is nothing to find', () => {
    for (const text of ['', '   ', '// only a comment', '[]', '{}', '{ "runs": [] }', '{ "runs": ', 'nonsense']) {
      assert.deepEqual(findRunRanges(text), [], JSON.stringify(text));
    }
  });
});
