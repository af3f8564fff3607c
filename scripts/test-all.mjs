// `npm test`: build, type check, lint, unit and CLI tests, then the end-to-end suites in a real
// VS Code (code-server) driven by Chromium: integration suites inside the extension host, and UI
// tests that click through the packaged VSIX. `npm test -- --fast` stops after the unit tests.
// Ends with one line "tests: N passed, M failed" counting every suite.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const fast = process.argv.includes('--fast');
let passed = 0;
let failed = 0;
const failures = [];

function run(name, cmd, args, { parse } = {}) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => {
      const counts = parse ? parse(out) : undefined;
      if (counts) {
        passed += counts.passed;
        failed += counts.failed;
      } else if (code === 0) {
        passed += 1;
      } else {
        failed += 1;
      }
      if (code !== 0) failures.push(`${name} (exit ${code})`);
      resolve(code);
    });
  });
}

// node's test runner ends its output with "# pass N" / "# fail N" (TAP) or "ℹ pass N" (spec).
function nodeTestCounts(out) {
  const pass = [...out.matchAll(/^(?:#|ℹ) pass (\d+)/gm)].pop();
  const fail = [...out.matchAll(/^(?:#|ℹ) fail (\d+)/gm)].pop();
  if (!pass || !fail) return undefined;
  return { passed: Number(pass[1]), failed: Number(fail[1]) };
}

/** The closing line of an e2e runner, e.g. "e2e: 15 passed, 0 failed". */
function e2eCounts(prefix) {
  return (out) => {
    const m = [...out.matchAll(new RegExp(`^${prefix}: (\\d+) passed, (\\d+) failed`, 'gm'))].pop();
    return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
  };
}

/** Unit and CLI test files: every *.test.ts under test/ except the e2e suites (they run inside VS Code). */
function unitTestFiles(dir = 'test') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === path.join('test', 'e2e') ? [] : unitTestFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const npx = 'npx';
if (!existsSync('node_modules/.package-lock.json')) await run('install', 'npm', ['ci']);
// Debian's NumPy, SciPy, onnx and Optuna serve as independent references in some unit tests.
await run('reference tools', 'bash', ['scripts/install-reference-tools.sh']);
// Chromium and code-server come first: a browser test of the webview runs with the unit tests.
if (!fast && (!existsSync('.e2e/code-server/node_modules/.bin/code-server') || !existsSync('/usr/bin/chromium'))) {
  await run('e2e install', 'bash', ['scripts/e2e/install.sh']);
}
await run('build', 'node', ['scripts/build.mjs']);
await run('typecheck', npx, ['tsc', '--noEmit', '-p', '.']);
await run('lint', npx, ['eslint', 'src', 'webview', 'test', 'bench', 'scripts']);
await run('unit', npx, ['tsx', '--test', '--test-reporter=tap', ...unitTestFiles()], { parse: nodeTestCounts });
if (!fast) {
  await run('e2e', 'node', ['scripts/e2e/run.mjs'], { parse: e2eCounts('e2e') });
  // UI tests drive the packaged VSIX; packaging leaves a production build in dist/, so rebuild after.
  await run('e2e ui', 'node', ['scripts/e2e/ui.mjs'], { parse: e2eCounts('e2e-ui') });
  await run('rebuild', 'node', ['scripts/build.mjs']);
}

if (failures.length) process.stdout.write(`\nfailed: ${failures.join('; ')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exitCode = failures.length || failed ? 1 : 0;
