#!/usr/bin/env node
/**
 * `npm run package`: a production build, then one platform-specific VSIX holding only what runs
 * (dist/, media/, schemas/, the breast-cancer example for the walkthrough, manifest, NLS,
 * README, LICENSE, bin/posthoc.js, and onnxruntime-node's JS plus the target's native files).
 * Prints the VSIX size and a summary of its contents; fails when it is 40 MB or more.
 *
 * usage: node scripts/package.mjs [--target linux-x64] [--out FILE] [--skip-build]
 *
 * Other targets. .vscodeignore names linux/x64's binaries; for another target this script writes
 * a copy of it with that line swapped for the target's files (see NATIVE_FILES) and passes it
 * with --ignoreFile. Which binaries each one keeps, from onnxruntime-node 1.30's bin/napi-v6/:
 *   - linux-arm64:  linux/arm64/{onnxruntime_binding.node,libonnxruntime.so.1}         (~25 MB unpacked)
 *   - darwin-arm64: darwin/arm64/{onnxruntime_binding.node,libonnxruntime.1.dylib}; the binding
 *                   links the `.1` name, so the identical libonnxruntime.1.30.0.dylib copy stays out
 *   - win32-x64:    win32/x64/* (onnxruntime.dll with DirectML.dll, dxcompiler.dll and dxil.dll,
 *                   which onnxruntime.dll loads, and the binding)
 * Measured VSIX sizes (onnxruntime-node 1.30): linux-x64 17.8 MB, darwin-arm64 13.2 MB, win32-x64 28.2 MB.
 * Package each on any machine (the files are all inside the npm package); publish them all
 * with `vsce publish --packagePath A.vsix B.vsix ...`. Our JavaScript is the same everywhere.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSCE = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
const MAX_BYTES = 40 * 1024 * 1024;
const NATIVE_DIR = 'node_modules/onnxruntime-node/bin/napi-v6/';
/** Per vsce target, the onnxruntime-node native files (relative to NATIVE_DIR) the VSIX keeps. */
const NATIVE_FILES = {
  'linux-x64': ['linux/x64/**'],
  'linux-arm64': ['linux/arm64/**'],
  'darwin-arm64': ['darwin/arm64/onnxruntime_binding.node', 'darwin/arm64/libonnxruntime.1.dylib'],
  'win32-x64': ['win32/x64/**'],
};

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const target = option('--target', 'linux-x64');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const out = path.resolve(option('--out', path.join(ROOT, 'out', `${manifest.name}-${manifest.version}-${target}.vsix`)));
const log = (msg) => console.log(`package: ${msg}`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args[0] ?? ''} failed (${r.error?.message ?? `exit ${r.status}`})`);
}

/** .vscodeignore with the native-file line swapped for the target's; written to a temp file. */
function ignoreFileFor(targetName) {
  const files = NATIVE_FILES[targetName];
  if (!files) throw new Error(`no native file list for target ${targetName}; known: ${Object.keys(NATIVE_FILES).join(', ')}`);
  const lines = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith(`!${NATIVE_DIR}`));
  if (at < 0) throw new Error(`.vscodeignore has no line starting with !${NATIVE_DIR}`);
  lines.splice(at, 1, ...files.map((f) => `!${NATIVE_DIR}${f}`));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-package-')), 'vscodeignore');
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** Entries of a zip (name, uncompressed size) from its central directory: no unzip needed. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Groups entries by their first two or three path parts, for a readable summary. */
function summarize(entries) {
  const groups = new Map();
  for (const { name, size } of entries) {
    const parts = name.replace(/^extension\//, '').split('/');
    const depth = parts[0] === 'node_modules' ? 2 : parts[0] === 'examples' ? 2 : 1;
    const key = parts.length > depth ? `${parts.slice(0, depth).join('/')}/` : parts.join('/');
    const g = groups.get(key) ?? { files: 0, bytes: 0 };
    g.files += 1;
    g.bytes += size;
    groups.set(key, g);
  }
  return [...groups].sort((a, b) => b[1].bytes - a[1].bytes);
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

function main() {
  if (!argv.includes('--skip-build')) {
    // Production bundles carry no source maps; stale maps from dev builds are ignored by .vscodeignore.
    log('production build');
    run(process.execPath, ['scripts/build.mjs', '--production']);
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  log(`vsce package --target ${target}`);
  // Dependency detection stays on: vsce lists node_modules through `npm list`, and the
  // ignore file then keeps only onnxruntime's files (with --no-dependencies vsce would skip
  // node_modules entirely). No `repository` field: allowed, and README links stay relative.
  const ignoreFile = ignoreFileFor(target);
  try {
    run(process.execPath, [VSCE, 'package', '--target', target, '--out', out, '--ignoreFile', ignoreFile, '--allow-missing-repository', '--no-rewrite-relative-links']);
  } finally {
    fs.rmSync(path.dirname(ignoreFile), { recursive: true, force: true });
  }
  const bytes = fs.statSync(out).size;
  const entries = zipEntries(out);
  for (const [key, g] of summarize(entries)) console.log(`  ${key.padEnd(44)} ${String(g.files).padStart(4)} files ${mb(g.bytes).padStart(10)} unpacked`);
  log(`${path.relative(ROOT, out)}: ${mb(bytes)} (${bytes} bytes, ${entries.length} files; limit ${mb(MAX_BYTES)})`);
  if (bytes >= MAX_BYTES) throw new Error(`the VSIX is ${mb(bytes)}, over the ${mb(MAX_BYTES)} limit`);
  return out;
}

try {
  main();
} catch (error) {
  console.error(`package: ${error.message}`);
  process.exit(1);
}
