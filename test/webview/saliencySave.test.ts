/**
 * The saliency page in headless Chromium: it draws a view the host sends, and "Save PNG" goes
 * through the shared request/reply helper: a valid `savePng` message with a fresh id, and the
 * host's reply (saved, cancelled or refused) in the status line. Skipped when /usr/bin/chromium is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { isSaliencyWebviewMessage } from '../../src/shared/saliencyProtocol';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: install Debian's chromium to run the browser test`;

/** A 4 × 4 view with two maps (one of them failed) for class 1. */
function view() {
  const w = 4;
  const h = 4;
  const heatmap = Array.from({ length: w * h }, (_, i) => i / (w * h));
  return {
    model: 'm.onnx', image: 'cat.png', width: w, height: h,
    rgb: new Uint8Array(w * h * 3).fill(120), classes: ['dog', 'cat'], probabilities: [0.2, 0.8], top: 1,
    cells: [
      { method: 'integrated-gradients', target: 1, heatmap: Float32Array.from(heatmap), sign: 'positive', ms: 12, sanity: [{ layers: 1, spearman: 0.123456 }, { layers: 2, spearman: -0.05 }] },
      { method: 'occlusion', target: 1, heatmap: new Float32Array(0), sign: 'positive', ms: 3, error: 'too small' },
    ],
  };
}

type Posted = { type: string; id?: number; name?: string; dataUrl?: string };

describe('saliency page: Save PNG and the numbers beside a map', { skip }, () => {
  let browser: Browser;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'posthoc-saliency-page-'));
    const out = await esbuild.build({ entryPoints: [join(ROOT, 'webview/saliency/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', write: false, legalComments: 'none' });
    writeFileSync(join(dir, 'saliency.js'), out.outputFiles[0].text);
    writeFileSync(join(dir, 'page.html'), '<!doctype html><html><body><main id="ph-saliency"></main><script src="saliency.js"></script></body></html>');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The page with a stand-in host: the first save is written, the second cancelled, the third refused. */
  async function page(): Promise<Page> {
    const p = await browser.newPage();
    await p.addInitScript(`
      window.posted = [];
      const answers = [{ ok: true, value: '/tmp/ig-cat.png' }, { ok: true, value: null }, { ok: false, error: 'The folder is read-only.' }];
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => {
          window.posted.push(m);
          if (m.type === 'savePng') setTimeout(() => window.postMessage({ type: 'reply', id: m.id, ...answers.shift() }, '*'), 20);
        },
        getState: () => undefined, setState: () => undefined,
      });`);
    await p.goto(pathToFileURL(join(dir, 'page.html')).href);
    await p.waitForFunction(() => (window as unknown as { posted: Posted[] }).posted.some((m) => m.type === 'ready'));
    // Typed arrays survive postMessage's structured clone, as they do from the extension host.
    await p.evaluate((v) => window.postMessage({ type: 'saliency', view: { ...v, rgb: new Uint8Array(v.rgb), cells: v.cells.map((c) => ({ ...c, heatmap: new Float32Array(c.heatmap) })) } }, '*'),
      JSON.parse(JSON.stringify(view(), (_k, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Float32Array) : x))) as ReturnType<typeof view>);
    await p.waitForFunction(() => (window as unknown as { posted: Posted[] }).posted.some((m) => m.type === 'rendered'));
    return p;
  }

  it('posts valid savePng requests with fresh ids and shows each reply', async () => {
    const p = await page();
    const save = p.locator('button', { hasText: 'Save PNG' });
    assert.equal(await save.count(), 1, 'one button: the failed map has none');
    const status = (text: string) => p.waitForFunction((t) => document.getElementById('ph-sal-status')?.textContent === t, text);
    await save.click();
    await status('Saved /tmp/ig-cat.png');
    await save.click();
    await status('Not saved.');
    await save.click();
    await status('The folder is read-only.');
    const posted = await p.evaluate(() => (window as unknown as { posted: Posted[] }).posted);
    const saves = posted.filter((m) => m.type === 'savePng');
    assert.deepEqual(saves.map((m) => [m.id, m.name]), [[1, 'integrated-gradients-cat'], [2, 'integrated-gradients-cat'], [3, 'integrated-gradients-cat']]);
    for (const m of posted) assert.ok(isSaliencyWebviewMessage(m), JSON.stringify(m).slice(0, 120));
    await p.close();
  });

  it('shows the model-randomisation check beside the map that has one', async () => {
    const p = await page();
    const lines = await p.locator('.ph-sal-sanity').allTextContents();
    assert.deepEqual(lines, ['Randomised model ρ 0.123 (1 layer), -0.05 (2 layers) (near 0: the map follows the model)']);
    await p.close();
  });
});
