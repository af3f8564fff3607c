/**
 * Anchors as a saliency method in the editor: `posthoc.saliency` with `methods: ['anchors']`
 * computes the anchor map in the worker with the CLI's numbers (same seed, same superpixels,
 * same deletion/insertion AUCs) and the panel draws it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SaliencyCommandResult } from '../../../src/host/saliency/saliencyCommand';
import type { SaliencyPanelInfo } from '../../../src/host/saliency/saliencyPanel';
import { posthocExtension, runCli } from './config';
import { waitFor } from './helpers';

const fixture = (...p: string[]) => path.join(posthocExtension().extensionPath, 'test', 'fixtures', ...p);
const panels = async () => (await vscode.commands.executeCommand('posthoc._saliencyPanels')) as SaliencyPanelInfo[];

(vscode.workspace.isTrusted ? suite : suite.skip)('Posthoc: image anchors (trusted workspace)', () => {
  let tmp = '';
  suiteSetup(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-anchors-'));
    await posthocExtension().activate();
  });
  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('the anchor of a Fashion-MNIST shirt, with the CLI numbers, drawn in the panel', async () => {
    const model = fixture('images', 'fashion', 'fashion.onnx');
    const image = fixture('images', 'fashion', 'folder', 'shirt', 'shirt_5.png');
    const r = (await vscode.commands.executeCommand('posthoc.saliency', { model, image, methods: ['anchors'], seed: 0 })) as SaliencyCommandResult;
    assert.equal(r.cells.length, 1);
    const cell = r.cells[0];
    assert.equal(cell.error, undefined);
    assert.equal(cell.method, 'anchors');
    assert.equal(cell.pixels, 28 * 28);
    const json = path.join(tmp, 'anchors.json');
    const npy = path.join(tmp, 'anchors.npy');
    await runCli(['saliency', '--model', model, '--input', image, '--method', 'anchors', '--seed', '0', '--quality', '--npy', npy, '--json', json]);
    const cli = JSON.parse(fs.readFileSync(json, 'utf8')) as { target: number; details: Record<string, string | number>; quality: { deletion: { auc: number }; insertion: { auc: number } } };
    assert.equal(cell.target, cli.target);
    assert.equal(cli.details.anchor_found, 'true');
    assert.ok(Number(cli.details.anchor_size) >= 1, 'this shirt needs part of the image kept');
    // The curves rank pixels by the map, so equal AUCs mean the same anchor.
    assert.ok(Math.abs(cell.deletionAuc! - cli.quality.deletion.auc) < 1e-9, `deletion AUC ${cell.deletionAuc} vs CLI ${cli.quality.deletion.auc}`);
    assert.ok(Math.abs(cell.insertionAuc! - cli.quality.insertion.auc) < 1e-9);
    const info = await waitFor(async () => (await panels()).find((p) => p.image === 'shirt_5.png' && p.ready && p.rendered?.maps === 1), 20_000, 'the saliency panel to draw the anchor');
    assert.equal(info.rendered!.coloured, 1, 'the anchor coloured its superpixels');
    assert.deepEqual(info.webviewErrors, []);
    assert.deepEqual(info.mapErrors, []);
  });
});
