/**
 * Explanations in the editor: `posthoc.explainModel` gives the CLI's numbers for the same inputs
 * and seed, opens the explain report (whose JSON export is the explain JSON), runs permutation
 * importance, cancels quickly, and is refused in Restricted Mode.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExplainResult } from '../../../src/core/explain/pipeline/options';
import type { AttributionResult, PermutationResult } from '../../../src/core/explain/types';
import { posthocExtension, runCli, workspaceRoot } from './config';
import { reportTabs, waitFor } from './helpers';

const base = { model: 'model.onnx', data: 'test.csv', label: 'target' };
const shapArgs = { ...base, method: 'kernel-shap', rows: '0-1', samples: 200 };

(vscode.workspace.isTrusted ? suite : suite.skip)('Posthoc: explain (trusted workspace)', () => {
  let tmp = '';
  let cli: AttributionResult & { context: ExplainResult['context'] };
  let shap: ExplainResult;

  suiteSetup(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-explain-'));
    await posthocExtension().activate();
    const root = workspaceRoot();
    const out = path.join(tmp, 'cli.json');
    await runCli(['explain', '--model', path.join(root, base.model), '--data', path.join(root, base.data), '--label', base.label,
      '--method', 'kernel-shap', '--rows', '0-1', '--samples', '200', '--seed', '0', '--json', out]);
    cli = JSON.parse(fs.readFileSync(out, 'utf8')) as typeof cli;
  });

  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('kernel-shap with args gives the same attributions as the CLI', async () => {
    shap = (await vscode.commands.executeCommand('posthoc.explainModel', shapArgs)) as ExplainResult;
    assert.ok(shap, 'the command returned nothing');
    const ex = shap.explanation as AttributionResult;
    assert.equal(ex.method, 'kernel-shap');
    assert.deepEqual(ex.feature_names, cli.feature_names);
    assert.deepEqual(ex.rows, [0, 1]);
    assert.equal(ex.values.length, 2);
    for (const [r, row] of cli.values.entries()) {
      for (const [j, v] of row.entries()) assert.ok(Math.abs(ex.values[r][j] - v) <= 1e-9, `values[${r}][${j}]: extension ${ex.values[r][j]} vs CLI ${v}`);
      assert.ok(Math.abs(ex.base_values[r] - cli.base_values[r]) <= 1e-9, `base_values[${r}]`);
    }
  });

  test('the explain report opens and exports the explain JSON', async () => {
    await waitFor(() => reportTabs().find((t) => t.label === 'KernelSHAP: model.onnx'), 10_000, 'the explain report tab');
    type PanelInfo = { title: string; ready: boolean; errors: string[] };
    const info = await waitFor(async () => ((await vscode.commands.executeCommand('posthoc._reportPanels')) as PanelInfo[]).find((p) => p.title === 'KernelSHAP: model.onnx' && p.ready), 15_000, 'the report handshake');
    assert.deepEqual(info.errors, []);
    const target = vscode.Uri.file(path.join(tmp, 'explain.json'));
    await vscode.commands.executeCommand('posthoc.exportReport', { format: 'json', target });
    const saved = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as AttributionResult & { context: { method: string } };
    assert.equal(saved.method, 'kernel-shap');
    assert.equal(saved.context.method, 'kernel-shap');
    assert.deepEqual(saved.values, (shap.explanation as AttributionResult).values);
  });

  test('permutation importance returns an importance for every feature', async () => {
    const result = (await vscode.commands.executeCommand('posthoc.explainModel', { ...base, method: 'permutation', repeats: 2, showReport: false })) as ExplainResult;
    const ex = result.explanation as PermutationResult;
    assert.equal(ex.method, 'permutation');
    const features = result.context.data.features;
    assert.equal(features.length, 30);
    assert.deepEqual(ex.importances.map((i) => i.feature).sort(), [...features].sort());
    for (const i of ex.importances) assert.ok(Number.isFinite(i.mean), `${i.feature}: ${i.mean}`);
  });

  test('cancelling stops an explanation within a second', async () => {
    const abort = new AbortController();
    const running = Promise.resolve(vscode.commands.executeCommand('posthoc.explainModel', { ...base, method: 'kernel-shap', rows: '0-99', samples: 20_000, showReport: false, signal: abort.signal }));
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    abort.abort();
    await assert.rejects(running, (err: Error) => /[Cc]ancel/.test(err.message) || err.name === 'CancelledError');
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms to cancel`);
  });

  test('a bad row selection is reported and the host keeps working', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.explainModel', { ...shapArgs, rows: '5-2', showReport: false })), /ends before it starts/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.explainModel', { ...shapArgs, rows: '100000', showReport: false })), /out of range/);
  });
});

(vscode.workspace.isTrusted ? suite.skip : suite)('Posthoc: explain in Restricted Mode', () => {
  suiteSetup(async () => {
    await posthocExtension().activate();
  });

  test('explainModel with args is refused with the Restricted Mode message', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('posthoc.explainModel', shapArgs)),
      (err: Error) => /Restricted Mode/.test(err.message) && /[Tt]rust/.test(err.message),
    );
  });

  test('whatIf with args is refused too', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.whatIf', { ...base, row: 0 })), /Restricted Mode/);
  });

  test('explainModel from the palette refuses before showing any picker', async () => {
    const result = await Promise.race([
      vscode.commands.executeCommand('posthoc.explainModel'),
      new Promise((resolve) => setTimeout(() => resolve('timed out: a picker is probably open'), 5000)),
    ]);
    assert.equal(result, undefined);
  });
});
