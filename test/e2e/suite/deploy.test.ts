/**
 * Deployment commands in a real extension host: serving answers real HTTP requests with the
 * same probabilities as the CLI, client code reaches the clipboard, stopping frees the port;
 * optimize → compare, benchmark, export for Triton, drift; and Restricted Mode refuses to run models.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchResult } from '../../../src/core/deploy/bench/types';
import type { CompareResult } from '../../../src/core/deploy/compare/types';
import type { DriftResult } from '../../../src/core/drift/types';
import { posthocExtension, runCli, workspaceRoot } from './config';
import { reportTabs, waitFor } from './helpers';

const trusted = vscode.workspace.isTrusted;

interface ServeInfo {
  url: string;
  port: number;
  models: string[];
}

/** The first `n` rows of test.csv: 30 feature values each (every column but `target`). */
function featureRows(file: string, n: number): number[][] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  const label = names.indexOf('target');
  return lines.slice(0, n).map((l) => l.split(',').map(Number).filter((_, j) => j !== label));
}

/** A server on a free port that refuses nothing: holds the port so the command finds it busy. */
function occupyPort(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

(trusted ? suite : suite.skip)('Posthoc: deployment (trusted workspace)', () => {
  let tmp = '';
  let root = '';
  let cli: CompareResult;
  let served: ServeInfo;

  suiteSetup(async () => {
    await posthocExtension().activate();
    root = workspaceRoot();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-deploy-e2e-'));
    // The reference probabilities: the CLI's compare of the model with itself lists every row's P(positive).
    const out = path.join(tmp, 'cli-compare.json');
    const model = path.join(root, 'model.onnx');
    await runCli(['compare', '--model', model, '--model', model, '--data', path.join(root, 'test.csv'), '--label', 'target', '--bootstrap', '0', '--latency-runs', '1', '--json', out]);
    cli = JSON.parse(fs.readFileSync(out, 'utf8')) as CompareResult;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('posthoc.stopServing');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('serveModel with args starts a server and the status bar commands are registered', async () => {
    served = (await vscode.commands.executeCommand('posthoc.serveModel', { model: 'model.onnx', port: 0 })) as ServeInfo;
    assert.ok(served?.url.startsWith('http://127.0.0.1:'), JSON.stringify(served));
    assert.deepEqual(served.models, ['model']);
    assert.deepEqual(await vscode.commands.executeCommand('posthoc._serving'), served);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['posthoc.serverActions', 'posthoc.copyClientCode', 'posthoc.openServerMetrics', 'posthoc.stopServing']) assert.ok(commands.includes(id), id);
    const live = await fetch(`${served.url}/v2/health/ready`);
    assert.equal(live.status, 200);
  });

  test('an HTTP infer request returns the probabilities the CLI computes for the same rows', async () => {
    const rows = featureRows(path.join(root, 'test.csv'), 5);
    const body = { inputs: [{ name: 'input', shape: [rows.length, 30], datatype: 'FP32', data: rows.flat() }] };
    const response = await fetch(`${served.url}/v2/models/model/infer`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.clone().text());
    const json = (await response.json()) as { outputs: { name: string; shape: number[]; data: number[] }[] };
    const probs = json.outputs.find((o) => o.name === 'probabilities');
    assert.ok(probs, JSON.stringify(json));
    assert.deepEqual(probs.shape, [5, 2]);
    const expected = cli.deltas[0].scores;
    for (let i = 0; i < 5; i++) {
      const ref = expected.find((p) => p.row === i);
      assert.ok(ref, `the CLI listed no score for row ${i}`);
      assert.ok(Math.abs(probs.data[i * 2 + 1] - ref.baseline) <= 1e-6, `row ${i}: server ${probs.data[i * 2 + 1]} vs CLI ${ref.baseline}`);
    }
  });

  test('copy client code puts a curl call with the model\'s input name on the clipboard', async () => {
    const code = (await vscode.commands.executeCommand('posthoc.copyClientCode', 'curl')) as string;
    assert.match(code, /^curl /);
    assert.ok(code.includes('"name":"input"'), code);
    assert.ok(code.includes(`${served.url}/v2/models/model/infer`), code);
    assert.equal(await vscode.env.clipboard.readText(), code);
  });

  test('open metrics shows the Prometheus text of /metrics', async () => {
    const doc = (await vscode.commands.executeCommand('posthoc.openServerMetrics')) as vscode.TextDocument;
    assert.match(doc.getText(), /# TYPE \w+/);
    assert.equal(doc.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('stopServing closes the server: the connection is refused afterwards', async () => {
    assert.equal(await vscode.commands.executeCommand('posthoc.stopServing'), true);
    assert.equal(await vscode.commands.executeCommand('posthoc._serving'), undefined);
    await assert.rejects(fetch(`${served.url}/v2/health/live`), (err: Error & { cause?: { code?: string } }) => err.cause?.code === 'ECONNREFUSED' || /ECONNREFUSED|fetch failed/.test(String(err.cause ?? err)));
  });

  test('serving on a busy port is refused with a message naming the port', async () => {
    const holder = await occupyPort();
    const port = (holder.address() as net.AddressInfo).port;
    try {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.serveModel', { model: 'model.onnx', port })), (err: Error) => err.message.includes(String(port)));
    } finally {
      holder.close();
    }
  });

  test('optimizeModel writes an int8 model that compareModels reads, with the flipped-rows list', async () => {
    const target = path.join(tmp, 'model.int8.onnx');
    const out = (await vscode.commands.executeCommand('posthoc.optimizeModel', { model: 'model.onnx', level: 'basic', quantize: 'int8', target })) as { path: string; summary: { quantize: string; output_bytes: number } };
    assert.equal(out.path, target);
    assert.equal(out.summary.quantize, 'int8');
    assert.equal(fs.statSync(target).size, out.summary.output_bytes);
    // Never overwrites without the save dialog's confirmation.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.optimizeModel', { model: 'model.onnx', level: 'basic', quantize: 'int8', target })), /already exists/);

    const result = (await vscode.commands.executeCommand('posthoc.compareModels', { models: ['model.onnx', target], names: ['baseline', 'int8'], data: 'test.csv', label: 'target' })) as CompareResult;
    assert.equal(result.kind, 'posthoc.compare');
    assert.equal(result.variants.length, 2);
    assert.equal(result.n_rows, cli.n_rows);
    assert.ok(Array.isArray(result.deltas[0].flipped));
    assert.equal(result.deltas[0].flipped.length, result.deltas[0].n_flipped);
    assert.ok(result.deltas[0].size_ratio > 0 && Number.isFinite(result.deltas[0].size_ratio));
    await waitFor(() => reportTabs().length > 0, 10_000, 'the compare report tab');
  });

  test('benchmarkModel measures each batch size and opens the benchmark report', async () => {
    const before = reportTabs().length;
    // A copy under another name: later suites find their report tabs by "model.onnx" in the title.
    const copy = path.join(tmp, 'bench-copy.onnx');
    fs.copyFileSync(path.join(root, 'model.onnx'), copy);
    const result = (await vscode.commands.executeCommand('posthoc.benchmarkModel', { model: copy, batchSizes: [1, 8], iterations: 20 })) as BenchResult;
    assert.deepEqual(result.batches.map((b) => b.batch_size), [1, 8]);
    for (const b of result.batches) assert.ok(b.iterations === 20 && b.latency_ms.p50 > 0, JSON.stringify(b));
    await waitFor(() => reportTabs().length > before, 10_000, 'the benchmark report tab');
  });

  test('exportModel writes a Triton repository with config.pbtxt, and refuses to overwrite it', async () => {
    const out = path.join(tmp, 'triton');
    const result = (await vscode.commands.executeCommand('posthoc.exportModel', { model: 'model.onnx', target: 'triton', out, name: 'bc' })) as { files: string[] };
    assert.deepEqual(result.files, [path.join(out, 'bc', 'config.pbtxt'), path.join(out, 'bc', '1', 'model.onnx')]);
    const config = fs.readFileSync(path.join(out, 'bc', 'config.pbtxt'), 'utf8');
    assert.match(config, /name: "input"/);
    assert.ok(fs.existsSync(path.join(out, 'bc', '1', 'model.onnx')));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.exportModel', { model: 'model.onnx', target: 'triton', out, name: 'bc' })), /already exist/);
  });

  test('detectDrift compares two datasets and opens the drift report', async () => {
    const result = (await vscode.commands.executeCommand('posthoc.detectDrift', { reference: 'test.csv', current: 'test.csv', model: 'model.onnx' })) as DriftResult;
    assert.equal(result.kind, 'drift');
    assert.equal(result.dataset_drift, false);
    assert.ok(result.n_columns >= 30, String(result.n_columns));
    assert.equal(result.prediction?.drift, false);
  });
});

(trusted ? suite.skip : suite)('Posthoc: deployment in Restricted Mode', () => {
  suiteSetup(async () => {
    await posthocExtension().activate();
  });

  for (const [id, args] of [
    ['posthoc.serveModel', { model: 'model.onnx', port: 0 }],
    ['posthoc.optimizeModel', { model: 'model.onnx', level: 'basic', quantize: 'int8', target: 'never.onnx' }],
    ['posthoc.compareModels', { models: ['model.onnx', 'model.onnx'], data: 'test.csv', label: 'target' }],
    ['posthoc.benchmarkModel', { model: 'model.onnx', iterations: 1 }],
  ] as const) {
    test(`${id} is refused with the Restricted Mode message`, async () => {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand(id, args)), (err: Error) => /Restricted Mode/.test(err.message) && /[Tt]rust/.test(err.message));
    });
  }

  test('detectDrift with a model is refused; without one it only reads data and runs', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.detectDrift', { reference: 'test.csv', current: 'test.csv', model: 'model.onnx' })), /Restricted Mode/);
    const result = (await vscode.commands.executeCommand('posthoc.detectDrift', { reference: 'test.csv', current: 'test.csv', showReport: false })) as DriftResult;
    assert.equal(result.dataset_drift, false);
  });

  test('exportModel only reads the model, so it works in Restricted Mode', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-export-restricted-'));
    try {
      const result = (await vscode.commands.executeCommand('posthoc.exportModel', { model: 'model.onnx', target: 'kserve', out, name: 'bc' })) as { files: string[] };
      assert.ok(result.files.some((f) => f.endsWith('inferenceservice.yaml')), result.files.join(', '));
      assert.ok(fs.existsSync(path.join(out, 'model-repository', 'bc', 'config.pbtxt')));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('serveModel from the palette refuses before showing any picker', async () => {
    const result = await Promise.race([
      vscode.commands.executeCommand('posthoc.serveModel'),
      new Promise((resolve) => setTimeout(() => resolve('timed out: a picker is probably open'), 5000)),
    ]);
    assert.equal(result, undefined);
    assert.equal(await vscode.commands.executeCommand('posthoc._serving'), undefined);
  });
});
