import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewMessage, MESSAGE_LIMITS } from '../../src/shared/protocol';

describe('isWebviewMessage: evaluateCohort', () => {
  it('accepts a cohort index', () => {
    assert.equal(isWebviewMessage({ type: 'evaluateCohort', index: 0 }), true);
    assert.equal(isWebviewMessage({ type: 'evaluateCohort', index: 12 }), true);
  });

  it('rejects expressions, bad indices and extra fields', () => {
    for (const m of [
      { type: 'evaluateCohort' },
      { type: 'evaluateCohort', index: -1 },
      { type: 'evaluateCohort', index: 1.5 },
      { type: 'evaluateCohort', index: '1' },
      { type: 'evaluateCohort', index: MESSAGE_LIMITS.maxCohortIndex },
      { type: 'evaluateCohort', index: 1, expression: 'age > 3' },
      { type: 'evaluateCohort', expression: 'age > 3' },
    ]) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
  });
});
