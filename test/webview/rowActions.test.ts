/**
 * The webview's Explain buttons in headless Chromium: one per listed row, a valid `explainRow`
 * message on click, the host's answer in the status line (including a Restricted Mode refusal),
 * and no buttons in an exported file or for image results. Skipped when /usr/bin/chromium is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { EvaluationResult } from '../../src/core/evaluate/types';
import { buildReport, renderHtml, webviewShellHtml } from '../../src/core/report';
import { isWebviewMessage } from '../../src/shared/protocol';
import { binaryResult } from '../fixtures/report/results';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: install Debian's chromium to run the browser test`;

function result(): EvaluationResult {
  return {
    ...binaryResult(),
    rows_to_inspect: {
      kind: 'confident_mistakes', limit: 10, n_mistakes: 2,
      rows: [{ row: 41, true: 'stayed', predicted: 'churned', confidence: 0.97, true_confidence: 0.03 }, { row: 5, true: 'churned', predicted: 'stayed', confidence: 0.8, true_confidence: 0.2 }],
    },
  };
}

describe('Explain buttons on the rows to inspect', { skip }, () => {
  let browser: Browser;
  let dir: string;
  let script: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'posthoc-rowactions-'));
    const out = await esbuild.build({ entryPoints: [join(ROOT, 'webview/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', write: false, legalComments: 'none' });
    script = out.outputFiles[0].text;
    writeFileSync(join(dir, 'webview.js'), script);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A VS Code-like webview whose stand-in host answers explainRow: ok for row 41, a refusal otherwise. */
  async function webview(r: EvaluationResult): Promise<Page> {
    const shell = webviewShellHtml({ nonce: 'n0nce', cspSource: 'file:', scriptUri: pathToFileURL(join(dir, 'webview.js')).href, styleUri: pathToFileURL(join(ROOT, 'media/report.css')).href });
    writeFileSync(join(dir, 'shell.html'), shell);
    const page = await browser.newPage();
    await page.addInitScript(`
      window.posted = [];
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => {
          window.posted.push(m);
          if (m.type === 'explainRow') setTimeout(() => window.postMessage(m.row === 41
            ? { type: 'reply', id: m.id, ok: true, value: m.row }
            : { type: 'reply', id: m.id, ok: false, error: 'Posthoc does not run models in Restricted Mode.' }, '*'), 50);
        },
        getState: () => undefined, setState: () => undefined,
      });`);
    await page.goto(pathToFileURL(join(dir, 'shell.html')).href);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    await page.evaluate(([report, res]) => window.postMessage({ type: 'report', report, result: res }, '*'), JSON.parse(JSON.stringify([buildReport(r), r])) as unknown[]);
    return page;
  }

  it('one button per listed row; a click posts a valid explainRow and shows the host\'s answer', async () => {
    const page = await webview(result());
    const buttons = page.locator('#section-rows-to-inspect button.ph-explain-row');
    await buttons.first().waitFor();
    assert.deepEqual(await buttons.evaluateAll((bs) => bs.map((b) => [(b as HTMLElement).dataset.explainRow, b.getAttribute('aria-label')])), [['41', 'Explain row 41'], ['5', 'Explain row 5']]);
    assert.equal(await page.locator('#section-rows-to-inspect thead th').last().textContent(), 'Explain');
    await buttons.first().click();
    await page.waitForFunction(() => document.querySelector('.ph-status')?.textContent?.startsWith('Opened the explanation of row 41'));
    await buttons.nth(1).click();
    await page.waitForFunction(() => document.querySelector('.ph-status')?.textContent?.includes('Restricted Mode'));
    assert.equal(await page.locator('.ph-status').textContent(), 'Row 5 was not explained: Posthoc does not run models in Restricted Mode.');
    const sent = (await page.evaluate(() => (window as unknown as { posted: { type: string }[] }).posted)).filter((m) => m.type === 'explainRow');
    assert.deepEqual(sent.map((m) => (m as unknown as { row: number }).row), [41, 5]);
    for (const m of sent) assert.ok(isWebviewMessage(m), JSON.stringify(m));
    await page.close();
  });

  it('no buttons for image results, nor in an exported HTML file', async () => {
    const image = { ...result(), images: {} as EvaluationResult['images'] };
    const page = await webview(image);
    await page.locator('#section-rows-to-inspect table').waitFor();
    assert.equal(await page.locator('button.ph-explain-row').count(), 0);
    await page.close();

    const file = join(dir, 'export.html');
    writeFileSync(file, renderHtml(buildReport(result()), { webviewScript: script, css: readFileSync(join(ROOT, 'media/report.css'), 'utf8') }));
    const exported = await browser.newPage();
    await exported.goto(pathToFileURL(file).href);
    await exported.locator('#section-rows-to-inspect table').waitFor();
    assert.equal(await exported.locator('button.ph-explain-row').count(), 0);
    await exported.close();
  });
});
