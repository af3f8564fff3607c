// Bundles the extension host, the CLI, the worker threads and the webview pages with esbuild.
// Native and host-provided modules stay external: they are loaded at run time.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const nodeExternal = ['vscode', 'onnxruntime-node', 'sharp'];
// jsonc-parser's UMD build hides its requires from esbuild; prefer packages' ES module entry.
const common = { bundle: true, mainFields: ['module', 'main'], sourcemap: !production, minify: production, logLevel: 'info', legalComments: 'none' };

/** A Node bundle (extension host, CLI or worker thread), CommonJS, native modules external. */
const node = (entry, outfile) => ({ entryPoints: [entry], outfile, platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal });
/** A browser bundle for a webview page. */
const browser = (entry, outfile) => ({ entryPoints: [entry], outfile, platform: 'browser', format: 'iife', target: 'es2022' });

const targets = [
  node('src/host/extension.ts', 'dist/extension.js'),
  node('src/cli/main.ts', 'dist/cli.js'),
  node('src/core/evaluate/evaluateWorker.ts', 'dist/evaluateWorker.js'),
  node('src/core/cohorts/cohortsWorker.ts', 'dist/cohortsWorker.js'),
  node('src/core/erroranalysis/errorsWorker.ts', 'dist/errorsWorker.js'),
  node('src/core/explain/explainWorker.ts', 'dist/explainWorker.js'),
  node('src/core/model/worker.ts', 'dist/worker.js'),
  node('src/core/onnx/cardWorker.ts', 'dist/cardWorker.js'),
  node('src/core/curves/curvesWorker.ts', 'dist/curvesWorker.js'),
  node('src/core/drift/driftWorker.ts', 'dist/driftWorker.js'),
  node('src/core/deploy/serveWorker.ts', 'dist/serveWorker.js'),
  node('src/core/deploy/deployWorker.ts', 'dist/deployWorker.js'),
  node('src/host/explain/whatIfWorker.ts', 'dist/whatIfWorker.js'),
  node('src/core/tune/analysis/studyWorker.ts', 'dist/studyWorker.js'),
  node('src/core/saliency/saliencyWorker.ts', 'dist/saliencyWorker.js'),
  node('src/core/images/decodeWorker.ts', 'dist/decodeWorker.js'),
  browser('webview/modelCard/main.ts', 'dist/modelCard.js'),
  browser('webview/main.ts', 'dist/webview.js'),
  browser('webview/curves/main.ts', 'dist/curves.js'),
  browser('webview/whatif/main.ts', 'dist/whatif.js'),
  browser('webview/saliency/main.ts', 'dist/saliency.js'),
];
// A missing entry is a mistake (a renamed file, an uncommitted one): fail loudly, not silently.
const missing = targets.map((t) => t.entryPoints[0]).filter((e) => !existsSync(e));
if (missing.length) throw new Error(`build: entry points not found: ${missing.join(', ')}`);

// sql.js (SQLite as WebAssembly, for reading Optuna's SQLite storages) loads its .wasm at run
// time: put it beside the bundles, where src/core/tune/rdb.ts looks first and the VSIX ships it.
mkdirSync('dist', { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'), 'dist/sql-wasm.wasm');

if (watch) {
  for (const t of targets) await (await esbuild.context({ ...common, ...t })).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
}
