// The shared message guards that every webview protocol (report, curves, saliency, what-if) uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasExactKeys, isBoundedString, isCount, isReadyOrError, isRecord, isReplyShape, isRequestId, PNG_DATA_URL } from '../../src/shared/validate';

describe('shared message guards', () => {
  it('isRecord takes plain objects only', () => {
    assert.ok(isRecord({}));
    assert.ok(isRecord({ a: 1 }));
    for (const x of [null, undefined, [], 'x', 1, true]) assert.equal(isRecord(x), false, String(x));
  });
  it('hasExactKeys wants exactly the listed keys', () => {
    assert.ok(hasExactKeys({ type: 'a', id: 1 }, ['type', 'id']));
    assert.ok(hasExactKeys({ id: 1, type: 'a' }, ['type', 'id']));
    assert.equal(hasExactKeys({ type: 'a' }, ['type', 'id']), false);
    assert.equal(hasExactKeys({ type: 'a', id: 1, extra: 0 }, ['type', 'id']), false);
    // Inherited keys do not count as present.
    assert.equal(hasExactKeys(Object.create({ id: 1 }) as Record<string, unknown>, ['id']), false);
  });
  it('isCount and isRequestId take whole numbers in range', () => {
    assert.ok(isCount(0, 3));
    assert.ok(isCount(3, 3));
    for (const x of [4, -1, 1.5, NaN, Infinity, '1', null]) assert.equal(isCount(x, 3), false, String(x));
    assert.ok(isRequestId(Number.MAX_SAFE_INTEGER));
    for (const x of [-1, 0.5, Number.MAX_SAFE_INTEGER + 1, '2']) assert.equal(isRequestId(x), false, String(x));
  });
  it('isBoundedString checks the length both ways', () => {
    assert.ok(isBoundedString('', 3));
    assert.ok(isBoundedString('abc', 3, 1));
    assert.equal(isBoundedString('abcd', 3), false);
    assert.equal(isBoundedString('', 3, 1), false);
    assert.equal(isBoundedString(3, 3), false);
  });
  it('PNG_DATA_URL takes base64 PNG data URLs only', () => {
    assert.ok(PNG_DATA_URL.test('data:image/png;base64,iVBORw0KGgo='));
    for (const s of ['data:image/svg+xml;base64,PHN2Zz4=', 'data:image/png;base64,<script>', 'javascript:alert(1)', 'data:image/png;base64,']) {
      assert.equal(PNG_DATA_URL.test(s), false, s);
    }
  });
  it('isReplyShape takes ok replies and failures with an error text', () => {
    assert.ok(isReplyShape({ type: 'reply', id: 1, ok: true }));
    assert.ok(isReplyShape({ type: 'reply', id: 1, ok: true, value: 'x' }));
    assert.ok(isReplyShape({ type: 'reply', id: 2, ok: false, error: 'no' }));
    assert.equal(isReplyShape({ type: 'reply', id: 2, ok: false }), false);
    assert.equal(isReplyShape({ type: 'reply', id: -1, ok: true }), false);
    assert.equal(isReplyShape({ type: 'reply', id: 1, ok: 'yes' }), false);
  });
  it('isReadyOrError takes a bare ready and a bounded error message', () => {
    assert.ok(isReadyOrError({ type: 'ready' }, 5));
    assert.ok(isReadyOrError({ type: 'error', message: 'boom' }, 5));
    for (const x of [{ type: 'ready', id: 1 }, { type: 'error' }, { type: 'error', message: 'too long' }, { type: 'error', message: 3 }, { type: 'export' }]) {
      assert.equal(isReadyOrError(x, 5), false, JSON.stringify(x));
    }
  });
});
