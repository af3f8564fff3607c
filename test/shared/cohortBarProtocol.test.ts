import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isHostMessage, isWebviewMessage, MESSAGE_LIMITS } from '../../src/shared/protocol';

describe('isWebviewMessage: selectCohort and cohortShown', () => {
  it('accepts a choice index', () => {
    for (const type of ['selectCohort', 'cohortShown']) {
      assert.equal(isWebviewMessage({ type, index: 0 }), true);
      assert.equal(isWebviewMessage({ type, index: 7 }), true);
    }
  });

  it('rejects expressions, bad indices and extra fields: the host keeps the expressions', () => {
    for (const type of ['selectCohort', 'cohortShown']) {
      for (const m of [
        { type },
        { type, index: -1 },
        { type, index: 2.5 },
        { type, index: '1' },
        { type, index: null },
        { type, index: Number.NaN },
        { type, index: MESSAGE_LIMITS.maxCohortIndex },
        { type, index: 1, expression: 'age > 3' },
        { type, expression: 'age > 3' },
        { type, name: 'young' },
      ]) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
    }
  });
});

describe('isHostMessage: cohortBar', () => {
  const bar = { choices: [{ label: 'All rows', description: '' }, { label: 'young', description: 'age < 30' }], selected: 1, busy: false, status: 'young: 12 of 40 rows', problem: false };

  it('accepts a bar, alone or riding on a report', () => {
    assert.equal(isHostMessage({ type: 'cohortBar', bar }), true);
    assert.equal(isHostMessage({ type: 'report', report: { title: 't', sections: [] }, cohortBar: bar }), true);
  });

  it('rejects a bar without choices, selection or status', () => {
    for (const b of [undefined, null, [], { ...bar, choices: 'x' }, { ...bar, selected: '1' }, { ...bar, status: 3 }]) {
      assert.equal(isHostMessage({ type: 'cohortBar', bar: b }), false, JSON.stringify(b));
    }
  });
});
