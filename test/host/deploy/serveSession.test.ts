// The model server's worker session, run from source (the worker's .ts entry through tsx):
// it starts and closes, and a failed start rejects with the error class the worker threw
// (rebuilt by rebuildError), so the host shows a user error plainly and a port clash as usage.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ModelError, UsageError } from '../../../src/core/errors';
import { ServeSession, isPortFree, nextFreePort } from '../../../src/host/deploy/serveSession';

const ROOT = path.join(__dirname, '..', '..', '..');
const MODEL = path.join(ROOT, 'examples', 'breast-cancer', 'model.onnx');
const quiet = () => {};

describe('ServeSession', () => {
  it('serves a model on a free port, answers health, and closes', async () => {
    const session = await ServeSession.start({ models: [{ path: MODEL }], host: '127.0.0.1', port: 0 }, quiet, quiet);
    try {
      assert.deepEqual(session.models.map((m) => m.name), ['model']);
      assert.equal((await fetch(`${session.url}/v2/health/ready`)).status, 200);
    } finally {
      await session.close();
    }
    assert.equal(await isPortFree(session.port), true, 'port released after close');
  });

  it('a missing model rejects with ModelError', async () => {
    await assert.rejects(ServeSession.start({ models: [{ path: path.join(ROOT, 'no-such-model.onnx') }], host: '127.0.0.1', port: 0 }, quiet, quiet), (e: unknown) => {
      assert.ok(e instanceof ModelError, String(e));
      assert.equal(e.code, 'model');
      return true;
    });
  });

  it('a busy port rejects with UsageError, and nextFreePort finds another', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      assert.equal(await isPortFree(port), false);
      await assert.rejects(ServeSession.start({ models: [{ path: MODEL }], host: '127.0.0.1', port }, quiet, quiet), (e: unknown) => {
        assert.ok(e instanceof UsageError, String(e));
        assert.match(e.message, /in use/);
        return true;
      });
      const free = await nextFreePort(port);
      assert.ok(free !== undefined && free > port);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
