// schemas/posthoc.schema.json lists exactly the keys, enums, bounds and defaults the parser uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EVALUATE_DEFAULTS } from '../../../src/core/evaluate/options';
import { EVALUATE_FIELDS, EVALUATE_REQUIRED, EXPLAIN_FIELDS, EXPLAIN_REQUIRED, REPORT_KEYS, TOP_LEVEL_KEYS } from '../../../src/core/runfile';
import { RUN_NAME_PATTERN } from '../../../src/core/runfile/fields';

const schema = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'posthoc.schema.json'), 'utf8'));
const run = schema.definitions.evaluateRun;

describe('posthoc.schema.json', () => {
  it('is a draft-07 schema that rejects unknown keys everywhere', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.equal(run.additionalProperties, false);
    assert.equal(run.properties.reports.additionalProperties, false);
    assert.deepEqual(schema.required, ['runs']);
  });

  it('has the parser keys at each level, in the same order', () => {
    assert.deepEqual(Object.keys(schema.properties), [...TOP_LEVEL_KEYS]);
    assert.deepEqual(Object.keys(run.properties), Object.keys(EVALUATE_FIELDS));
    assert.deepEqual(Object.keys(run.properties.reports.properties), [...REPORT_KEYS]);
    assert.deepEqual(run.required, [...EVALUATE_REQUIRED]);
    assert.equal(schema.properties.runs.propertyNames.pattern, RUN_NAME_PATTERN.source);
    assert.equal(schema.properties.runs.minProperties, 1);
  });

  it('describes every value the way the parser checks it', () => {
    for (const [key, spec] of Object.entries(EVALUATE_FIELDS)) {
      const prop = run.properties[key];
      assert.equal(typeof prop.description, 'string', `${key} has a description`);
      switch (spec.type) {
        case 'string':
        case 'path':
          assert.deepEqual([prop.type, prop.minLength, prop.pattern], ['string', 1, '\\S'], key);
          break;
        case 'enum':
          assert.equal(prop.type, 'string', key);
          assert.deepEqual(prop.enum, [...spec.values], key);
          break;
        case 'number':
          assert.deepEqual([prop.type, prop.minimum, prop.maximum], ['number', spec.minimum, spec.maximum], key);
          break;
        case 'integer':
          assert.deepEqual([prop.type, prop.minimum], ['integer', spec.minimum], key);
          break;
        case 'stringList':
          assert.deepEqual([prop.type, prop.minItems, prop.uniqueItems, prop.items], ['array', 1, true, { type: 'string', minLength: 1 }], key);
          break;
        case 'reports':
          assert.equal(prop.type, 'object', key);
          for (const format of REPORT_KEYS) assert.equal(prop.properties[format].pattern, '\\S', format);
          break;
      }
    }
  });

  it('states the defaults evaluate uses', () => {
    for (const key of ['threshold', 'bootstrap', 'seed', 'maxRows', 'batchSize'] as const) {
      assert.equal(run.properties[key].default, EVALUATE_DEFAULTS[key], key);
    }
  });

  it('lists the explain run keys, required keys and enums the parser uses', () => {
    const explain = schema.definitions.explainRun;
    assert.equal(explain.additionalProperties, false);
    assert.deepEqual(Object.keys(explain.properties), Object.keys(EXPLAIN_FIELDS));
    assert.deepEqual(explain.required, [...EXPLAIN_REQUIRED]);
    for (const [key, spec] of Object.entries(EXPLAIN_FIELDS)) {
      assert.equal(typeof explain.properties[key].description, 'string', key);
      if (spec.type === 'enum') assert.deepEqual(explain.properties[key].enum, [...spec.values], key);
      if (spec.type === 'integer') assert.deepEqual([explain.properties[key].type, explain.properties[key].minimum], ['integer', spec.minimum], key);
    }
  });
});
