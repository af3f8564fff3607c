/** The "Get started" walkthrough: contributed with its media, and its example command is safe. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { posthocExtension } from './config';

interface Step {
  id: string;
  media: { markdown?: string };
}

suite('Posthoc: walkthrough', () => {
  suiteSetup(() => posthocExtension().activate());
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the walkthrough is contributed, and its markdown ships with the extension', () => {
    const walkthroughs = posthocExtension().packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.equal(walkthroughs[0].id, 'posthoc.getStarted');
    assert.deepEqual(walkthroughs[0].steps.map((s) => s.id), ['openExample', 'evaluate', 'readReport', 'cli']);
    for (const s of walkthroughs[0].steps) {
      assert.ok(s.media.markdown && fs.existsSync(path.join(posthocExtension().extensionPath, s.media.markdown)), `${s.id}: missing ${s.media.markdown}`);
    }
  });

  test('openExample copies the example into a folder and never overwrites a file there', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-example-'));
    try {
      const target = path.join(tmp, 'breast-cancer');
      fs.mkdirSync(target);
      fs.writeFileSync(path.join(target, 'test.csv'), 'mine\n');
      const opened = (await vscode.commands.executeCommand('posthoc.openExample', { folder: tmp })) as vscode.Uri;
      assert.equal(opened.fsPath, target);
      assert.ok(fs.statSync(path.join(target, 'model.onnx')).size > 0);
      assert.equal(fs.readFileSync(path.join(target, 'test.csv'), 'utf8'), 'mine\n');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
