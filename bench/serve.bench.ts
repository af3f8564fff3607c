/**
 * `posthoc serve` under load, loopback only: throughput and latency with dynamic batching on and
 * off, against the peer measured in the same run, a bare onnxruntime-node `session.run` loop over
 * the same one-row inputs (no HTTP, no JSON: the ceiling a server can approach).
 *
 * The client is a bounded load loop on Node's http agent with `concurrency` requests in flight;
 * each mode sends `requests` requests or stops after 30 s, whichever comes first.
 *
 * For a model as small as the breast-cancer MLP (session.run ≈ 0.02 ms) HTTP and JSON dominate,
 * so batching mostly trades session runs for a little queueing; it pays off for heavier models.
 *
 *   npx tsx bench/serve.bench.ts [requests=4000] [concurrency=32] [rows=1]
 */
import * as http from 'node:http';
import * as path from 'node:path';
import { startServer } from '../src/core/deploy/serve';
import { onnxRuntime } from '../src/core/model/onnxRunner';

const MODEL = path.join(__dirname, '..', 'examples', 'breast-cancer', 'model.onnx');
const nRequests = Number(process.argv[2] ?? 4000);
const concurrency = Number(process.argv[3] ?? 32);
const rows = Number(process.argv[4] ?? 1);
const TIME_LIMIT_MS = 30_000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const input = (i: number) => Array.from({ length: rows * 30 }, (_, k) => ((i * 31 + k) % 97) / 10);

interface Result {
  label: string;
  done: number;
  seconds: number;
  latencies: number[];
  runs?: number;
}

/** POSTs `nRequests` bodies with `concurrency` in flight over keep-alive sockets. */
async function load(url: string, label: string): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(`${url}/v2/models/model/infer`);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const one = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(target, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    while (next < nRequests && performance.now() - started < TIME_LIMIT_MS) {
      const i = next++;
      await one(JSON.stringify({ inputs: [{ name: 'input', shape: [rows, 30], datatype: 'FP32', data: input(i) }] }));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { label, done: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

async function serverRun(label: string, maxBatch: number): Promise<Result> {
  const server = await startServer({ models: [{ path: MODEL }], port: 0, maxBatch, maxDelayMs: 2, warn: () => undefined });
  try {
    await load(server.url, 'warm-up');
    const result = await load(server.url, label);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    result.runs = Number(/posthoc_session_runs_total\{model="model"\} (\d+)/.exec(metrics)?.[1]);
    return result;
  } finally {
    await server.close();
  }
}

/** The peer: sequential session.run calls on one-row tensors built before timing. */
async function bareLoop(): Promise<Result> {
  const ort = onnxRuntime();
  const session = await ort.InferenceSession.create(MODEL);
  const tensors = Array.from({ length: 256 }, (_, i) => new ort.Tensor('float32', Float32Array.from(input(i)), [rows, 30]));
  for (let i = 0; i < 200; i++) await session.run({ input: tensors[i % 256] });
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < nRequests && performance.now() - started < TIME_LIMIT_MS; i++) {
    const t0 = performance.now();
    await session.run({ input: tensors[i % 256] });
    latencies.push(performance.now() - t0);
  }
  await session.release();
  return { label: 'bare session.run loop (peer)', done: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

async function main(): Promise<void> {
  console.log(`posthoc serve load test: ${nRequests} requests of ${rows} row(s), ${concurrency} in flight, loopback, same process as the client`);
  const peer = await bareLoop();
  const results = [peer, await serverRun('serve, batching off (--max-batch 1)', 1), await serverRun('serve, batching on (--max-batch 64, 2 ms)', 64)];
  const peerRate = peer.done / peer.seconds;
  for (const r of results) {
    const rate = r.done / r.seconds;
    // The server's run counter includes the warm-up pass, which sent as many requests again.
    const runs = r.runs ? `, ${((2 * r.done) / r.runs).toFixed(1)} req/session.run` : '';
    console.log(
      `${r.label.padEnd(44)} ${rate.toFixed(0).padStart(7)} req/s  p50 ${pct(r.latencies, 50).toFixed(2)} ms  p99 ${pct(r.latencies, 99).toFixed(2)} ms  (${(rate / peerRate).toFixed(3)}× peer${runs})`,
    );
  }
  const [, off, on] = results;
  console.log(`batching on / off throughput: ${(on.done / on.seconds / (off.done / off.seconds)).toFixed(2)}×`);
}

void main();
