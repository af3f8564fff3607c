/**
 * Opens exported HTML reports in headless Chromium: every chart must render as SVG, with no
 * page errors, console errors or CSP violations. Skipped when /usr/bin/chromium is absent.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { chartsFor } from '../../../src/core/charts';
import { buildReport, renderHtml, webviewShellHtml } from '../../../src/core/report';
import { isWebviewMessage } from '../../../src/shared/protocol';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import { binaryResult, multiclassResult, regressionResult } from '../../fixtures/report/results';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..', '..');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: install Debian's chromium to run the browser test`;

describe('HTML report in Chromium', { skip }, () => {
  let browser: Browser;
  let dir: string;
  let script: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'posthoc-report-'));
    // Bundle the webview the same way scripts/build.mjs does, in memory.
    const out = await esbuild.build({
      entryPoints: [join(ROOT, 'webview/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', write: false, minify: true, legalComments: 'none',
    });
    script = out.outputFiles[0].text;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, result: EvaluationResult, colorScheme: 'light' | 'dark') {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, renderHtml(buildReport(result), { webviewScript: script, css: readFileSync(join(ROOT, 'media/report.css'), 'utf8') }));
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 }, colorScheme });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request: ${r.url()}`); });
    await page.goto(pathToFileURL(file).href);
    const expected = chartsFor(result).length;
    await page.waitForFunction((n) => document.querySelectorAll('.ph-chart-view svg.marks').length >= n, expected, { timeout: 20_000 });
    return { page, problems, expected };
  }

  for (const [name, make] of [['binary', binaryResult], ['multiclass', multiclassResult], ['regression', regressionResult]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${name} (${scheme}): every chart renders, no errors`, async () => {
        const { page, problems, expected } = await open(`${name}-${scheme}`, make(), scheme);
        assert.equal(await page.locator('.ph-chart-view svg.marks').count(), expected);
        // Marks were drawn, not just empty frames.
        assert.ok(await page.locator('.ph-chart-view svg.marks path, .ph-chart-view svg.marks text').count() > expected * 5);
        // The XSS probe in the fixture stays text.
        assert.equal(await page.locator('img').count(), 0);
        assert.deepEqual(problems, []);
        await page.close();
      });
    }
  }

  it('the Table toggle shows the chart data', async () => {
    const { page } = await open('toggle', binaryResult(), 'light');
    const figure = page.locator('figure[data-chart-id="roc"]');
    assert.equal(await figure.locator('.ph-chart-table').isVisible(), false);
    await figure.locator('button[data-action="table"]').click();
    assert.equal(await figure.locator('.ph-chart-table table').isVisible(), true);
    assert.equal(await figure.locator('button[data-action="table"]').getAttribute('aria-pressed'), 'true');
    await page.close();
  });

  it('in a VS Code-like webview: ready handshake, report message, exports, theme redraw', async () => {
    writeFileSync(join(dir, 'webview.js'), script);
    const shell = webviewShellHtml({
      nonce: 'testnonce', cspSource: 'file:',
      scriptUri: pathToFileURL(join(dir, 'webview.js')).href, styleUri: pathToFileURL(join(ROOT, 'media/report.css')).href,
    });
    const file = join(dir, 'shell.html');
    writeFileSync(file, shell.replace('<body>', '<body class="vscode-dark">'));
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    // A stand-in for VS Code's API: records posted messages, answers requests like a host would.
    // (A string, not a function: tsx would wrap a function with helpers the page does not have.)
    await page.addInitScript(`
      window.posted = [];
      let state;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => {
          window.posted.push(m);
          if (m.id !== undefined) setTimeout(() => window.postMessage({ type: 'reply', id: m.id, ok: true, value: 'saved ' + m.type }, '*'), 0);
        },
        getState: () => state,
        setState: (s) => { state = s; },
      });`);
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    const report = buildReport(binaryResult());
    await page.evaluate((r) => window.postMessage({ type: 'report', report: r }, '*'), JSON.parse(JSON.stringify(report)));
    await page.waitForFunction(() => document.querySelectorAll('.ph-chart-view svg.marks').length === 6);
    assert.equal(await page.locator('.ph-toolbar').isVisible(), true);

    await page.locator('button[data-export="md"]').click();
    await page.locator('figure[data-chart-id="roc"] button[data-action="png"]').click();
    await page.locator('figure[data-chart-id="pr"] button[data-action="svg"]').click();
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.filter((m) => m.type === 'exportChart').length === 2);
    const posted = await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
    for (const m of posted) assert.ok(isWebviewMessage(m), `valid message: ${JSON.stringify(m).slice(0, 120)}`);
    assert.deepEqual(posted.map((m) => (m as { type: string; format?: string }).format ?? (m as { type: string }).type), ['ready', 'md', 'png', 'svg']);
    await page.waitForFunction(() => document.querySelector('.ph-status')?.textContent?.startsWith('saved'));

    // Switching theme swaps the body class; the charts redraw with the new foreground.
    const before = await page.locator('figure[data-chart-id="roc"] svg .role-axis-title text').first().getAttribute('fill');
    await page.evaluate(() => { document.body.className = 'vscode-light'; });
    await page.waitForFunction((old) => document.querySelector('figure[data-chart-id="roc"] svg .role-axis-title text')?.getAttribute('fill') !== old, before);
    // Another theme of the same kind: only the CSS variables on <html> change.
    await page.evaluate(() => document.documentElement.style.setProperty('--vscode-editor-foreground', '#ff0000'));
    await page.waitForFunction(() => document.querySelector('figure[data-chart-id="roc"] svg .role-axis-title text')?.getAttribute('fill') === '#ff0000');
    assert.equal(await page.locator('.ph-chart-view svg.marks').count(), 6);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

