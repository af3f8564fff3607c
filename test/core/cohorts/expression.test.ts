// The cohort expression language: tokenizer, precedence, types, missing values and error positions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cohortMask, parseCohort } from '../../../src/core/cohorts/cohort';
import { CohortExpressionError } from '../../../src/core/cohorts/errors';
import type { CohortFrame, FrameColumn, Unavailable } from '../../../src/core/cohorts/frame';
import { parseExpression } from '../../../src/core/cohorts/parser';

const N = NaN;
const frame: CohortFrame = {
  nRows: 6,
  columns: new Map<string, FrameColumn>([
    ['age', { type: 'number', values: Float64Array.from([25, 35, 45, 29, N, 60]) }],
    ['sex', { type: 'string', values: ['F', 'M', 'F', 'M', 'F', null] }],
    ['income', { type: 'number', values: Float64Array.from([10, N, 30, 40, 50, N]) }],
    ['mean radius', { type: 'number', values: Float64Array.from([1, 2, 3, 4, 5, 6]) }],
    ['score', { type: 'number', values: Float64Array.from([9, 9, 9, 9, 9, 9]) }],
  ]),
  special: new Map<string, FrameColumn | Unavailable>([
    ['label', { type: 'category', values: ['0', '1', '1', '0', '1', '0'] }],
    ['predicted', { type: 'category', values: ['0', '0', '1', '1', '1', '0'] }],
    ['score', { type: 'number', values: Float64Array.from([0.1, 0.45, 0.9, 0.6, 0.55, 0.2]) }],
    ['correct', { type: 'bool', values: Uint8Array.from([1, 0, 1, 0, 1, 1]) }],
    ['error', { type: 'bool', values: Uint8Array.from([0, 1, 0, 1, 0, 0]) }],
  ]),
};

function rows(expression: string): number[] {
  const mask = cohortMask(parseCohort({ name: expression, expression }), frame);
  return [...mask.keys()].filter((i) => mask[i] === 1);
}

