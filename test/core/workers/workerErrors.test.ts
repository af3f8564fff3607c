// Errors crossing a worker boundary keep their Posthoc class; progress hooks relay with a default message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError, DataError, ModelError, PosthocError, UsageError } from '../../../src/core/errors';
import { relayHooks } from '../../../src/core/workers/runWorker';
import { errorFields, rebuildError } from '../../../src/core/workers/workerErrors';
import { UnsupportedOperatorError } from '../../../src/core/onnx/grad/unsupported';

/** What a caller gets back for an error thrown in a worker: serialised, cloned, rebuilt. */
function roundTrip(e: unknown): Error {
  const f = structuredClone(errorFields(e));
  return rebuildError(f);
}

describe('worker errors', () => {
  it('rebuilds every Posthoc class by name, with its message and code', () => {
    for (const [err, Cls, code] of [
      [new UsageError('bad flag'), UsageError, 'usage'],
      [new DataError('bad column'), DataError, 'data'],
      [new ModelError('bad model'), ModelError, 'model'],
      [new CancelledError(), CancelledError, 'cancelled'],
    ] as const) {
      const back = roundTrip(err);
      assert.ok(back instanceof Cls, err.name);
      assert.equal(back.message, err.message);
      assert.equal(back.name, err.name);
      assert.equal((back as PosthocError).code, code);
    }
    const base = roundTrip(new PosthocError('plain', 'whatever'));
    assert.ok(base instanceof PosthocError);
    assert.equal(base.message, 'plain');
  });
  it('rebuilds a subclass the caller does not know as its base class, by code, keeping its name', () => {
    class CohortExpressionError extends UsageError {}
    const usage = roundTrip(new CohortExpressionError('unknown column "agee"'));
    assert.ok(usage instanceof UsageError, 'a UsageError subclass stays a UsageError (CLI exit 2, plain notification)');
    assert.equal(usage.name, 'CohortExpressionError');
    assert.equal(usage.message, 'unknown column "agee"');
    const op = roundTrip(new UnsupportedOperatorError('Cos', 'n0'));
    assert.ok(op instanceof ModelError);
    assert.equal(op.name, 'UnsupportedOperatorError');
    const own = roundTrip(new PosthocError('port in use', 'serve'));
    assert.ok(own instanceof PosthocError);
    assert.equal((own as PosthocError).code, 'serve');
    // Node's system errors carry string codes too; they stay plain errors, not Posthoc messages.
    const sys = Object.assign(new Error('listen EACCES'), { code: 'EACCES' });
    assert.equal(roundTrip(sys) instanceof PosthocError, false);
  });
  it('keeps the name and stack of any other error', () => {
    const err = new TypeError('x is undefined');
    const back = roundTrip(err);
    assert.equal(back instanceof PosthocError, false);
    assert.equal(back.name, 'TypeError');
    assert.equal(back.message, 'x is undefined');
    assert.equal(back.stack, err.stack);
  });
  it('turns a thrown non-Error into an Error with its text', () => {
    assert.deepEqual({ name: errorFields('boom').name, message: errorFields('boom').message }, { name: 'Error', message: 'boom' });
    assert.equal(roundTrip(42).message, '42');
  });
});

describe('relayHooks', () => {
  it('passes the signal and relays progress, "Working" standing in for a missing message', () => {
    const controller = new AbortController();
    const seen: [string, number | undefined][] = [];
    const hooks = relayHooks({ signal: controller.signal, onProgress: (m, f) => seen.push([m, f]) });
    assert.equal(hooks.signal, controller.signal);
    hooks.onProgress?.('Scoring', 0.5);
    hooks.onProgress?.(undefined, 1);
    hooks.onProgress?.(undefined, undefined);
    assert.deepEqual(seen, [['Scoring', 0.5], ['Working', 1], ['Working', undefined]]);
  });
  it('is harmless without caller hooks', () => {
    const hooks = relayHooks({});
    assert.equal(hooks.signal, undefined);
    assert.doesNotThrow(() => hooks.onProgress?.('x', 0));
  });
});
