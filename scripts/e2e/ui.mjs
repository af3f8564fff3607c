#!/usr/bin/env node
/**
 * UI tests driven like a user, against what users install: packages the VSIX (scripts/package.mjs),
 * installs it into a fresh code-server extensions dir, opens a temp copy of examples/breast-cancer
 * (Workspace Trust off in user settings) in headless Chromium at 1400×900, and runs each
 * test/e2e/ui/*.test.mjs with Playwright: clicks, context menus, quick picks, webview content.
 * Screenshots go to test-results/ui/; the report shot is copied to docs/screenshots/report.png.
 *
 * usage: node scripts/e2e/ui.mjs [--vsix FILE | --skip-package] [--only NAME] [--timeout SECONDS] [--keep]
 * Prints `e2e-ui: N passed, M failed` last; exits non-zero on any failure or timeout, and always
 * kills code-server and Chromium. Needs scripts/e2e/install.sh to have run once.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER, ROOT, installVsix, makeSandbox, openBrowser, runCleanups, startCodeServer } from './lib/harness.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const timeoutMs = Number(option('--timeout', '240')) * 1000;
const TEST_DIR = path.join(ROOT, 'test/e2e/ui');
const ARTIFACTS = path.join(ROOT, 'test-results/ui');
const DOCS_SHOT = path.join(ROOT, 'docs/screenshots/report.png');
const MAX_DOCS_SHOT = 400 * 1024;
const PER_TEST_MS = 90_000;

const log = (msg) => console.log(`e2e-ui: ${msg}`);
const cleanups = [];
let finished = false;

/** The VSIX to test: given, already built, or packaged now. */
function vsixPath() {
  if (option('--vsix')) return path.resolve(option('--vsix'));
  const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const built = path.join(ROOT, 'out', `${name}-${version}-linux-x64.vsix`);
  if (!flag('--skip-package')) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs'), '--out', built], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`packaging failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run npm run package`);
  return built;
}

/** The packaged CLI's result for the inputs the tests use: the numbers the UI must show. */
function cliResult(extDir, sandbox) {
  const out = path.join(sandbox.tmp, 'cli.json');
  const args = ['evaluate', '--model', path.join(sandbox.ws, 'model.onnx'), '--data', path.join(sandbox.ws, 'test.csv'), '--label', 'target', '--json', out];
  const r = spawnSync(process.execPath, [path.join(extDir, 'bin/posthoc.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`the packaged CLI failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

async function loadTests() {
  const only = option('--only');
  const files = fs.readdirSync(TEST_DIR).filter((f) => f.endsWith('.test.mjs') && (!only || f.includes(only))).sort();
  return Promise.all(files.map(async (f) => ({ file: f, ...(await import(pathToFileURL(path.join(TEST_DIR, f)).href)).default })));
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

async function main() {
  if (!fs.existsSync(CODE_SERVER)) throw new Error('code-server is not installed: run scripts/e2e/install.sh first');
  const vsix = vsixPath(); // packaging has its own time limit (spawnSync timeout)
  // A hard stop for the UI part: whatever hangs, code-server and Chromium get killed.
  setTimeout(() => {
    log(`watchdog: no result after ${timeoutMs / 1000} s, giving up`);
    void finish(0, 1, 2);
  }, timeoutMs).unref();
  const sandbox = makeSandbox('ui', { 'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false, 'update.mode': 'none' });
  log(`installing ${path.relative(ROOT, vsix)} (logs in ${sandbox.tmp})`);
  const extDir = installVsix(sandbox, vsix);
  const manifest = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
  const cli = cliResult(extDir, sandbox);
  log(`CLI accuracy ${cli.metrics.accuracy} on ${cli.n_rows} rows`);

  const tests = await loadTests();
  // Some tests shape the workspace before the workbench opens it (e.g. a posthoc.json).
  for (const test of tests) if (!test.skip?.({ manifest })) await test.setup?.(sandbox);
  const { base } = await startCodeServer(sandbox, cleanups);
  const { page } = await openBrowser(sandbox, cleanups, { width: 1400, height: 900 });
  fs.rmSync(ARTIFACTS, { recursive: true, force: true }); // no stale pictures from an earlier run
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const screenshot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  await page.goto(`${base}/?folder=${encodeURIComponent(sandbox.ws)}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  const { Workbench } = await import(pathToFileURL(path.join(TEST_DIR, 'workbench.mjs')).href);
  const wb = new Workbench(page);
  await wb.ready();
  const ctx = { page, wb, cli, manifest, sandbox, extDir, screenshot };

  let passed = 0;
  let failed = 0;
  for (const test of tests) {
    const skip = test.skip?.(ctx);
    if (skip) {
      console.log(`  skip ${test.title} (${skip})`);
      continue;
    }
    const t0 = Date.now();
    try {
      await withTimeout(test.run(ctx), PER_TEST_MS, test.title);
      passed += 1;
      console.log(`  ok   ${test.title} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`  FAIL ${test.title}\n${String(error.stack ?? error).replace(/^/gm, '       ')}`);
      await screenshot(`${test.file.replace(/\.test\.mjs$/, '')}-failed`).catch(() => undefined);
    }
    await wb.closeAllEditors().catch(() => undefined);
  }
  if (failed === 0) publishScreenshot();
  if (failed > 0 || flag('--keep')) log(`logs kept in ${sandbox.tmp}`);
  else cleanups.unshift(() => fs.rmSync(sandbox.tmp, { recursive: true, force: true }));
  return { passed, failed };
}

/** Copies the report screenshot for the README (charts view if made), if small enough. */
function publishScreenshot() {
  const shot = ['report-charts.png', 'report.png'].map((f) => path.join(ARTIFACTS, f)).find((f) => fs.existsSync(f));
  if (!shot) return;
  const bytes = fs.statSync(shot).size;
  if (bytes >= MAX_DOCS_SHOT) return log(`${path.basename(shot)} is ${Math.round(bytes / 1024)} KB, over ${MAX_DOCS_SHOT / 1024} KB: not copied to docs/`);
  fs.mkdirSync(path.dirname(DOCS_SHOT), { recursive: true });
  fs.copyFileSync(shot, DOCS_SHOT);
  log(`screenshot ${path.relative(ROOT, DOCS_SHOT)} (${Math.round(bytes / 1024)} KB)`);
}

async function finish(passed, failed, code) {
  if (finished) return;
  finished = true;
  await runCleanups(cleanups);
  console.log(`e2e-ui: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void finish(0, 1, 130));

const started = Date.now();
main().then(
  ({ passed, failed }) => {
    log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return finish(passed, failed, failed === 0 && passed > 0 ? 0 : 1);
  },
  (error) => {
    console.log(`e2e-ui: ${error.stack ?? error}`);
    return finish(0, 1, 1);
  },
);
