/**
 * Saliency in the editor: `posthoc.saliency` computes a method × class grid in a worker with
 * the CLI's numbers, opens the saliency panel and the page draws every map; a picture is
 * decoded (sharp) from the dev folder; an evaluation's gallery image is explained with the
 * result's model and preprocessing; a panel is rebuilt from the state its page saved (the
 * window-reload path, driven through internal commands); Restricted Mode refuses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import type { SaliencyArgs, SaliencyCommandResult } from '../../../src/host/saliency/saliencyCommand';
import type { SaliencyPanelInfo } from '../../../src/host/saliency/saliencyPanel';
import { posthocExtension, runCli } from './config';
import { waitFor } from './helpers';

const fixture = (...p: string[]) => path.join(posthocExtension().extensionPath, 'test', 'fixtures', ...p);
const galleryArgs = async (result: EvaluationResult, index: number) => (await vscode.commands.executeCommand('posthoc._saliencyGalleryArgs', result, index)) as SaliencyArgs;
const panels = async () => (await vscode.commands.executeCommand('posthoc._saliencyPanels')) as SaliencyPanelInfo[];
/** What VS Code's serializer call does after a reload, with `state` as the page saved it. */
const restore = async (state: unknown) => (await vscode.commands.executeCommand('posthoc._saliencyRestore', state)) as boolean;

