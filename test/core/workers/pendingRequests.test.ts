// PendingRequests, the bookkeeping the curves and what-if clients share: ids from 1, replies
// settle their own request (errors rebuilt as the same Posthoc class), superseded requests
// resolve, and one failure (a worker's error or exit, or dispose) rejects everything after it.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { DataError, PosthocError } from '../../../src/core/errors';
import { PendingRequests } from '../../../src/core/workers/pendingRequests';

/** A stand-in for a worker: only its 'error' and 'exit' events matter to PendingRequests. */
function fakeWorker(): EventEmitter & Worker {
  return new EventEmitter() as EventEmitter & Worker;
}

const isWorkerError = (re: RegExp) => (e: unknown) => e instanceof PosthocError && e.code === 'worker' && re.test(e.message);

describe('PendingRequests', () => {
  it('numbers requests from 1 and settles each with its own reply, errors as their class', async () => {
    const requests = new PendingRequests(fakeWorker(), 'test');
    const posted: number[] = [];
    const a = requests.send<string>((id) => posted.push(id));
    const b = requests.send<string>((id) => posted.push(id));
    assert.deepEqual(posted, [1, 2]);
    requests.settle({ id: 2, ok: false, name: 'DataError', message: "column 'x' not found" });
    requests.settle({ id: 1, ok: true, value: 'one' });
    requests.settle({ id: 1, ok: true, value: 'again' }); // already settled: ignored
    requests.settle({ id: 9, ok: true, value: 'nobody' }); // unknown: ignored
    assert.equal(await a, 'one');
    await assert.rejects(b, (e: unknown) => e instanceof DataError && e.message === "column 'x' not found");
  });

  it('waits for a reply posted unasked under a fixed id, and resolves superseded requests but the kept ones', async () => {
    const requests = new PendingRequests(fakeWorker(), 'test');
    const setup = requests.expect<string>(0);
    const old = requests.send<number | undefined>(() => undefined);
    requests.resolveAll(undefined, (id) => id === 0);
    assert.equal(await old, undefined);
    assert.equal(requests.take(1), undefined);
    requests.settle({ id: 0, ok: true, value: 'ready' });
    assert.equal(await setup, 'ready');
  });

  it('a failure rejects what waits with it, and later requests with the first failure, posting nothing', async () => {
    const requests = new PendingRequests(fakeWorker(), 'test');
    const waiting = requests.send(() => undefined);
    const first = new PosthocError('closed', 'worker');
    requests.fail(first);
    requests.fail(new PosthocError('second', 'worker'));
    await assert.rejects(waiting, (e: unknown) => e === first);
    let posted = false;
    await assert.rejects(requests.send(() => (posted = true)), (e: unknown) => e === first);
    await assert.rejects(requests.expect(0), (e: unknown) => e === first);
    assert.equal(posted, false);
  });

  it("turns the worker's 'error' and 'exit' into worker errors naming it", async () => {
    const worker = fakeWorker();
    const requests = new PendingRequests(worker, 'what-if');
    const waiting = requests.send(() => undefined);
    worker.emit('error', new Error('out of memory'));
    await assert.rejects(waiting, isWorkerError(/^the what-if worker failed: out of memory$/));
    const real = new Worker('process.exit(3)', { eval: true });
    const exited = new PendingRequests(real, 'training-curves');
    await assert.rejects(exited.send(() => undefined), isWorkerError(/^the training-curves worker stopped \(exit code 3\)\.$/));
  });
});
