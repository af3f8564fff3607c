/**
 * posthoc.json in the editor: one "▶ Evaluate" lens per run (also in a half-typed file), its
 * problems as diagnostics, and running a lens writes the run's report (trusted only).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { posthocExtension, workspaceRoot } from './config';
import { waitFor } from './helpers';

const RUN_FILE = {
  runs: {
    quick: { kind: 'evaluate', model: 'model.onnx', data: 'test.csv', label: 'target', bootstrap: 0, reports: { md: 'e2e-reports/quick.md' } },
    full: { kind: 'evaluate', model: 'model.onnx', data: 'test.csv', label: 'target' },
  },
};

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const found = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) as vscode.CodeLens[];
  return found.filter((l) => l.command?.command === 'posthoc.runFromFile');
}

suite('Posthoc: posthoc.json', () => {
  let file = '';
  let broken = '';

  suiteSetup(async () => {
    await posthocExtension().activate();
    file = path.join(workspaceRoot(), 'posthoc.json');
    fs.writeFileSync(file, JSON.stringify(RUN_FILE, null, 2));
    broken = path.join(workspaceRoot(), 'half-typed', 'posthoc.json');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    // Typed up to the middle of the second run: not valid JSON.
    fs.writeFileSync(broken, '{\n  "runs": {\n    "first": { "kind": "evaluate", "model": "model.onnx", "data": "test.csv" },\n    "second": { "kind": "eval');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of [file, broken]) fs.rmSync(f, { force: true });
    fs.rmSync(path.join(workspaceRoot(), 'e2e-reports'), { recursive: true, force: true });
  });

  test('jsonValidation points posthoc.json at the bundled schema', () => {
    const v = posthocExtension().packageJSON.contributes.jsonValidation as { fileMatch: string; url: string }[];
    assert.deepEqual(v, [{ fileMatch: 'posthoc.json', url: './schemas/posthoc.schema.json' }]);
    assert.ok(fs.existsSync(path.join(posthocExtension().extensionPath, 'schemas', 'posthoc.schema.json')), 'the schema file is missing');
  });

  test('one lens per run, carrying the file and the run name', async () => {
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri);
    const found = await waitFor(async () => ((await lenses(uri)).length === 2 ? lenses(uri) : undefined), 10_000, 'two lenses');
    assert.deepEqual(found.map((l) => l.command?.arguments?.[1]), ['quick', 'full']);
    assert.equal(found[0].range.start.line, 2);
  });

  test('a half-typed file still gets its lenses, and its problem shows in Problems', async () => {
    const uri = vscode.Uri.file(broken);
    await vscode.window.showTextDocument(uri);
    const found = await waitFor(async () => ((await lenses(uri)).length > 0 ? lenses(uri) : undefined), 10_000, 'lenses on the broken file');
    assert.deepEqual(found.map((l) => l.command?.arguments?.[1]), ['first', 'second']);
    // VS Code's own JSON service reports the syntax error too, sometimes first: wait for ours.
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'posthoc');
    const problems = await waitFor(() => (ours().length ? ours() : undefined), 10_000, 'posthoc diagnostics');
    assert.equal(problems[0].source, 'posthoc');
  });

  test('running a broken file explains what is wrong', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.runFromFile', broken, 'first')), /not valid/);
  });

  (vscode.workspace.isTrusted ? test : test.skip)('running a lens evaluates the run and writes its report', async () => {
    const out = (await vscode.commands.executeCommand('posthoc.runFromFile', file, 'quick')) as { written: string[] };
    const md = path.join(workspaceRoot(), 'e2e-reports', 'quick.md');
    assert.deepEqual(out.written, [md]);
    assert.match(fs.readFileSync(md, 'utf8'), /model\.onnx/);
  });

  test('an explain run gets a "▶ Explain" lens that runs through posthoc.runFromFile', async () => {
    const dir = path.join(workspaceRoot(), 'explain-run');
    const explainFile = path.join(dir, 'posthoc.json');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(explainFile, JSON.stringify({ runs: { why: { kind: 'explain', model: '../model.onnx', data: '../test.csv', method: 'lime', rows: '0-1' } } }, null, 2));
    try {
      const uri = vscode.Uri.file(explainFile);
      await vscode.window.showTextDocument(uri);
      const found = await waitFor(async () => ((await lenses(uri)).length === 1 ? lenses(uri) : undefined), 10_000, 'the explain lens');
      assert.match(found[0].command?.title ?? '', /Explain/);
      assert.deepEqual(found[0].command?.arguments?.[1], 'why');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (vscode.workspace.isTrusted ? test.skip : test)('in Restricted Mode a lens refuses to run the model', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.runFromFile', file, 'quick')), /Restricted Mode/);
  });
});
