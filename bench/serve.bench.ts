/**
 * `posthoc serve` at batch 1 and under load, loopback only, against the peer measured in the same
 * run: a bare onnxruntime-node `session.run` loop over the same one-row inputs, built before
 * timing, with the server's session options (no HTTP, no JSON: the ceiling a server approaches).
 *
 * Three models: the breast-cancer example (30 → 16 → 2, session.run ≈ 20 µs, where HTTP and JSON
 * dominate), and two trained on Fashion-MNIST (784 inputs; bench/fashionModels.ts): an MLP
 * 784-512-512-10 (0.67 M multiply-adds) and a CNN (~12 M multiply-adds).
 * For each: where the time of one request goes (JSON parse, validation + tensor build,
 * session.run, response text, each timed alone in-process); then autocannon (in a worker thread,
 * so the client does not run on the server's event loop) with 1 connection (one request in
 * flight) in 10 rounds alternating with the peer, the ratio being the median of the rounds'; then
 * 32 connections with batching off (--max-batch 1) and on (the defaults), against the peer's median.
 *
 *   npx tsx bench/serve.bench.ts [seconds per phase=5] [connections=32]
 */
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type RunningServer } from '../src/core/deploy/serve';
import { ServedModel } from '../src/core/deploy/serve/model';
import { inferResponseText } from '../src/core/deploy/serve/response';
import { validateInferRequest } from '../src/core/deploy/serve/validate';
import { percentile } from '../src/core/deploy/bench/percentile';
import { readTable } from '../src/core/data/readTable';
import { onnxRuntime } from '../src/core/model/onnxRunner';
import { fashionModels, fashionTestSet } from './fashionModels';

interface LoadResult {
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(__filename)('autocannon') as (opts: Record<string, unknown>) => Promise<LoadResult>;

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 32);
const ROUNDS = 10;
const ROOT = path.join(__dirname, '..');

interface Subject {
  label: string;
  file: string;
  input: string;
  /** Shape of one row. */
  shape: number[];
  /** 64 real rows. */
  rows: Float32Array[];
}

async function subjects(): Promise<Subject[]> {
  const table = await readTable(path.join(ROOT, 'examples/breast-cancer/test.csv'), { maxRows: 64 });
  const cols = table.columns.filter((c) => c.name !== 'target').map((c) => c.values as Float64Array);
  const breast = Array.from({ length: 64 }, (_, i) => Float32Array.from(cols, (c) => c[i]));
  const { images } = fashionTestSet();
  const fashion = Array.from({ length: 64 }, (_, i) => images.slice(i * 784, (i + 1) * 784));
  return [
    { label: 'breast-cancer MLP 30-16-2', file: path.join(ROOT, 'examples/breast-cancer/model.onnx'), input: 'input', shape: [1, 30], rows: breast },
    { label: 'Fashion-MNIST MLP 784-512-512-10', file: fashionModels().mlp, input: 'pixels', shape: [1, 784], rows: fashion },
    { label: 'Fashion-MNIST CNN', file: fashionModels().cnn, input: 'image', shape: [1, 1, 28, 28], rows: fashion },
  ];
}

const body = (s: Subject, i: number) => JSON.stringify({ inputs: [{ name: s.input, shape: s.shape, datatype: 'FP32', data: Array.from(s.rows[i % s.rows.length]) }] });

/** Calls per second of `fn` over about `ms` milliseconds, after a short warm-up. */
async function rate(fn: (i: number) => unknown, ms: number): Promise<number> {
  for (let i = 0; i < 50; i++) await fn(i);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) await fn(n++);
  return n / ((performance.now() - t0) / 1000);
}

