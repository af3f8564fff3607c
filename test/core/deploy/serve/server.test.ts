// posthoc serve against onnxruntime itself: every endpoint, predictions equal to OnnxModel's,
// bad requests answered with the right status while the server keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../../../src/core/errors';
import { OnnxModel } from '../../../../src/core/model/onnxRunner';
import { startServer, type RunningServer } from '../../../../src/core/deploy/serve';
import { BATCH1, BREAST, MULTI, ROOT, breastRows, call, post } from './helpers';

describe('posthoc serve: endpoints', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ models: [{ path: BREAST }, { path: MULTI }, { path: BATCH1, name: 'fixed' }], port: 0, maxBodyBytes: 200_000 });
  });
  after(() => server.close());

  it('binds to 127.0.0.1 on an ephemeral port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.port > 0);
  });

  it('answers health, server and model metadata', async () => {
    assert.deepEqual((await call(`${server.url}/v2/health/live`)).body, { live: true });
    assert.deepEqual((await call(`${server.url}/v2/health/ready`)).body, { ready: true });
    const meta = await call(`${server.url}/v2`);
    assert.equal(meta.status, 200);
    assert.equal(meta.body.name, 'posthoc');
    const model = await call(`${server.url}/v2/models/model`);
    assert.deepEqual(model.body, {
      name: 'model', versions: ['1'], platform: 'onnxruntime_onnx',
      inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 30] }],
      outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [-1, 2] }],
    });
    const multi = await call(`${server.url}/v2/models/multi_input`);
    assert.deepEqual(multi.body.inputs.map((t: { datatype: string }) => t.datatype), ['FP32', 'FP32', 'BYTES']);
    assert.deepEqual((await call(`${server.url}/v2/models/fixed`)).body.inputs[0].shape, [1, 4]);
    assert.deepEqual((await call(`${server.url}/v2/models/model/ready`)).body, { name: 'model', ready: true });
    assert.equal((await call(`${server.url}/v2/models/model/versions/1/ready`)).status, 200);
  });

  it('infers the same probabilities as OnnxModel.predict for the same rows', async () => {
    const { features, rows } = await breastRows();
    const reply = await post(`${server.url}/v2/models/model/infer`, { id: 'r1', inputs: [{ name: 'input', shape: [rows.length, 30], datatype: 'FP32', data: rows.flat() }] });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.id, 'r1');
    assert.equal(reply.body.model_name, 'model');
    const out = reply.body.outputs[0];
    assert.deepEqual([out.name, out.datatype, out.shape], ['probabilities', 'FP32', [rows.length, 2]]);
    const reference = await OnnxModel.load(BREAST);
    const { readTable } = await import('../../../../src/core/data/readTable');
    const pred = await reference.predict(await readTable(path.join(ROOT, 'examples/breast-cancer/test.csv')), features, { task: 'binary' });
    await reference.dispose();
    assert.equal(pred.proba!.length, out.data.length);
    for (let i = 0; i < out.data.length; i++) assert.ok(Math.abs(out.data[i] - pred.proba![i]) < 1e-6, `value ${i}: ${out.data[i]} vs ${pred.proba![i]}`);
  });

  it('serves a model with several inputs, one of them strings (BYTES)', async () => {
    const fx = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/models/multi_input.json'), 'utf8')) as { columns: Record<string, (number | string)[]>; p: number[] };
    const n = fx.p.length;
    const tensor = (name: string, datatype: string) => ({ name, shape: [n, 1], datatype, data: fx.columns[name] });
    const reply = await post(`${server.url}/v2/models/multi_input/infer`, { inputs: [tensor('city', 'BYTES'), tensor('age', 'FP32'), tensor('income', 'FP32')], outputs: [{ name: 'p' }] });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    // Expected values were written by the fixture's generator (numpy, independent of onnxruntime).
    reply.body.outputs[0].data.forEach((v: number, i: number) => assert.ok(Math.abs(v - fx.p[i]) < 1e-5, `row ${i}`));
  });

  it('serves a fixed-batch model and accepts nested data', async () => {
    const reply = await post(`${server.url}/v2/models/fixed/infer`, { inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: [[0.1, 0.2, 0.3, 0.4]] }] });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(reply.body.outputs[0].shape, [1, 2]);
  });

  const infer = (body: unknown, model = 'model') => post(`${server.url}/v2/models/${model}/infer`, body);
  const good = { inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(1) }] };
  const withInput = (patch: object) => ({ inputs: [{ ...good.inputs[0], ...patch }] });
  const cases: [string, () => Promise<{ status: number; body: { error: string } }>, number, RegExp][] = [
    ['bad JSON', () => infer('{"inputs": ['), 400, /not valid JSON/],
    ['a non-object body', () => infer('[1,2]'), 400, /JSON object/],
    ['an unknown model', () => infer(good, 'nope'), 404, /unknown model 'nope'; served: model, multi_input, fixed/],
    ['a wrong input name', () => infer(withInput({ name: 'x' })), 400, /unknown input 'x'; the model's inputs are: input/],
    ['a wrong datatype', () => infer(withInput({ datatype: 'FP64' })), 400, /datatype "FP64"; the model expects FP32/],
    ['a wrong shape', () => infer(withInput({ shape: [1, 29], data: new Array(29).fill(0) })), 400, /dimension 1 must be 30/],
    ['a wrong rank', () => infer(withInput({ shape: [30] })), 400, /expects rank 2/],
    ['a data length mismatch', () => infer(withInput({ shape: [2, 30] })), 400, /30 values in "data" but shape \[2, 30\] needs 60/],
    ['a non-number value', () => infer(withInput({ data: ['a', ...new Array(29).fill(0)] })), 400, /data\[0\] is "a"/],
    ['a missing input', () => infer({ inputs: [{ name: 'age', shape: [1, 1], datatype: 'FP32', data: [1] }] }, 'multi_input'), 400, /missing inputs: income, city/],
    ['an unknown output', () => infer({ ...good, outputs: [{ name: 'zz' }] }), 400, /unknown output 'zz'/],
    ['a body over the limit', () => infer({ inputs: [{ name: 'input', shape: [1000, 30], datatype: 'FP32', data: new Array(30_000).fill(0.123456) }] }), 413, /larger than the limit of 200000 bytes/],
    ['an unknown route', () => call(`${server.url}/v3/x`), 404, /no route/],
    ['a GET on infer', () => call(`${server.url}/v2/models/model/infer`), 405, /use POST/],
    ['a POST on metadata', () => post(`${server.url}/v2/models/model`, {}), 405, /use GET/],
  ];
  for (const [what, send, status, message] of cases) {
    it(`answers ${what} with ${status} and keeps serving`, async () => {
      const reply = await send();
      assert.equal(reply.status, status, JSON.stringify(reply.body));
      assert.match(reply.body.error, message);
      assert.equal((await infer(good)).status, 200);
    });
  }
});

