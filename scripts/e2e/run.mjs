#!/usr/bin/env node
/**
 * End-to-end tests in a real VS Code workbench, offline: builds the extension, then for each
 * suite starts code-server (fresh user-data and extensions dirs, workspace = a temp copy of
 * examples/breast-cancer), drives Debian's Chromium with playwright-core to a URL that runs the
 * extension tests (test/e2e/suite/index.ts) in the real extension host, waits for the results
 * file, prints a summary and exits non-zero on any failure or timeout.
 *
 * usage: node scripts/e2e/run.mjs [--suite trusted|restricted] [--timeout SECONDS] [--skip-build] [--build-only] [--keep]
 * Logs (code-server, browser console, results.json) stay in a temp folder when a suite fails, or with --keep.
 * Needs scripts/e2e/install.sh to have run once.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER = path.join(ROOT, '.e2e/code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.POSTHOC_E2E_CHROMIUM ?? '/usr/bin/chromium';
const TESTS_OUT = path.join(ROOT, 'out/e2e/suite');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const timeoutMs = Number(option('--timeout', '180')) * 1000;
const only = option('--suite', undefined);

/** The two runs: trust off in user settings (so the folder is trusted), and trust on (Restricted Mode). */
const SUITES = [
  { name: 'trusted', settings: { 'security.workspace.trust.enabled': false } },
  { name: 'restricted', settings: { 'security.workspace.trust.enabled': true } },
].filter((s) => !only || s.name === only);

const log = (msg) => console.log(`e2e: ${msg}`);

/** Builds the extension bundles and the test files (vscode and mocha stay external). */
async function build() {
  if (flag('--skip-build')) log('--skip-build: using the existing dist/');
  const r = flag('--skip-build') ? { status: 0 } : spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`build failed (${r.error?.message ?? `exit ${r.status}`})`);
  const esbuild = await import('esbuild');
  const dir = path.join(ROOT, 'test/e2e/suite');
  const entryPoints = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
  fs.rmSync(TESTS_OUT, { recursive: true, force: true });
  await esbuild.build({ entryPoints, outdir: TESTS_OUT, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning' });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(probe, ms, what) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await probe()) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${Math.round(ms / 1000)} s waiting for ${what}`);
}

/** Kills a detached process and everything in its process group, politely first. */
async function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
  signal('SIGTERM');
  const exited = new Promise((r) => child.once('exit', r));
  if ((await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) === false) signal('SIGKILL');
}

/** Runs one suite; resolves to the results object written by the tests. */
async function runSuite(suite, cleanups) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `posthoc-e2e-${suite.name}-`));
  const ws = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'examples/breast-cancer'), ws, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.ignoreRecommendations': true, 'workbench.enableExperiments': false, ...suite.settings };
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  const resultsFile = path.join(tmp, 'results.json');
  fs.writeFileSync(path.join(ws, '.posthoc-e2e.json'), JSON.stringify({ resultsFile, suite: suite.name }));

  const port = await freePort();
  const csLog = fs.openSync(path.join(tmp, 'code-server.log'), 'w');
  const server = spawn(CODE_SERVER, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions'), ws], {
    detached: true, // own process group: the extension host and helpers die with it
    stdio: ['ignore', csLog, csLog],
    env: { ...process.env, HOME: process.env.HOME ?? tmp },
  });
  cleanups.push(() => killGroup(server));
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(async () => {
    if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}); see ${tmp}/code-server.log`);
    return globalThis.fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  }, 30_000, 'code-server to listen');

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
  cleanups.push(() => Promise.race([browser.close(), sleep(5000)]));
  const page = await browser.newPage();
  const consoleLog = fs.createWriteStream(path.join(tmp, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  page.on('response', (r) => r.status() >= 400 && consoleLog.write(`[http ${r.status()}] ${r.url()}\n`));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(path.join(TESTS_OUT, 'index.js'))]];
  await page.goto(`${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });

  await waitUntil(() => {
    if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}); see ${tmp}`);
    return fs.existsSync(resultsFile);
  }, timeoutMs, `the ${suite.name} suite's results (logs in ${tmp})`);
  await sleep(200); // the file is written in one call; give the writer a moment to close it
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  results.logs = tmp;
  return results;
}

async function main() {
  const started = Date.now();
  if (!fs.existsSync(CODE_SERVER)) throw new Error('code-server is not installed: run scripts/e2e/install.sh first');
  log('building');
  await build();
  if (flag('--build-only')) return 0;
  let passed = 0;
  let failed = 0;
  for (const suite of SUITES) {
    const cleanups = (active.cleanups = []);
    const t0 = Date.now();
    try {
      log(`suite ${suite.name}: starting`);
      const r = await runSuite(suite, cleanups);
      for (const t of r.tests) {
        console.log(`  ${t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'skip' : 'FAIL'} ${t.title}${t.durationMs ? ` (${t.durationMs} ms)` : ''}`);
        if (t.error) console.log(t.error.replace(/^/gm, '       '));
      }
      if (r.fatal) console.log(`  FATAL ${r.fatal}`);
      passed += r.passed;
      failed += r.failed;
      if (r.passed + r.failed === 0) failed += 1; // an empty run is a broken run
      const keepLogs = r.failed > 0 || flag('--keep');
      log(`suite ${suite.name}: ${r.passed} passed, ${r.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s${keepLogs ? ` (logs: ${r.logs})` : ''}`);
      // unshift: runs last, after code-server and Chromium are gone.
      if (!keepLogs) cleanups.unshift(() => fs.rmSync(r.logs, { recursive: true, force: true }));
    } catch (error) {
      failed += 1;
      console.log(`  FAIL suite ${suite.name}: ${error.message}`);
    } finally {
      for (const c of cleanups.reverse()) await c();
    }
  }
  log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** Cleanups of the suite in progress, for the watchdog and signal handlers. */
const active = { cleanups: [] };
async function abortRun(reason, code) {
  console.log(`e2e: ${reason}`);
  for (const c of active.cleanups.reverse()) await c();
  console.log('e2e: 0 passed, 1 failed');
  process.exit(code);
}
// A hard stop in case something hangs outside the per-step timeouts (the build included).
setTimeout(() => abortRun('watchdog fired, giving up', 2), (timeoutMs + 120_000) * Math.max(1, SUITES.length) + 300_000).unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => abortRun(`interrupted (${sig})`, 130));

main().then(
  (code) => process.exit(code),
  (error) => {
    console.log(`e2e: ${error.stack ?? error}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
