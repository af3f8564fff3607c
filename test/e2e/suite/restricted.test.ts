/** Restricted Mode: the extension loads, but refuses to run a model and says why. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { posthocExtension, runCli, workspaceRoot } from './config';

const restricted = !vscode.workspace.isTrusted;

(restricted ? suite : suite.skip)('Posthoc: Restricted Mode', () => {
  suiteSetup(async () => {
    await posthocExtension().activate();
  });

  test('the workspace is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('evaluateModel with args is refused with the Restricted Mode message', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('posthoc.evaluateModel', { model: 'model.onnx', data: 'test.csv', label: 'target' })),
      (err: Error) => /Restricted Mode/.test(err.message) && /[Tt]rust/.test(err.message),
    );
  });

  test('evaluateModel from the palette refuses before showing any picker', async () => {
    // No args: the error is shown as a notification and the command resolves to undefined,
    // promptly, which it could not do if it were waiting on a quick pick.
    const result = await Promise.race([
      vscode.commands.executeCommand('posthoc.evaluateModel'),
      new Promise((resolve) => setTimeout(() => resolve('timed out: a picker is probably open'), 5000)),
    ]);
    assert.equal(result, undefined);
  });

  test('a saved result (JSON) still opens as a report: reading results is allowed', async () => {
    // The test, not the extension, runs the model here: the CLI is outside VS Code's trust model.
    const root = workspaceRoot();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-'));
    const out = path.join(dir, 'result.json');
    await runCli(['evaluate', '--model', path.join(root, 'model.onnx'), '--data', path.join(root, 'test.csv'), '--label', 'target', '--bootstrap', '0', '--json', out]);
    await vscode.commands.executeCommand('posthoc.openReport', out);
    fs.rmSync(dir, { recursive: true, force: true });
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).map((t) => t.label);
    // Tabs reach the extension host asynchronously from the workbench.
    for (const until = Date.now() + 10_000; !labels().includes('model.onnx on test.csv') && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    assert.ok(labels().includes('model.onnx on test.csv'), `tabs: ${labels().join(', ')}`);
  });

  test('Explain on a listed row of that report is refused: no explain report opens', async () => {
    // The same (deterministic) result as the report above, to learn which rows it lists.
    const root = workspaceRoot();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-'));
    const out = path.join(dir, 'result.json');
    await runCli(['evaluate', '--model', path.join(root, 'model.onnx'), '--data', path.join(root, 'test.csv'), '--label', 'target', '--bootstrap', '0', '--json', out]);
    const row = (JSON.parse(fs.readFileSync(out, 'utf8')) as { rows_to_inspect: { rows: { row: number }[] } }).rows_to_inspect.rows[0].row;
    fs.rmSync(dir, { recursive: true, force: true });
    const panels = async () => ((await vscode.commands.executeCommand('posthoc._reportPanels')) as unknown[]).length;
    const before = await panels();
    // What the webview's Explain button posts; the host runs posthoc.explainModel, which refuses.
    await vscode.commands.executeCommand('posthoc._reportMessage', 'model.onnx on test.csv', { type: 'explainRow', id: 1, row });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await panels(), before);
  });
});