describe('posthoc serve: bearer token', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ models: [{ path: BREAST }], port: 0, token: 's3cret' });
  });
  after(() => server.close());

  it('needs the token everywhere but the health checks', async () => {
    assert.equal((await call(`${server.url}/v2/health/live`)).status, 200);
    const missing = await call(`${server.url}/v2/models/model`);
    assert.equal(missing.status, 401);
    assert.match(missing.body.error, /bearer token/);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await call(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status, 401);
    assert.equal((await call(`${server.url}/v2/models/model`, { headers: { Authorization: 'Bearer s3cret' } })).status, 200);
    const body = { inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(0) }] };
    assert.equal((await post(`${server.url}/v2/models/model/infer`, body)).status, 401);
    assert.equal((await post(`${server.url}/v2/models/model/infer`, body, { Authorization: 'Bearer s3cret' })).status, 200);
  });

  it('warns loudly when bound to all interfaces', async () => {
    const warnings: string[] = [];
    const s = await startServer({ models: [{ path: BREAST }], host: '0.0.0.0', port: 0, warn: (m) => warnings.push(m) });
    await s.close();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /ANY machine .* no --token/);
  });

  it('says why it cannot bind: a port in use, or an address that is not this machine\'s', async () => {
    await assert.rejects(startServer({ models: [{ path: BREAST }], port: server.port }), (e: Error) => e instanceof UsageError && /is in use; choose another with --port/.test(e.message));
    // 192.0.2.1 (TEST-NET-1, RFC 5737) is never an address of this machine.
    await assert.rejects(startServer({ models: [{ path: BREAST }], host: '192.0.2.1', port: 0 }), (e: Error) => e instanceof UsageError && /192\.0\.2\.1 is not an address of this machine/.test(e.message));
  });

  it('refuses bad options before binding', async () => {
    await assert.rejects(startServer({ models: [{ path: BREAST }], port: 0, maxBatch: 0 }), /--max-batch/);
    await assert.rejects(startServer({ models: [{ path: path.join(ROOT, 'nope.onnx') }], port: 0 }), /Model file not found/);
  });
});
