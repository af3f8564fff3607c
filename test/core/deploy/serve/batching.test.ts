// Dynamic batching: concurrent requests share session runs, each gets its own rows back, and a
// bad request in the crowd does not disturb the others. Checked against single-request replies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../../../src/core/deploy/serve';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { BREAST, MULTI, ROOT, breastRows, burst, call, post } from './helpers';

const runsOf = async (url: string) => Number(/posthoc_session_runs_total\{model="model"\} (\d+)/.exec((await call(`${url}/metrics`)).body as string)?.[1] ?? 0);

describe('posthoc serve: dynamic batching', () => {
  let batched: RunningServer;
  let single: RunningServer;
  before(async () => {
    batched = await startServer({ models: [{ path: BREAST }, { path: MULTI }], port: 0, maxBatch: 64, maxDelayMs: 20 });
    single = await startServer({ models: [{ path: BREAST }], port: 0, maxBatch: 1 });
  });
  after(async () => {
    await batched.close();
    await single.close();
  });

  it('merges concurrent requests into fewer session runs, each getting its own rows', async () => {
    const { rows } = await breastRows();
    // Requests of 1–3 rows each, 30 of them at once.
    const requests = Array.from({ length: 30 }, (_, i) => rows.slice(i * 3, i * 3 + 1 + (i % 3)));
    const body = (r: number[][], i: number) => ({ id: `q${i}`, inputs: [{ name: 'input', shape: [r.length, 30], datatype: 'FP32', data: r.flat() }] });
    const before = await runsOf(batched.url);
    // Sent together over open sockets: an idle model runs a lone request at once, so only
    // requests that arrive together (or while a run is in flight) can share a run.
    const replies = await burst(batched.url, requests.map(body));
    const runs = (await runsOf(batched.url)) - before;
    assert.ok(runs < requests.length, `${runs} session runs for ${requests.length} requests`);
    const metrics = (await call(`${batched.url}/metrics`)).body as string;
    assert.match(metrics, /posthoc_batch_size_bucket\{model="model",le="1"\} \d+/);
    // Each reply equals what the same request gets alone from an unbatched server.
    for (const [i, r] of requests.entries()) {
      const reply = replies[i];
      assert.equal(reply.status, 200);
      assert.equal(reply.body.id, `q${i}`);
      const alone = await post(`${single.url}/v2/models/model/infer`, body(r, i));
      assert.deepEqual(reply.body.outputs[0].shape, [r.length, 2]);
      reply.body.outputs[0].data.forEach((v: number, k: number) => assert.ok(Math.abs(v - alone.body.outputs[0].data[k]) < 1e-6));
    }
  });

  it('keeps invalid requests out of the batch', async () => {
    const ok = { inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(0.5) }] };
    const bad = { inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(29).fill(0.5) }] };
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => post(`${batched.url}/v2/models/model/infer`, i % 4 === 0 ? bad : ok)));
    replies.forEach((r, i) => assert.equal(r.status, i % 4 === 0 ? 400 : 200));
    const first = replies[1].body.outputs[0].data;
    for (const r of replies.filter((_, i) => i % 4 !== 0)) assert.deepEqual(r.body.outputs[0].data, first);
  });

  it('batches string (BYTES) inputs of a several-input model row by row', async () => {
    const fx = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/models/multi_input.json'), 'utf8')) as { columns: Record<string, (number | string)[]>; p: number[] };
    const replies = await Promise.all(fx.p.map((_, i) => post(`${batched.url}/v2/models/multi_input/infer`, {
      inputs: [['age', 'FP32'], ['income', 'FP32'], ['city', 'BYTES']].map(([name, datatype]) => ({ name, datatype, shape: [1, 1], data: [fx.columns[name][i]] })),
    })));
    replies.forEach((r, i) => assert.ok(Math.abs(r.body.outputs[0].data[0] - fx.p[i]) < 1e-5, `row ${i}`));
  });

  it('stops expecting a request whose client hung up mid-body (a later lone request does not wait out the window)', { timeout: 30_000 }, async () => {
    // With a 60 s window, a request still counted as arriving would hold the next one for 60 s.
    const slow = await startServer({ models: [{ path: BREAST }], port: 0, maxBatch: 64, maxDelayMs: 60_000 });
    try {
      const port = new URL(slow.url).port;
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write('POST /v2/models/model/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"inputs": [');
          setTimeout(() => socket.destroy(), 100);
        });
        socket.on('close', () => resolve());
      });
      const ok = { inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(0.5) }] };
      assert.equal((await post(`${slow.url}/v2/models/model/infer`, ok)).status, 200);
    } finally {
      await slow.close();
    }
  });

  it('does not batch with max-batch 1', async () => {
    const ok = { inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(0.5) }] };
    const before = await runsOf(single.url);
    await Promise.all(Array.from({ length: 8 }, () => post(`${single.url}/v2/models/model/infer`, ok)));
    assert.equal((await runsOf(single.url)) - before, 8);
  });
});
