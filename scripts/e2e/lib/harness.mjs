/**
 * What every code-server run shares (the integration suites in run.mjs, the UI tests in ui.mjs,
 * bench/editor.bench.mjs): paths, a throwaway workspace and user-data dir, starting code-server
 * in its own process group, launching Debian's Chromium, waiting, and killing it all reliably.
 * Every start function pushes its cleanup onto a caller-owned list, which the caller runs in
 * reverse order whatever happens (also from watchdogs and signal handlers).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CODE_SERVER = path.join(ROOT, '.e2e/code-server/node_modules/.bin/code-server');
export const CHROMIUM = process.env.POSTHOC_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Chromium as root in a container: no sandbox, no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** User settings every run wants: a quiet workbench without prompts, tips or update checks. */
export const BASE_SETTINGS = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.ignoreRecommendations': true, 'workbench.enableExperiments': false };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 250 ms until it returns truthy (resolving to that value) or `ms` pass. */
export async function waitUntil(probe, ms, what) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await probe();
    if (value) return value;
    await sleep(250);
  }
  throw new Error(`timed out after ${Math.round(ms / 1000)} s waiting for ${what}`);
}

export function freePort() {
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

/** Kills a detached process and everything in its process group, politely first. */
export async function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
  signal('SIGTERM');
  const exited = new Promise((r) => child.once('exit', r));
  if ((await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) === false) signal('SIGKILL');
}

/**
 * A temp folder with `workspace/` (a copy of examples/breast-cancer), `user-data/` holding
 * `settings` over {@link BASE_SETTINGS}, and an empty `extensions/`.
 */
export function makeSandbox(name, settings = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `posthoc-${name}-`));
  const ws = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'examples/breast-cancer'), ws, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  const extensions = path.join(tmp, 'extensions');
  fs.mkdirSync(extensions, { recursive: true });
  return { tmp, ws, userData, extensions };
}

/** Installs a VSIX into the sandbox's extensions dir; returns the installed extension folder. */
export function installVsix(sandbox, vsix) {
  const r = spawnSync(CODE_SERVER, ['--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, '--install-extension', vsix, '--force'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`installing ${path.basename(vsix)} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  const dir = fs.readdirSync(sandbox.extensions).find((d) => d.startsWith('posthoc.posthoc-'));
  if (!dir) throw new Error(`the VSIX installed, but no posthoc.posthoc-* folder is in ${sandbox.extensions}:\n${r.stdout}`);
  return path.join(sandbox.extensions, dir);
}

/** Starts code-server on a free port for the sandbox's workspace; resolves to its base URL once healthy. */
export async function startCodeServer(sandbox, cleanups) {
  const port = await freePort();
  const logFile = path.join(sandbox.tmp, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const server = spawn(CODE_SERVER, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, sandbox.ws], {
    detached: true, // own process group: the extension host and helpers die with it
    stdio: ['ignore', out, out],
    env: { ...process.env, HOME: process.env.HOME ?? sandbox.tmp },
  });
  cleanups.push(() => killGroup(server));
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(async () => {
    if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}); see ${logFile}`);
    return globalThis.fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  }, 30_000, 'code-server to listen');
  return { base, port, server };
}

/**
 * Launches headless Chromium and opens one page; console output, page errors and HTTP errors go
 * to `browser-console.log` in the sandbox. `viewport` e.g. { width: 1400, height: 900 }.
 */
export async function openBrowser(sandbox, cleanups, viewport) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
  cleanups.push(() => Promise.race([browser.close(), sleep(5000)]));
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(sandbox.tmp, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  page.on('response', (r) => r.status() >= 400 && consoleLog.write(`[http ${r.status()}] ${r.url()}\n`));
  return { browser, page };
}

/** Runs cleanups last-in first-out, each at most once, never throwing. */
export async function runCleanups(cleanups) {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch { /* keep cleaning */ }
  }
}