(vscode.workspace.isTrusted ? suite : suite.skip)('Posthoc: saliency (trusted workspace)', () => {
  let tmp = '';
  suiteSetup(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-saliency-'));
    await posthocExtension().activate();
  });
  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a method × class grid with the CLI numbers, drawn in the panel', async () => {
    const model = fixture('saliency', 'small_cnn.onnx');
    const image = fixture('saliency', 'cnn_input.npy');
    const r = (await vscode.commands.executeCommand('posthoc.saliency', { model, image, methods: ['integrated-gradients', 'occlusion'], targets: [2, 0], steps: 16 })) as SaliencyCommandResult;
    assert.deepEqual(r.cells.map((c) => [c.method, c.target, c.pixels, c.error]), [
      ['integrated-gradients', 2, 144, undefined], ['occlusion', 2, 144, undefined], ['integrated-gradients', 0, 144, undefined], ['occlusion', 0, 144, undefined],
    ]);
    assert.equal(r.top, 2);
    const out = path.join(tmp, 'ig.json');
    await runCli(['saliency', '--model', model, '--input', image, '--method', 'integrated-gradients', '--steps', '16', '--target', '2', '--quality', '--sanity', '1', '--npy', path.join(tmp, 'ig.npy'), '--json', out]);
    const cli = JSON.parse(fs.readFileSync(out, 'utf8')) as { completeness: { gap: number }; quality: { deletion: { auc: number }; insertion: { auc: number } }; sanity: { layers: number; spearman: number }[] };
    const ig = r.cells[0];
    // posthoc.saliency.sanityLayers defaults to 1: every map carries the one-layer randomisation check.
    assert.equal(ig.sanity?.length, 1);
    assert.ok(Math.abs(ig.sanity![0].spearman - cli.sanity[0].spearman) < 1e-9, `ρ ${ig.sanity![0].spearman} vs CLI ${cli.sanity[0].spearman}`);
    assert.ok(r.cells.every((c) => c.sanity?.length === 1));
    assert.ok(Math.abs(ig.completenessGap! - cli.completeness.gap) < 1e-9, `gap ${ig.completenessGap} vs CLI ${cli.completeness.gap}`);
    assert.ok(Math.abs(ig.deletionAuc! - cli.quality.deletion.auc) < 1e-9);
    assert.ok(Math.abs(ig.insertionAuc! - cli.quality.insertion.auc) < 1e-9);
    const info = await waitFor(async () => (await panels()).find((p) => p.image === 'cnn_input.npy' && p.ready && p.rendered?.maps === 4), 20_000, 'the saliency panel to draw four maps');
    assert.equal(info.title, 'Saliency: cnn_input.npy');
    assert.equal(info.rendered!.coloured, 4, 'every map coloured some pixels');
    assert.equal(info.rendered!.clip, 98);
    assert.deepEqual(info.webviewErrors, []);
    assert.deepEqual(info.mapErrors, []);
  });

  test('after a reload the panel is rebuilt from the state its page saved; a bad state closes it', async () => {
    // Through JSON, as VS Code stores webview state; the first test left this panel open.
    const state = JSON.parse(JSON.stringify(await vscode.commands.executeCommand('posthoc._saliencyState', 'cnn_input.npy'))) as { view: { width: number } };
    const before = (await panels()).length;
    assert.equal(await restore(state), true);
    const info = await waitFor(async () => (await panels()).find((p) => p.restored && p.ready && p.rendered?.maps === 4), 20_000, 'the restored panel to draw four maps');
    assert.equal(info.title, 'Saliency: cnn_input.npy');
    assert.equal(info.rendered!.coloured, 4, 'every restored map coloured some pixels');
    assert.deepEqual(info.webviewErrors, []);
    assert.equal(await restore({ ...state, view: { ...state.view, width: state.view.width + 1 } }), false, 'maps that do not match the dims are refused');
    assert.equal(await restore({ ...state, extra: true }), false);
    assert.equal((await panels()).length, before + 1, 'refused states leave no panel behind');
  });

  test('a picture is decoded and preprocessed like the CLI does', async () => {
    const r = (await vscode.commands.executeCommand('posthoc.saliency', {
      model: fixture('saliency', 'small_cnn.onnx'), image: fixture('images', 'rgb', 'img0.png'), preprocess: { scale: 1 / 255 }, methods: ['gradient'], quality: false,
    })) as SaliencyCommandResult;
    assert.equal(r.cells.length, 1);
    assert.equal(r.cells[0].error, undefined);
    assert.equal(r.cells[0].pixels, 144);
    await waitFor(async () => (await panels()).find((p) => p.image === 'img0.png' && p.rendered?.maps === 1), 20_000, 'the picture panel');
  });

  test("a gallery image of an image evaluation is explained with the result's model and preprocessing", async () => {
    const result = (await vscode.commands.executeCommand('posthoc.evaluateModel', {
      model: fixture('images', 'fashion', 'fashion.onnx'), data: fixture('images', 'fashion', 'images.csv'), label: 'label', showReport: false,
    })) as EvaluationResult;
    assert.equal(result.images?.dataset_kind, 'listing');
    const args = await galleryArgs(result, 0);
    // Thumbnail 0 is the most confident mistake (or the first sample); listing paths are relative to the listing.
    const first = result.images!.gallery.mistakes[0]?.image ?? Object.values(result.images!.gallery.samples)[0][0].image;
    assert.equal(args.image, path.join(fixture('images', 'fashion'), first));
    assert.deepEqual(args.preprocess, result.images!.preprocess);
    const r = (await vscode.commands.executeCommand('posthoc.saliency', { ...args, interactive: false, methods: ['occlusion'], quality: false })) as SaliencyCommandResult;
    assert.equal(r.cells[0].error, undefined);
    assert.equal(r.cells[0].pixels, result.images!.preprocess.width * result.images!.preprocess.height);
    await assert.rejects(Promise.resolve(galleryArgs(result, 10_000)), /no gallery image number/);
  });

  test('an image folder evaluates without a label column, decoded by as many workers as the setting says', async () => {
    const config = vscode.workspace.getConfiguration('posthoc');
    await config.update('evaluate.decodeWorkers', 2, vscode.ConfigurationTarget.Global);
    try {
      const folder = fixture('images', 'fashion', 'folder');
      const result = (await vscode.commands.executeCommand('posthoc.evaluateModel', { model: fixture('images', 'fashion', 'fashion.onnx'), data: folder, showReport: false })) as EvaluationResult;
      assert.equal(result.images?.dataset_kind, 'folder');
      assert.equal(result.images?.decode_workers, 2);
      const out = path.join(tmp, 'folder.json');
      await runCli(['evaluate', '--model', fixture('images', 'fashion', 'fashion.onnx'), '--data', folder, '--json', out]);
      const cli = JSON.parse(fs.readFileSync(out, 'utf8')) as EvaluationResult;
      assert.deepEqual(result.metrics, cli.metrics);
    } finally {
      await config.update('evaluate.decodeWorkers', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

(vscode.workspace.isTrusted ? suite.skip : suite)('Posthoc: saliency (Restricted Mode)', () => {
  test('posthoc.saliency is refused before any picker', async () => {
    await posthocExtension().activate();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('posthoc.saliency', { model: 'x.onnx', image: 'x.png' })),
      (err: Error) => /Restricted Mode/.test(err.message),
    );
  });

  test('an unreadable saved state closes the restored panel', async () => {
    await posthocExtension().activate();
    assert.equal(await restore({ version: 1, settings: { opacity: 0.6, sign: 'auto', clip: 98, colormap: 'inferno' } }), false);
    assert.deepEqual(await panels(), []);
  });
});
