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
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER, ROOT, makeSandbox, openBrowser, runCleanups, sleep, startCodeServer, waitUntil } from './lib/harness.mjs';

const TESTS_OUT = path.join(ROOT, 'out/e2e/suite');

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

/** Runs one suite; resolves to the results object written by the tests. */
async function runSuite(suite, cleanups) {
  const sandbox = makeSandbox(`e2e-${suite.name}`, suite.settings);
  const { tmp, ws } = sandbox;
  const resultsFile = path.join(tmp, 'results.json');
  fs.writeFileSync(path.join(ws, '.posthoc-e2e.json'), JSON.stringify({ resultsFile, suite: suite.name }));

  const { base, port, server } = await startCodeServer(sandbox, cleanups);
  const { page } = await openBrowser(sandbox, cleanups);

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
      await runCleanups(cleanups);
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
  await runCleanups(active.cleanups);
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
