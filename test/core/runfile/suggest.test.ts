// "Did you mean": typos, case and separators, prefixes; nothing for far-off words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, editDistance } from '../../../src/core/runfile/suggest';

describe('closest', () => {
  const keys = ['threshold', 'positiveClass', 'maxRows', 'model', 'data'];
  it('finds typos, other casings and prefixes', () => {
    assert.equal(closest('treshold', keys), 'threshold');
    assert.equal(closest('positive_class', keys), 'positiveClass');
    assert.equal(closest('max-rows', keys), 'maxRows');
    assert.equal(closest('modle', keys), 'model');
    assert.equal(closest('breast', ['breast-cancer', 'diabetes']), 'breast-cancer');
  });
  it('suggests nothing for unrelated words', () => {
    assert.equal(closest('colour', keys), undefined);
    assert.equal(closest('x', keys), undefined);
  });
  it('computes edit distances', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
    assert.equal(editDistance('modle', 'model'), 1);
  });
});
