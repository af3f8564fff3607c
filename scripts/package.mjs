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
 * Measured VSIX sizes (onnxruntime-node 1.30, before sharp): linux-x64 17.8 MB, darwin-arm64 13.2 MB,
 * win32-x64 28.2 MB. With sharp 0.35 (below) linux-x64 is about 25 MB.
 *
 * sharp (image decoding) loads its addon from @img/sharp-<platform> and, except on Windows, libvips
 * from @img/sharp-libvips-<platform>; npm installs only the running platform's pair (optional
 * dependencies filtered by os/cpu). .vscodeignore names linux-x64's; SHARP_PLATFORMS maps each
 * target to its packages, and the lines are swapped like onnxruntime's. For another target, run
 * the packaging on that platform (a CI runner), or first fetch its packages into node_modules with
 * `npm install --no-save --os=darwin --cpu=arm64 sharp` (npm ≥ 10); the script stops with that
 * hint when they are missing rather than shipping a VSIX that cannot decode images.
 * For the host's own target the packaged extension is unpacked to a temp folder and its CLI
 * decodes a PNG and runs a saliency map with the packaged sharp and onnxruntime (the check the
 * extension's image features need).
 * Onnxruntime's files are all inside its npm package, so those need no extra step. Publish all
 * VSIXs with `vsce publish --packagePath A.vsix B.vsix ...`. Our JavaScript is the same everywhere.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

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

/** Per vsce target, sharp's packages under node_modules/@img/ (win32 has libvips inside the addon package). */
const SHARP_PLATFORMS = {
  'linux-x64': ['sharp-linux-x64', 'sharp-libvips-linux-x64'],
  'linux-arm64': ['sharp-linux-arm64', 'sharp-libvips-linux-arm64'],
  'darwin-arm64': ['sharp-darwin-arm64', 'sharp-libvips-darwin-arm64'],
  'win32-x64': ['sharp-win32-x64'],
};
const SHARP_LINE = '!node_modules/@img/sharp-';

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
  const sharp = SHARP_PLATFORMS[targetName];
  if (!sharp) throw new Error(`no sharp package list for target ${targetName}; known: ${Object.keys(SHARP_PLATFORMS).join(', ')}`);
  const missing = sharp.filter((p) => !fs.existsSync(path.join(ROOT, 'node_modules/@img', p, 'package.json')));
  if (missing.length) {
    const [os_, cpu] = targetName.split('-');
    throw new Error(`sharp's packages for ${targetName} are not installed (${missing.map((p) => `@img/${p}`).join(', ')}): package on that platform, or run \`npm install --no-save --os=${os_} --cpu=${cpu} sharp\` first`);
  }
  const first = lines.findIndex((l) => l.startsWith(SHARP_LINE));
  if (first < 0) throw new Error(`.vscodeignore has no line starting with ${SHARP_LINE}`);
  const kept = lines.filter((l) => !l.startsWith(SHARP_LINE));
  kept.splice(first, 0, ...sharp.map((p) => `${SHARP_LINE}${p.slice('sharp-'.length)}/**`));
  lines.splice(0, lines.length, ...kept);
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

/** Extracts a zip (stored or deflated entries) into `dir`: no unzip binary needed. */
function unzipTo(file, dir) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`zip entry escapes the folder: ${name}`);
    if (name.endsWith('/')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, method === 8 ? zlib.inflateRawSync(data) : data);
  }
}

/**
 * Unpacks the VSIX and runs its own CLI on a PNG: sharp must decode it (addon + libvips from the
 * VSIX, nothing from the repo's node_modules) and onnxruntime must run a saliency map on it.
 */
function checkPackaged(vsix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-vsix-check-'));
  try {
    unzipTo(vsix, dir);
    const ext = path.join(dir, 'extension');
    const out = path.join(dir, 'map.npy');
    const args = [path.join(ext, 'bin/posthoc.js'), 'saliency', '--model', path.join(ROOT, 'test/fixtures/saliency/small_cnn.onnx'),
      '--input', path.join(ROOT, 'test/fixtures/images/rgb/img0.png'), '--scale', '0.00392156862745098', '--method', 'gradient', '--npy', out, '--png', path.join(dir, 'map.png')];
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`the packaged CLI could not decode an image: ${(r.stderr || r.stdout || r.error?.message || '').trim()}`);
    const sharpFiles = fs.readdirSync(path.join(ext, 'node_modules/@img'));
    log(`packaged extension decodes images: ${r.stdout.trim().split('\n')[0]} (node_modules/@img: ${sharpFiles.join(', ')})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  if (target === `${process.platform}-${process.arch}`) checkPackaged(out);
  else log(`not checking image decoding: ${target} is not this machine (${process.platform}-${process.arch})`);
  return out;
}

try {
  main();
} catch (error) {
  console.error(`package: ${error.message}`);
  process.exit(1);
}
