// GET /metrics in the Prometheus text format (0.0.4), read back with a small independent parser
// written from the format's description; the JSONL request log, line by line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { startServer } from '../../../../src/core/deploy/serve';
import { BREAST, call, post } from './helpers';

interface Family {
  type: string;
  help: string;
  samples: { name: string; labels: Record<string, string>; value: number }[];
}

/** Parses exposition text; throws on any line that does not follow the format. */
function parseExposition(text: string): Map<string, Family> {
  assert.ok(text.endsWith('\n'), 'text ends with a newline');
  const families = new Map<string, Family>();
  const nameRe = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  let current: string | undefined;
  for (const line of text.slice(0, -1).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^# HELP (${nameRe}) (.+)$`).exec(line))) {
      assert.ok(!families.has(m[1]), `HELP for ${m[1]} once`);
      families.set(m[1], { type: '', help: m[2], samples: [] });
      current = m[1];
    } else if ((m = new RegExp(`^# TYPE (${nameRe}) (counter|gauge|histogram|summary|untyped)$`).exec(line))) {
      assert.equal(m[1], current, 'TYPE follows its HELP');
      families.get(m[1])!.type = m[2];
    } else if ((m = new RegExp(`^(${nameRe})(?:\\{(.*)\\})? (\\S+)$`).exec(line))) {
      const fam = families.get(current ?? '');
      assert.ok(fam && (m[1] === current || m[1].replace(/_(bucket|sum|count)$/, '') === current), `sample ${m[1]} under its family`);
      const labels: Record<string, string> = {};
      for (const pair of (m[2] ?? '').match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? []) {
        const eq = pair.indexOf('=');
        labels[pair.slice(0, eq)] = pair.slice(eq + 2, -1);
      }
      const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
      assert.ok(!Number.isNaN(value), `value of ${line}`);
      fam.samples.push({ name: m[1], labels, value });
    } else {
      assert.fail(`not an exposition line: ${JSON.stringify(line)}`);
    }
  }
  return families;
}

describe('posthoc serve: /metrics and the request log', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-serve-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exports counts, histograms and the load time in the text format', async () => {
    const server = await startServer({ models: [{ path: BREAST }], port: 0 });
    const ok = { inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(1) }] };
    for (let i = 0; i < 3; i++) assert.equal((await post(`${server.url}/v2/models/model/infer`, ok)).status, 200);
    assert.equal((await post(`${server.url}/v2/models/model/infer`, '{')).status, 400);
    const reply = await call(`${server.url}/metrics`);
    await server.close();
    assert.match(reply.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const fams = parseExposition(reply.body as string);
    const sample = (fam: string, name: string, labels: Record<string, string>) =>
      fams.get(fam)!.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    assert.equal(fams.get('posthoc_requests_total')!.type, 'counter');
    assert.equal(sample('posthoc_requests_total', 'posthoc_requests_total', { model: 'model', code: '200' }), 3);
    assert.equal(sample('posthoc_requests_total', 'posthoc_requests_total', { model: 'model', code: '400' }), 1);
    assert.equal(sample('posthoc_request_errors_total', 'posthoc_request_errors_total', { model: 'model', code: '400' }), 1);
    const latency = fams.get('posthoc_request_duration_seconds')!;
    assert.equal(latency.type, 'histogram');
    const buckets = latency.samples.filter((s) => s.name.endsWith('_bucket') && s.labels.model === 'model');
    // Buckets are cumulative, ascending in le, and end with +Inf equal to _count.
    const le = (i: number) => (buckets[i].labels.le === '+Inf' ? Infinity : Number(buckets[i].labels.le));
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value && le(i) > le(i - 1), `bucket ${i}`);
    assert.equal(buckets.at(-1)!.labels.le, '+Inf');
    assert.equal(buckets.at(-1)!.value, sample('posthoc_request_duration_seconds', 'posthoc_request_duration_seconds_count', { model: 'model' }));
    assert.equal(sample('posthoc_request_duration_seconds', 'posthoc_request_duration_seconds_count', { model: 'model' }), 4);
    assert.equal(sample('posthoc_batch_size', 'posthoc_batch_size_count', { model: 'model' }), 3);
    assert.equal(fams.get('posthoc_model_load_seconds')!.type, 'gauge');
    assert.ok(sample('posthoc_model_load_seconds', 'posthoc_model_load_seconds', { model: 'model' })! > 0);
  });

  it('writes one JSON line per inference request, data truncated or full', async () => {
    for (const mode of ['truncate', 'full'] as const) {
      const file = path.join(dir, `${mode}.jsonl`);
      const server = await startServer({ models: [{ path: BREAST }], port: 0, logFile: file, logData: mode, logMaxValues: 5 });
      const ok = { id: 'a', inputs: [{ name: 'input', shape: [1, 30], datatype: 'FP32', data: new Array(30).fill(2) }] };
      await post(`${server.url}/v2/models/model/infer`, ok);
      await post(`${server.url}/v2/models/model/infer`, { inputs: [] });
      await call(`${server.url}/v2/models/model`); // not an inference: not logged
      await server.close();
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(lines.length, 2);
      const [first, second] = lines;
      assert.ok(!Number.isNaN(Date.parse(first.timestamp)));
      assert.equal(first.model, 'model');
      assert.equal(first.id, 'a');
      assert.equal(first.status, 200);
      assert.ok(first.latency_ms >= 0);
      assert.equal(first.inputs[0].data.length, mode === 'full' ? 30 : 5);
      assert.equal(first.inputs[0].truncated, mode === 'full' ? undefined : true);
      assert.deepEqual(first.outputs[0].shape, [1, 2]);
      assert.equal(second.status, 400);
      assert.match(second.error, /non-empty array/);
    }
  });
});
