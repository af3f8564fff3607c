// Validation of what the what-if webview may send the host, and the page's check of host messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFiniteValue, isWhatIfHostMessage, isWhatIfWebviewMessage, WHATIF_LIMITS } from '../../src/shared/whatifProtocol';

const features = ['age', 'income'];

describe('what-if webview messages', () => {
  it('accepts the messages the page sends', () => {
    for (const m of [{ type: 'ready' }, { type: 'reset' }, { type: 'copy' }, { type: 'error', message: 'chart failed' },
      { type: 'edit', seq: 0, values: { age: 40, income: -1.5e3 } }, { type: 'edit', seq: 7, values: { income: 0, age: 1e-300 } }]) {
      assert.ok(isWhatIfWebviewMessage(m, features), JSON.stringify(m));
    }
  });
  it('refuses unknown types, extra keys, wrong features, non-finite values and long messages', () => {
    for (const bad of [null, [], 'ready', { type: 'nope' }, { type: 'ready', extra: 1 }, { type: 'copy', x: 0 },
      { type: 'edit', seq: -1, values: { age: 1, income: 2 } }, { type: 'edit', seq: 1.5, values: { age: 1, income: 2 } },
      { type: 'edit', seq: 1, values: { age: 1 } }, { type: 'edit', seq: 1, values: { age: 1, income: 2, height: 3 } },
      { type: 'edit', seq: 1, values: { age: 1, income: '2' } }, { type: 'edit', seq: 1, values: [1, 2] },
      { type: 'edit', seq: 1, values: { age: 1, income: 2 }, extra: true },
      { type: 'error', message: 'x'.repeat(WHATIF_LIMITS.maxMessageChars + 1) }, { type: 'error' }]) {
      assert.equal(isWhatIfWebviewMessage(bad, features), false, JSON.stringify(bad)?.slice(0, 80));
    }
    // JSON cannot carry NaN or Infinity, but a structured clone can.
    for (const v of [NaN, Infinity, -Infinity, 1e301]) {
      assert.equal(isWhatIfWebviewMessage({ type: 'edit', seq: 1, values: { age: v, income: 0 } }, features), false, String(v));
      assert.equal(isFiniteValue(v), false);
    }
  });
  it('before the model is open (no features) only an empty edit would pass', () => {
    assert.equal(isWhatIfWebviewMessage({ type: 'edit', seq: 1, values: { age: 1 } }, []), false);
    assert.ok(isWhatIfWebviewMessage({ type: 'ready' }, []));
  });
});

describe('what-if host messages (sanity check in the page)', () => {
  it('checks the shape the page relies on', () => {
    assert.ok(isWhatIfHostMessage({ type: 'init', title: 't', setup: { features }, values: [1, 2] }));
    assert.ok(isWhatIfHostMessage({ type: 'result', seq: 1, outcome: { phi: [0.1, 0.2] }, spec: {} }));
    assert.ok(isWhatIfHostMessage({ type: 'status', text: 'Computing…', error: false }));
    for (const bad of [null, { type: 'init', title: 't', setup: {}, values: [] }, { type: 'result', seq: 1, outcome: {}, spec: {} },
      { type: 'status', text: 'x' }, { type: 'reply', id: 1, ok: true }]) {
      assert.equal(isWhatIfHostMessage(bad), false, JSON.stringify(bad));
    }
  });
});
