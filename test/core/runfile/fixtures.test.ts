// The parser and the JSON schema agree on every fixture: valid ones pass both, invalid ones fail
// both (except rules a schema cannot express), and the parser names the expected place and cause.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { parseRunFile, RunFileError, validateRunFile } from '../../../src/core/runfile';
import { schemaErrors } from './miniSchema';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'runfile');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'posthoc.schema.json'), 'utf8'));

function fixtures(kind: 'valid' | 'invalid'): { name: string; text: string }[] {
  const dir = path.join(FIXTURES, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') }));
}

function asJson(text: string): unknown {
  return parse(text, [], { allowTrailingComma: true });
}

describe('valid run files', () => {
  for (const { name, text } of fixtures('valid')) {
    it(`${name}: the parser and the schema accept it`, () => {
      const file = path.join(FIXTURES, 'valid', name);
      assert.ok(parseRunFile(text, file).runs.length > 0);
      assert.deepEqual(schemaErrors(schema, asJson(text)), []);
    });
  }
  it('the repository posthoc.json is valid too', () => {
    const file = path.join(ROOT, 'posthoc.json');
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(parseRunFile(text, file).runs.map((r) => r.name), ['breast-cancer', 'diabetes-regression']);
    assert.deepEqual(schemaErrors(schema, asJson(text)), []);
  });
});

describe('invalid run files', () => {
  const all = fixtures('invalid');
  it('there are many', () => assert.ok(all.length >= 30));
  for (const { name, text } of all) {
    const expect = /^\/\/ expect: (\d+):(\d+) (.*)$/m.exec(text);
    const schemaAccepts = /^\/\/ schema: accepts/m.test(text);
    it(`${name}: ${expect?.[3] ?? '(no expectation)'}`, () => {
      assert.ok(expect, 'fixture starts with // expect: LINE:COL message');
      const label = `config/${name}`;
      const { problems } = validateRunFile(text, label);
      assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
      assert.throws(
        () => parseRunFile(text, label),
        (e: unknown) => {
          assert.ok(e instanceof RunFileError);
          assert.equal(e.code, 'usage');
          assert.ok(e.message.startsWith(`${label}:${expect[1]}:${expect[2]}: `), e.message);
          assert.ok(e.message.includes(expect[3]), e.message);
          return true;
        },
      );
      if (!schemaAccepts) assert.notDeepEqual(schemaErrors(schema, asJson(text) ?? null), [], 'the schema rejects it too');
    });
  }
});
