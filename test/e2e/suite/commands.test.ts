/** Runs in both the trusted and the Restricted Mode run: wiring that must hold either way. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { posthocExtension } from './config';

interface ContributedCommand {
  command: string;
}

suite('Posthoc: activation and commands', () => {
  test('activates without loading onnxruntime-node on the extension host', async () => {
    await posthocExtension().activate();
    assert.equal(posthocExtension().isActive, true);
    // The host thread must stay light: inference runs in worker threads with their own modules.
    const loaded = Object.keys(require.cache).filter((k) => k.includes('onnxruntime'));
    assert.deepEqual(loaded, []);
  });

  test('registers every posthoc.* command it contributes', async () => {
    await posthocExtension().activate();
    const contributed = (posthocExtension().packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('posthoc.')).sort();
    assert.ok(contributed.includes('posthoc.evaluateModel'));
    for (const id of contributed) assert.ok(registered.includes(id), `${id} is contributed but not registered`);
  });
});