/** Each stage of the request path, timed alone in-process. */
async function profile(s: Subject): Promise<void> {
  const model = await ServedModel.load({ path: s.file });
  const bodies = s.rows.map((_, i) => body(s, i));
  const parsed = bodies.map((b) => JSON.parse(b) as unknown);
  const valid = parsed.map((p) => validateInferRequest(p, model));
  const outputs = await Promise.all(valid.map((v) => model.run(v.inputs, v.outputs)));
  const stages: [string, (i: number) => unknown][] = [
    ['JSON.parse of the body', (i) => JSON.parse(bodies[i % 64])],
    ['validation + tensor build', (i) => validateInferRequest(parsed[i % 64], model)],
    ['session.run (served model)', (i) => model.run(valid[i % 64].inputs, valid[i % 64].outputs)],
    ['response JSON text', (i) => inferResponseText('model', valid[i % 64], outputs[i % 64], model)],
  ];
  console.log(`\n${s.label}: one request's path, each stage timed alone (${Buffer.byteLength(bodies[0])} B body)`);
  for (const [label, fn] of stages) console.log(`  ${label.padEnd(28)} ${(1e6 / (await rate(fn, 1000))).toFixed(1)} µs`);
  await model.dispose();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadOptions = (s: Subject, server: RunningServer, conns: number) => ({
  url: `${server.url}/v2/models/model/infer`, method: 'POST', headers: { 'content-type': 'application/json' },
  requests: s.rows.map((_, i) => ({ body: body(s, i) })), connections: conns, workers: 1,
});

/**
 * The target ratio, one request in flight against the bare loop, in alternating rounds (peer,
 * then server) so a change of load on a shared machine hits both; returns the peer's median rate.
 */
async function paired(s: Subject): Promise<number> {
  const ort = onnxRuntime();
  const session = await ort.InferenceSession.create(s.file, { graphOptimizationLevel: 'all' });
  const tensors = s.rows.map((r) => new ort.Tensor('float32', r, s.shape));
  const server = await startServer({ models: [{ path: s.file, name: 'model' }], port: 0, warn: () => undefined });
  const peer: number[] = [];
  const served: number[] = [];
  try {
    const opts = loadOptions(s, server, 1);
    await autocannon({ ...opts, duration: 1 });
    for (let round = 0; round < ROUNDS; round++) {
      peer.push(await rate((i) => session.run({ [s.input]: tensors[i % tensors.length] }), (seconds * 1000) / ROUNDS));
      const r = await autocannon({ ...opts, duration: seconds / ROUNDS });
      if (r.errors || r.non2xx) throw new Error(`${r.errors} errors, ${r.non2xx} non-2xx replies`);
      served.push(r.requests.total / r.duration);
    }
  } finally {
    await server.close();
    await session.release();
  }
  const ratios = served.map((x, k) => x / peer[k]);
  console.log(`  bare session.run loop (peer)             ${median(peer).toFixed(0).padStart(6)} runs/s (${(1e6 / median(peer)).toFixed(0)} µs/run)`);
  console.log(`  1 connection (one request in flight)     ${median(served).toFixed(0).padStart(6)} req/s (${median(ratios).toFixed(2)}× peer: median of ${ROUNDS} paired rounds, ${ratios.map((x) => x.toFixed(2)).join(' ')})`);
  return median(peer);
}

const sessionRuns = async (server: RunningServer) => Number(/posthoc_session_runs_total\{model="[^"]+"\} (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);

async function load(s: Subject, label: string, conns: number, maxBatch: number | undefined, peer: number): Promise<void> {
  const server = await startServer({ models: [{ path: s.file, name: 'model' }], port: 0, maxBatch, warn: () => undefined });
  const latencies: number[] = [];
  server.onRequest((e) => {
    if (e.path.endsWith('/infer')) latencies.push(e.latencyMs);
  });
  const opts = loadOptions(s, server, conns);
  try {
    await autocannon({ ...opts, duration: 1 });
    latencies.length = 0;
    const runs0 = await sessionRuns(server);
    const r = await autocannon({ ...opts, duration: seconds });
    const runs = (await sessionRuns(server)) - runs0;
    if (r.errors || r.non2xx) throw new Error(`${label}: ${r.errors} errors, ${r.non2xx} non-2xx replies`);
    const reqs = r.requests.total / r.duration;
    console.log(
      `  ${label.padEnd(40)} ${reqs.toFixed(0).padStart(6)} req/s (${(reqs / peer).toFixed(2)}× peer)` +
        `  server p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, ${(r.requests.total / Math.max(1, runs)).toFixed(1)} req/session.run`,
    );
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  console.log(`posthoc serve, loopback, ${os.cpus().length} CPUs, ${seconds} s per phase; ratios against a bare session.run loop at batch 1 in the same run`);
  for (const s of await subjects()) {
    await profile(s);
    console.log(`  over HTTP (autocannon in a worker thread):`);
    const peer = await paired(s);
    await load(s, `${connections} connections, batching off`, connections, 1, peer);
    await load(s, `${connections} connections, batching on`, connections, undefined, peer);
  }
}

void main();
