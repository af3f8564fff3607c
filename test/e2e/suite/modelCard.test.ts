/**
 * The `.onnx` custom editor, in both runs (it only reads files, so Restricted Mode shows it too):
 * opening a model gives the model card, a bad file gives a clear error, a big model does not
 * stall the extension host.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import * as vscode from 'vscode';
import { posthocExtension, workspaceRoot } from './config';
import { allTabs, modelCards, waitFor, type CardInfo } from './helpers';

async function openCard(file: string, ms = 20_000): Promise<CardInfo> {
  await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
  return waitFor(async () => (await modelCards()).find((c) => c.path === file && c.state !== 'loading'), ms, `the model card of ${path.basename(file)}`);
}

/** A valid ONNX model whose one initializer makes it `mb` megabytes. */
function bigModel(mb: number): Uint8Array {
  const n = Math.floor((mb * 1024 * 1024) / 4);
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'posthoc-e2e',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'big',
      node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
      initializer: [{ name: 'w', dims: [n], dataType: 1, rawData: new Uint8Array(n * 4) }],
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: n }] } } } }],
      output: [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: n }] } } } }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

suite('Posthoc: model card editor', () => {
  let tmp = '';
  suiteSetup(async () => {
    await posthocExtension().activate();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-card-'));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('opening model.onnx uses the posthoc.modelCard custom editor and shows the card', async () => {
    const file = path.join(workspaceRoot(), 'model.onnx');
    const info = await openCard(file);
    const tab = allTabs().find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath === file);
    assert.ok(tab, 'no custom editor tab for model.onnx');
    assert.ok((tab.input as vscode.TabInputCustom).viewType.endsWith('posthoc.modelCard'));
    assert.equal(info.state, 'card', info.summary);
    assert.match(info.summary, /inputs input; outputs probabilities/);
    assert.match(info.summary, /Gemm|MatMul/);
  });

  test('a file that is not ONNX shows the error on the page, without a crash', async () => {
    const bad = path.join(tmp, 'broken.onnx');
    fs.writeFileSync(bad, 'this is not a protobuf, just text pretending to be a model\n');
    const info = await openCard(bad);
    assert.equal(info.state, 'error');
    assert.match(info.summary, /not a valid ONNX model/);
    assert.ok((await vscode.commands.getCommands(true)).includes('posthoc.evaluateModel'), 'the host stopped answering');
  });

  test('a 120 MB model is read in a worker: the extension host keeps running meanwhile', async () => {
    const big = path.join(tmp, 'big.onnx');
    fs.writeFileSync(big, bigModel(120));
    let worstGap = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 20);
    try {
      const info = await openCard(big, 60_000);
      assert.equal(info.state, 'card', info.summary);
    } finally {
      clearInterval(timer);
    }
    assert.ok(worstGap < 1000, `the extension host stalled for ${worstGap} ms`);
  });
});
