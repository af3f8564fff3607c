// The curves panel's worker client, against the built dist/curvesWorker.js: a reply arrives,
// and an error the worker throws comes back as the same Posthoc class (through rebuildError),
// so the host's error boundary shows it as a user error, not a crash.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CURVES_VIEW } from '../../../src/core/curves/curvesSession';
import { DataError, PosthocError } from '../../../src/core/errors';
import { CurvesWorkerClient } from '../../../src/host/curves/curvesWorkerClient';
import { ROOT, ensureBuilt } from '../../cli/helpers';

const LOGDIR = path.join(ROOT, 'test', 'fixtures', 'curves', 'logdir');

before(ensureBuilt);

describe('CurvesWorkerClient', () => {
  const clients: CurvesWorkerClient[] = [];
  after(() => clients.forEach((c) => c.dispose()));

  it('polls a logdir through the worker', async () => {
    const client = new CurvesWorkerClient(ROOT, LOGDIR);
    clients.push(client);
    const snapshot = await client.poll(DEFAULT_CURVES_VIEW, true);
    assert.ok(snapshot && snapshot.runs.length > 0, 'runs listed');
  });

  it("rejects with the worker's DataError, not a generic error", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'posthoc-curves-'));
    after(() => rmSync(empty, { recursive: true, force: true }));
    const client = new CurvesWorkerClient(ROOT, empty);
    clients.push(client);
    await assert.rejects(client.poll(DEFAULT_CURVES_VIEW), (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      assert.equal(e.code, 'data');
      assert.match(e.message, /no training logs found/);
      return true;
    });
  });

  it('after dispose, requests reject with a worker error', async () => {
    const client = new CurvesWorkerClient(ROOT, LOGDIR);
    client.dispose();
    await assert.rejects(client.view(DEFAULT_CURVES_VIEW), (e: unknown) => e instanceof PosthocError && e.code === 'worker');
  });
});
