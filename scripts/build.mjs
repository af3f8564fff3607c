// Bundles the extension host, the CLI, the model worker and the webview with esbuild.
// Native and host-provided modules stay external: they are loaded at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const nodeExternal = ['vscode', 'onnxruntime-node', 'sharp'];
// jsonc-parser's UMD build hides its requires from esbuild; prefer packages' ES module entry.
const common = { bundle: true, mainFields: ['module', 'main'], sourcemap: !production, minify: production, logLevel: 'info', legalComments: 'none' };

const targets = [
  { entryPoints: ['src/host/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { entryPoints: ['src/core/evaluate/evaluateWorker.ts'], outfile: 'dist/evaluateWorker.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { entryPoints: ['src/core/explain/explainWorker.ts'], outfile: 'dist/explainWorker.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { entryPoints: ['src/core/model/worker.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { entryPoints: ['src/core/onnx/cardWorker.ts'], outfile: 'dist/cardWorker.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { entryPoints: ['src/core/curves/curvesWorker.ts'], outfile: 'dist/curvesWorker.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { entryPoints: ['webview/modelCard/main.ts'], outfile: 'dist/modelCard.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { entryPoints: ['webview/curves/main.ts'], outfile: 'dist/curves.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((t) => existsSync(t.entryPoints[0]));

if (watch) {
  for (const t of targets) await (await esbuild.context({ ...common, ...t })).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
}
