/** Restricted Mode: the extension loads, but refuses to run a model and says why. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { posthocExtension } from './config';

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
});
