/**
 * Trusted workspace: evaluating from the extension gives the same numbers as the CLI, opens the
 * report, reports bad input without harming the host, cancels quickly and exports.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import { posthocExtension, runCli, workspaceRoot } from './config';
import { waitFor as waitForAsync } from './helpers';

const trusted = vscode.workspace.isTrusted;
const args = { model: 'model.onnx', data: 'test.csv', label: 'target' };

function assertClose(actual: number, expected: number, what: string): void {
  if (Number.isNaN(expected)) return assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= 1e-9, `${what}: extension ${actual} vs CLI ${expected}`);
}

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('posthoc.report'));
}

async function waitFor<T>(probe: () => T | undefined, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(trusted ? suite : suite.skip)('Posthoc: evaluate (trusted workspace)', () => {
  let result: EvaluationResult;
  let cli: EvaluationResult;
  let tmp = '';

  suiteSetup(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-'));
    await posthocExtension().activate();
    const root = workspaceRoot();
    const out = path.join(tmp, 'cli.json');
    await runCli(['evaluate', '--model', path.join(root, args.model), '--data', path.join(root, args.data), '--label', args.label, '--json', out]);
    cli = JSON.parse(fs.readFileSync(out, 'utf8')) as EvaluationResult;
  });

  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('evaluateModel with args returns the same metrics as the CLI', async () => {
    result = (await vscode.commands.executeCommand('posthoc.evaluateModel', args)) as EvaluationResult;
    assert.ok(result, 'the command returned nothing');
    assert.equal(result.task, cli.task);
    assert.equal(result.n_rows, cli.n_rows);
    assert.deepEqual(Object.keys(result.metrics).sort(), Object.keys(cli.metrics).sort());
    for (const [k, v] of Object.entries(cli.metrics)) assertClose(result.metrics[k], v, `metrics.${k}`);
    assert.deepEqual(result.confusion_matrix, cli.confusion_matrix);
    // Same bootstrap settings and seed on both sides: the intervals match as well.
    for (const [k, [lo, hi]] of Object.entries(cli.ci)) {
      assertClose(result.ci[k][0], lo, `ci.${k}[0]`);
      assertClose(result.ci[k][1], hi, `ci.${k}[1]`);
    }
  });

  test('the report panel opens with the report title', async () => {
    const tab = await waitFor(() => reportTabs().find((t) => t.label.includes('model.onnx')), 10_000, 'the report tab');
    assert.equal(tab.label, 'model.onnx on test.csv');
  });

  test('the webview loads under the strict CSP, completes the handshake and renders without errors', async () => {
    type PanelInfo = { title: string; ready: boolean; errors: string[] };
    const describe = async () => ((await vscode.commands.executeCommand('posthoc._reportPanels')) as PanelInfo[]).find((p) => p.title === 'model.onnx on test.csv');
    const until = Date.now() + 15_000;
    let info = await describe();
    while (!info?.ready && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      info = await describe();
    }
    assert.ok(info?.ready, 'the webview never sent ready (script blocked by the CSP, or failed to load?)');
    await new Promise((r) => setTimeout(r, 1500)); // give the charts time to render and report failures
    assert.deepEqual((await describe())?.errors, []);
  });

  test('the rows to inspect match the CLI\'s, and Explain on one opens the explain report for that row', async () => {
    const listed = result.rows_to_inspect;
    assert.ok(listed && listed.kind === 'confident_mistakes' && listed.rows.length > 0, 'no mistakes listed');
    assert.deepEqual(listed.rows.map((r) => r.row), cli.rows_to_inspect?.rows.map((r) => r.row));
    const row = listed.rows[0].row;
    const before = reportTabs().filter((t) => t.label === 'KernelSHAP: model.onnx').length;
    // The message the webview's button posts, through the host's validation; resolves once handled.
    await vscode.commands.executeCommand('posthoc._reportMessage', 'model.onnx on test.csv', { type: 'explainRow', id: 1, row });
    await waitFor(() => reportTabs().filter((t) => t.label === 'KernelSHAP: model.onnx').length > before || undefined, 10_000, 'the explain report tab');
    const target = vscode.Uri.file(path.join(tmp, `explain-row-${row}.json`));
    await vscode.commands.executeCommand('posthoc.exportReport', { format: 'json', target });
    const saved = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { method: string; rows: number[]; context: { class: string } };
    assert.equal(saved.method, 'kernel-shap');
    assert.deepEqual(saved.rows, [row]);
    // Close it: later suites look for their own explain report by this title.
    await vscode.window.tabGroups.close(reportTabs().filter((t) => t.label === 'KernelSHAP: model.onnx'));
    await waitForAsync(async () => !((await vscode.commands.executeCommand('posthoc._reportPanels')) as { title: string }[]).some((p) => p.title === 'KernelSHAP: model.onnx') || undefined, 5_000, 'the explain report to close');
  });

  test('Explain refuses a row the report does not list, and malformed messages', async () => {
    const listed = new Set(result.rows_to_inspect!.rows.map((r) => r.row));
    const unlisted = [...Array(result.n_rows).keys()].find((i) => !listed.has(i))!;
    const tabs = reportTabs().length;
    await vscode.commands.executeCommand('posthoc._reportMessage', 'model.onnx on test.csv', { type: 'explainRow', id: 2, row: unlisted });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc._reportMessage', 'model.onnx on test.csv', { type: 'explainRow', id: 3, row: -1 })), /not a valid report webview message/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(reportTabs().length, tabs, 'no explain report opened');
  });

  test('from the palette: the pickers offer model, dataset and the guessed label first', async () => {
    // Accept whatever each quick pick preselects, like a user pressing Enter three times.
    const running = Promise.resolve(vscode.commands.executeCommand('posthoc.evaluateModel'));
    let done = false;
    void running.finally(() => (done = true));
    while (!done) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await Promise.race([running, new Promise((r) => setTimeout(r, 300))]).catch(() => undefined);
    }
    const picked = (await running) as EvaluationResult | undefined;
    assert.ok(picked, 'the command returned nothing (a picker was dismissed?)');
    assert.equal(picked.dataset.label, 'target');
    assert.equal(path.basename(picked.dataset.path), 'test.csv');
    assert.deepEqual(picked.metrics, result.metrics);
  });

  test('a missing label column is reported with the column names, and the host keeps working', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('posthoc.evaluateModel', { ...args, label: 'no_such_column', showReport: false })),
      (err: Error) => /no_such_column/.test(err.message),
    );
    assert.ok((await vscode.commands.getCommands(true)).includes('posthoc.evaluateModel'));
  });

  test('cancelling stops the evaluation within a second', async () => {
    const abort = new AbortController();
    const running = Promise.resolve(vscode.commands.executeCommand('posthoc.evaluateModel', { ...args, bootstrap: 100_000, showReport: false, signal: abort.signal }));
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    abort.abort();
    await assert.rejects(running, (err: Error) => /[Cc]ancel/.test(err.message) || err.name === 'CancelledError');
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms to cancel`);
  });

  test('exports Markdown and JSON to new files, and never overwrites silently', async () => {
    const md = vscode.Uri.file(path.join(tmp, 'report.md'));
    await vscode.commands.executeCommand('posthoc.exportReport', { format: 'md', target: md });
    assert.match(fs.readFileSync(md.fsPath, 'utf8'), /model\.onnx/);
    const json = vscode.Uri.file(path.join(tmp, 'result.json'));
    await vscode.commands.executeCommand('posthoc.exportReport', { format: 'json', target: json });
    const saved = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as EvaluationResult;
    assert.deepEqual(saved.metrics, result.metrics);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.exportReport', { format: 'md', target: md })), /already exists/);
  });
});
