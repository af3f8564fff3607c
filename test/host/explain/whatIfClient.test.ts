/**
 * The what-if client against the built worker (dist/whatIfWorker.js, built first when missing):
 * errors thrown in the worker come back as the same Posthoc class, a superseded request resolves
 * undefined, and a good one returns a consistent outcome.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DataError, PosthocError, UsageError } from '../../../src/core/errors';
import { WhatIfClient } from '../../../src/host/explain/whatIfClient';
import type { WhatIfInit } from '../../../src/host/explain/whatIfSession';
import { ROOT, ensureBuilt } from '../../cli/helpers';

const EXAMPLE = join(ROOT, 'examples', 'breast-cancer');
before(ensureBuilt);

const init = (over: Partial<WhatIfInit> = {}): WhatIfInit => ({
  model: join(EXAMPLE, 'model.onnx'), data: join(EXAMPLE, 'test.csv'), label: 'target', row: 3, seed: 0, centroids: 5, ...over,
});

describe('WhatIfClient', () => {
  it('rebuilds a DataError thrown while opening the data', async () => {
    const client = new WhatIfClient(ROOT, init({ data: join(EXAMPLE, 'no-such-file.csv') }));
    try {
      await assert.rejects(client.ready, (e: unknown) => e instanceof DataError && /no-such-file/.test(e.message));
    } finally {
      client.dispose();
    }
  });
  it('evaluates rows, rebuilds a UsageError for a bad row, and settles superseded requests with undefined', async () => {
    const client = new WhatIfClient(ROOT, init());
    try {
      const setup = await client.ready;
      assert.equal(setup.row, 3);
      await assert.rejects(client.evaluate([1, 2]), (e: unknown) => e instanceof UsageError && /finite feature values/.test(e.message));
      const older = client.evaluate(setup.original);
      const newer = client.evaluate(setup.original.map((v) => v / 2));
      assert.equal(await older, undefined);
      const outcome = await newer;
      assert.ok(outcome);
      // KernelSHAP's efficiency: the base plus the attributions is the explained output.
      const sum = outcome.base + outcome.phi.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - outcome.fx) < 1e-6, `${sum} vs ${outcome.fx}`);
    } finally {
      client.dispose();
    }
  });
  it('after dispose, the setup and every evaluation reject with a worker error', async () => {
    const client = new WhatIfClient(ROOT, init());
    client.dispose();
    const closed = (e: unknown) => e instanceof PosthocError && e.code === 'worker' && /what-if panel was closed/.test(e.message);
    await assert.rejects(client.ready, closed);
    await assert.rejects(client.evaluate([1, 2, 3]), closed);
  });
});
