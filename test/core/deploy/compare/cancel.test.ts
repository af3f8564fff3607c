import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareModels } from '../../../../src/core/deploy/compare';
import { CancelledError } from '../../../../src/core/errors';
import { DATA, MODEL } from './helpers';

/** Waits until `check` holds, polling on the event loop. */
function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const tick = () => (check() ? resolve() : setTimeout(tick, 5));
    tick();
  });
}

describe('compareModels cancellation', () => {
  it('stops inside the latency timing loop soon after the signal fires', async () => {
    // 10 million timed calls per figure would take hours; only an in-loop check ends this quickly.
    const controller = new AbortController();
    let timing = false;
    const run = compareModels(
      { models: [MODEL, MODEL], data: DATA, bootstrap: 0, latencyRuns: 10_000_000 },
      { signal: controller.signal, onProgress: (m) => { if (m.startsWith('Timing')) timing = true; } },
    );
    // Swallow the rejection until asserted below, so it is never reported as unhandled.
    const settled = run.then(() => undefined, (e: unknown) => e);
    await until(() => timing);
    // Long enough that the first model's full-table predict is done and the timed calls are running.
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    controller.abort();
    const error = await settled;
    const waited = Date.now() - t0;
    assert.ok(error instanceof CancelledError, `expected CancelledError, got ${String(error)}`);
    assert.ok(waited < 2000, `cancelled after ${waited} ms`);
  });

  it('an already aborted signal stops before any work', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(compareModels({ models: [MODEL, MODEL], data: DATA, bootstrap: 0 }, { signal: controller.signal }), CancelledError);
  });
});
