// The batching policy, step by step with a stub model (no HTTP, no timing): a lone request at an
// idle model runs in the same event-loop turn whatever the window, requests submitted in one
// turn share a run, announced requests are waited for, and a withdrawn one releases the wait.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Batcher } from '../../../../src/core/deploy/serve/batcher';
import type { RunTensor, ServedModel } from '../../../../src/core/deploy/serve/model';
import type { ValidRequest } from '../../../../src/core/deploy/serve/validate';

/** y = 2x on [N, 2] inputs, counting runs and the rows of each. */
function stubModel() {
  const runs: number[] = [];
  const model = {
    batchable: true,
    async run(feeds: Record<string, RunTensor>): Promise<Record<string, RunTensor>> {
      const x = feeds.x;
      runs.push(x.dims[0]);
      return { y: { type: 'float32', dims: x.dims, data: Float32Array.from(x.data as Float32Array, (v) => 2 * v) } };
    },
  };
  return { model: model as unknown as ServedModel, runs };
}

const request = (v: number): ValidRequest => ({ inputs: { x: { type: 'float32', dims: [1, 2], data: Float32Array.of(v, v + 1) } }, outputs: ['y'], rows: 1, raw: [] });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
// A window far longer than any test: whenever a run happens before it, the batcher did not wait.
const LONG = 60_000;

describe('Batcher', () => {
  it('runs a lone request at an idle model in the same turn, without waiting for the window', async () => {
    const { model, runs } = stubModel();
    const batcher = new Batcher(model, { maxBatch: 64, maxDelayMs: LONG });
    const out = batcher.submit(request(1), true);
    await nextTurn();
    assert.deepEqual(runs, [1]);
    assert.deepEqual([...((await out).y.data as Float32Array)], [2, 4]);
  });

  it('stacks requests submitted in one turn into one run and slices the outputs back', async () => {
    const { model, runs } = stubModel();
    const batcher = new Batcher(model, { maxBatch: 64, maxDelayMs: LONG });
    const outs = [1, 10, 100].map((v) => batcher.submit(request(v)));
    const results = await Promise.all(outs);
    assert.deepEqual(runs, [3]);
    assert.deepEqual(results.map((r) => [...(r.y.data as Float32Array)]), [[2, 4], [20, 22], [200, 202]]);
  });

  it('waits for announced requests, and runs as soon as the last one arrives', async () => {
    const { model, runs } = stubModel();
    const batcher = new Batcher(model, { maxBatch: 64, maxDelayMs: LONG });
    batcher.expect();
    batcher.expect();
    const first = batcher.submit(request(1), true);
    await nextTurn();
    await nextTurn();
    assert.deepEqual(runs, [], 'the first request waits for the one still being read');
    const second = batcher.submit(request(2), true);
    await Promise.all([first, second]);
    assert.deepEqual(runs, [2]);
  });

  it('stops waiting when an announced request is withdrawn (bad body)', async () => {
    const { model, runs } = stubModel();
    const batcher = new Batcher(model, { maxBatch: 64, maxDelayMs: LONG });
    batcher.expect();
    batcher.expect();
    const first = batcher.submit(request(1), true);
    await nextTurn();
    batcher.withdraw();
    await first;
    assert.deepEqual(runs, [1]);
  });

  it('queues requests that come during a run and sends them together right after it', async () => {
    const { model, runs } = stubModel();
    const batcher = new Batcher(model, { maxBatch: 64, maxDelayMs: LONG });
    const first = batcher.submit(request(1));
    await nextTurn();
    const later = [2, 3, 4].map((v) => batcher.submit(request(v)));
    await Promise.all([first, ...later]);
    assert.deepEqual(runs, [1, 3]);
  });

  it('caps a run at maxBatch rows', async () => {
    const { model, runs } = stubModel();
    const batcher = new Batcher(model, { maxBatch: 4, maxDelayMs: LONG });
    await Promise.all(Array.from({ length: 10 }, (_, v) => batcher.submit(request(v))));
    assert.deepEqual(runs, [4, 4, 2]);
  });

  it('runs every request alone with maxBatch 1, and ignores announcements', async () => {
    const { model, runs } = stubModel();
    const batcher = new Batcher(model, { maxBatch: 1, maxDelayMs: LONG });
    batcher.expect();
    await Promise.all([1, 2, 3].map((v) => batcher.submit(request(v), true)));
    assert.deepEqual(runs, [1, 1, 1]);
  });
});