function fails(expression: string, message: RegExp | string, at?: string): void {
  assert.throws(() => rows(expression), (e: unknown) => {
    assert.ok(e instanceof CohortExpressionError, `not a CohortExpressionError: ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    if (at) assert.equal(`${e.line}:${e.column}`, at);
    return true;
  });
}

describe('cohort expressions: evaluation', () => {
  it('compares numbers and texts', () => {
    assert.deepEqual(rows('age < 30'), [0, 3]);
    assert.deepEqual(rows('age < 30 and sex == "F"'), [0]);
    assert.deepEqual(rows("sex != 'F'"), [1, 3]);
    assert.deepEqual(rows('age >= 45.0'), [2, 5]);
    assert.deepEqual(rows('age == 2.5e1'), [0]);
  });
  it('binds and tighter than or, not tighter than and, arithmetic tighter than comparison', () => {
    assert.deepEqual(rows('sex == "M" or age > 40 and income > 20'), [1, 2, 3]);
    assert.deepEqual(rows('(sex == "M" or age > 40) and income > 20'), [2, 3]);
    assert.deepEqual(rows('not sex == "F" and age > 30'), [1, 5]);
    assert.deepEqual(rows('not (sex == "F" and age > 30)'), [0, 1, 3, 4, 5]);
    assert.deepEqual(rows('income / 10 + age * 2 - 1 > 70'), [2]);
    assert.deepEqual(rows('-age < -40'), [2, 5]);
    assert.deepEqual(rows('age - 10 - 10 == 5'), [0]);
  });
  it('between, in and their negations are inclusive and skip missing values', () => {
    assert.deepEqual(rows('score between 0.45 and 0.6'), [1, 3, 4]);
    assert.deepEqual(rows('age not between 30 and 50'), [0, 3, 5]);
    assert.deepEqual(rows('sex in ("F")'), [0, 2, 4]);
    assert.deepEqual(rows('sex not in ("F", "X")'), [1, 3]);
    assert.deepEqual(rows('age in (25, 60, -1)'), [0, 5]);
  });
  it('missing values: never match a comparison, found by is missing', () => {
    assert.deepEqual(rows('income is missing'), [1, 5]);
    assert.deepEqual(rows('income is not missing'), [0, 2, 3, 4]);
    assert.deepEqual(rows('sex is null'), [5]);
    assert.deepEqual(rows('income != 10'), [2, 3, 4]);
    assert.deepEqual(rows('not (income >= 30)'), [0, 1, 5]);
    assert.deepEqual(rows('income + age > 0'), [0, 2, 3]);
  });
  it('special names: label, predicted, score, correct, error', () => {
    assert.deepEqual(rows('predicted != label'), [1, 3]);
    assert.deepEqual(rows('error'), [1, 3]);
    assert.deepEqual(rows('not correct'), [1, 3]);
    assert.deepEqual(rows('correct == false'), [1, 3]);
    assert.deepEqual(rows('label == 1'), [1, 2, 4]);
    assert.deepEqual(rows('label in ("1") and predicted == 0'), [1]);
    assert.deepEqual(rows('score > 0.5'), [2, 3, 4]);
  });
  it('backticks name dataset columns, even one shadowed by a special name', () => {
    assert.deepEqual(rows('`mean radius` > 4'), [4, 5]);
    assert.deepEqual(rows('`score` == 9'), [0, 1, 2, 3, 4, 5]);
  });
  it('keywords are case-insensitive and whitespace is free', () => {
    assert.deepEqual(rows('age<30 AND sex=="F"'), [0]);
    assert.deepEqual(rows('income IS MISSING\n or age > 59'), [1, 5]);
  });
  it('builds the tree with positions', () => {
    const e = parseExpression('a < 1 or b');
    assert.equal(e.type, 'logical');
    assert.equal(e.type === 'logical' && e.right.type === 'name' ? e.right.offset : -1, 9);
  });
});

describe('cohort expressions: errors name the place', () => {
  it('unknown columns, with a suggestion', () => {
    fails('agee < 30', "unknown column 'agee' (did you mean 'age'?) at 1:1");
    fails('age < 30 and sexx == "F"', "unknown column 'sexx' (did you mean 'sex'?) at 1:14");
    fails('`mean radius` > 1 and `zzz` > 1', /^unknown column 'zzz' at 1:23$/);
  });
  it('syntax', () => {
    fails('age <', /expected a column, number or quoted text, found the end of the expression at 1:6/);
    fails('age = 30', /'=' is not an operator here; use '==' to compare at 1:5/);
    fails('age > 1 && sex == "F"', /use 'and' at 1:9/);
    fails('sex == "F', /no closing " at 1:8/);
    fails('(age > 1', /expected '\)' to close the '\(' at column 1/);
    fails('age > 1 sex', /unexpected 'sex' \(missing 'and' or 'or'\?\) at 1:9/);
    fails('1 < age < 3', /comparisons do not chain/);
    fails('age between 1 or 3', /expected 'and' between the bounds/);
    fails('sex in "F"', /expected '\(' after 'in'/);
    fails('sex in (age)', /holds only numbers and quoted texts at 1:9/);
    fails('', /the expression is empty/);
    fails('age > 1 and\n  income @ 3', "unexpected character '@' at 2:10");
    fails('income is 3', /expected 'missing' after 'is'/);
    fails('x == missing', /'missing' is not a value; test for it with 'x is missing'/);
  });
  it('types', () => {
    fails('sex > 3', /cannot compare 'sex' \(text\) with 3 \(a number\) \(quote texts: sex == "F"\) at 1:5/);
    fails('age == "30"', /cannot compare 'age' \(a number\) with "30" \(text\)/);
    fails('age', /a cohort needs a condition .* 'age' is a number \(compare it, e.g. 'age' > 0\) at 1:1/);
    fails('age and sex == "F"', /'and' needs true\/false; 'age' is a number at 1:1/);
    fails('sex + 1 > 2', /'\+' needs a number; 'sex' is text at 1:1/);
    fails('correct < true', /does not order true\/false values/);
    fails('not age', /'not' needs true\/false/);
  });
  it('a named cohort prefixes its name', () => {
    assert.throws(() => parseCohort({ name: 'young', expression: 'age <' }), /^UsageError: cohort 'young': expected a column/);
  });
  it('an unavailable special name says why', () => {
    const f: CohortFrame = { ...frame, special: new Map([['correct', { unavailable: "'correct' is defined for classifiers" }]]) };
    assert.throws(() => cohortMask(parseCohort({ name: 'c', expression: 'correct' }), f), /'correct' is defined for classifiers at 1:1/);
  });
});

describe('no eval', () => {
  it('the cohort sources never call eval or Function', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'src', 'core', 'cohorts');
    for (const file of ['tokens.ts', 'parser.ts', 'check.ts', 'evaluate.ts', 'cohort.ts', 'special.ts']) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(text, /\beval\s*\(|new Function\s*\(|\bFunction\s*\(/, file);
    }
  });
});
