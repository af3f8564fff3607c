// A bounded loopback load test of the real server: autocannon (10 connections, two equal phases
// of a few seconds) sends KServe v2 infer requests for real rows of the breast-cancer example.
// Every reply must be 2xx and a valid V2 response carrying exactly the outputs that row gets from
// a lone request; the heap after GC must not grow between the phases (a per-request leak would).
// No timing assertions: throughput only sets how many requests the phases hold, printed.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../../../src/core/deploy/serve';
import { BREAST, breastRows, post } from './helpers';

/** The part of autocannon's result this test reads. */
interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  '2xx': number;
  requests: { total: number; average: number };
}
type Autocannon = (opts: Record<string, unknown>) => Promise<LoadResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

// A full GC without starting node with --expose-gc: set the flag, then take `gc` from a new context.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PHASE_SECONDS = 4;
const CONNECTIONS = 10;
const BODIES = 48;
/**
 * Allowed growth of heap + external memory between the phases, bytes. A request holds its body
 * (0.7–11 kB of JSON, 5.6 kB on average), the parsed object, the Float32 input and the response,
 * so a leak of any per-request buffer costs ≥ 0.5 kB/request: 4 MB after 8,000 requests, and a
 * leak of the bodies passes 4 MB after ~750. Checked by injecting that leak: at 256 req/s (load
 * average 14 on 2 cores, the worst seen) the second phase grew 5.8 MB and the test failed; a calm
 * machine runs 5–10× more requests per phase. Without a leak, growth between the equal phases
 * is −0.2 to 0.7 MB (GC and JIT noise), so the bound does not flake.
 */
const MAX_GROWTH_BYTES = 4 * 1024 * 1024;

function settledMemory(): number {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

describe('posthoc serve under load (autocannon, loopback)', () => {
  let server: RunningServer;
  const bodies: string[] = [];
  const expected = new Map<string, number[]>();

  before(async () => {
    server = await startServer({ models: [{ path: BREAST }], host: '127.0.0.1', port: 0, warn: () => undefined });
    const { rows } = await breastRows();
    for (let i = 0; i < BODIES; i++) {
      // 1–16 rows per request: batches of mixed sizes, and bodies (~0.7–11 kB) whose leak would show.
      const n = 1 + (i % 16);
      const body = { id: `req-${i}`, inputs: [{ name: 'input', shape: [n, 30], datatype: 'FP32', data: rows.slice(i, i + n).flat() }] };
      const alone = await post(`${server.url}/v2/models/model/infer`, body);
      assert.equal(alone.status, 200);
      expected.set(body.id, alone.body.outputs[0].data as number[]);
      bodies.push(JSON.stringify(body));
    }
  });
  after(async () => {
    await server.close();
  });

  /** Is `text` a V2 response for its request id, with the outputs a lone request got? */
  function validReply(text: string): boolean {
    let r: { model_name?: unknown; model_version?: unknown; id?: unknown; outputs?: unknown };
    try {
      r = JSON.parse(text) as typeof r;
    } catch {
      return false;
    }
    if (r.model_name !== 'model' || r.model_version !== '1' || typeof r.id !== 'string' || !Array.isArray(r.outputs) || r.outputs.length !== 1) return false;
    const want = expected.get(r.id);
    const o = r.outputs[0] as { name?: unknown; shape?: unknown; datatype?: unknown; data?: unknown };
    if (!want || o.name !== 'probabilities' || o.datatype !== 'FP32' || JSON.stringify(o.shape) !== `[${want.length / 2},2]` || !Array.isArray(o.data)) return false;
    // Batched runs may sum in another order than a lone run: agree to float32 rounding.
    return o.data.length === want.length && o.data.every((v, k) => typeof v === 'number' && Math.abs(v - want[k]) <= 1e-6);
  }

  const phase = () =>
    autocannon({
      url: `${server.url}/v2/models/model/infer`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: bodies.map((body) => ({ body })),
      connections: CONNECTIONS,
      duration: PHASE_SECONDS,
      verifyBody: validReply,
    });

  it('answers every request with a valid V2 response and does not leak memory', async () => {
    const warm = await phase();
    const before = settledMemory();
    const second = await phase();
    const afterPhase = settledMemory();
    const growth = afterPhase - before;
    console.log(`# load: warm-up ${warm.requests.total} requests (${warm.requests.average} req/s), second phase ${second.requests.total} (${second.requests.average} req/s); heap+external ${(before / 1e6).toFixed(1)} MB -> ${(afterPhase / 1e6).toFixed(1)} MB (${(growth / 1e3).toFixed(0)} kB)`);
    for (const r of [warm, second]) {
      assert.equal(r.errors, 0, 'connection errors');
      assert.equal(r.timeouts, 0, 'timeouts');
      assert.equal(r.non2xx, 0, 'non-2xx replies');
      assert.equal(r.mismatches, 0, 'replies that are not the valid V2 response for their row');
      assert.ok(r['2xx'] > 0);
    }
    assert.ok(growth < MAX_GROWTH_BYTES, `heap + external memory grew by ${(growth / 1e6).toFixed(2)} MB over ${second.requests.total} requests`);
  });
});
