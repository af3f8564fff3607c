/**
 * Serving in VS Code under a burst: the server runs in the extension's worker thread; 48
 * concurrent requests of 1–16 rows each must all come back 200 with exactly the rows a lone
 * request gets (batching must not mix rows up), and /metrics must have counted every one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { posthocExtension, workspaceRoot } from './config';

const trusted = vscode.workspace.isTrusted;

(trusted ? suite : suite.skip)('Posthoc: serving under a burst of requests (trusted workspace)', () => {
  let url = '';
  let rows: number[][] = [];

  suiteSetup(async () => {
    await posthocExtension().activate();
    const [header, ...lines] = fs.readFileSync(path.join(workspaceRoot(), 'test.csv'), 'utf8').trim().split(/\r?\n/);
    const label = header.split(',').indexOf('target');
    rows = lines.slice(0, 64).map((l) => l.split(',').map(Number).filter((_, j) => j !== label));
    const served = (await vscode.commands.executeCommand('posthoc.serveModel', { model: 'model.onnx', port: 0 })) as { url: string };
    url = served.url;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('posthoc.stopServing');
  });

  const infer = async (i: number) => {
    const n = 1 + (i % 16);
    const body = { id: `b${i}`, inputs: [{ name: 'input', shape: [n, 30], datatype: 'FP32', data: rows.slice(i, i + n).flat() }] };
    const r = await fetch(`${url}/v2/models/model/infer`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as { id: string; outputs: { name: string; shape: number[]; data: number[] }[] } };
  };

  test('48 concurrent requests all get their own rows back, as a lone request would', async () => {
    const alone: Awaited<ReturnType<typeof infer>>[] = [];
    for (let i = 0; i < 48; i++) alone.push(await infer(i));
    const together = await Promise.all(Array.from({ length: 48 }, (_, i) => infer(i)));
    together.forEach((r, i) => {
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.id, `b${i}`);
      assert.deepEqual(r.body.outputs[0].shape, [1 + (i % 16), 2]);
      r.body.outputs[0].data.forEach((v, k) => assert.ok(Math.abs(v - alone[i].body.outputs[0].data[k]) <= 1e-6, `request ${i} value ${k}`));
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /posthoc_requests_total\{model="model",code="200"\} 96\b/);
    const runs = Number(/posthoc_session_runs_total\{model="model"\} (\d+)/.exec(metrics)?.[1]);
    assert.ok(runs >= 1 && runs <= 96, `${runs} session runs`);
  });
});
