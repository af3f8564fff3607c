/**
 * Path-dependent TreeSHAP on an XGBoost model (100 trees, depth 6, 20 features) over 10k rows:
 * Posthoc vs XGBoost's C++ pred_contribs, timed in the same run.
 * Run: npx tsx bench/treeshap.bench.ts [nRows]
 * Prints both times, the ratio ours / XGBoost (target <= 3), and the largest difference in values.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTreeModel } from '../src/core/tree/load';
import { pathTreeShap } from '../src/core/tree/pathTreeShap';

const N = Number(process.argv[2] ?? 10_000);

interface Peer { seconds: number; seconds_1thread: number; threads: number; xgboost: string; n_features: number }

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'posthoc-treeshap-'));
  try {
    const py = spawnSync('/usr/bin/python3', [join(__dirname, 'treeshap_xgboost.py'), dir, String(N)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (py.status !== 0) throw new Error(`xgboost peer failed: ${py.stderr}`);
    const peer = JSON.parse(py.stdout.trim().split('\n').pop() as string) as Peer;
    const e = await loadTreeModel(join(dir, 'model.json'));
    const xb = readFileSync(join(dir, 'x.bin'));
    const x = new Float64Array(xb.buffer, xb.byteOffset, xb.byteLength / 8);
    const cb = readFileSync(join(dir, 'contribs.bin'));
    const contribs = new Float32Array(cb.buffer, cb.byteOffset, cb.byteLength / 4);
    const m = e.nFeatures;

    await pathTreeShap(e, x.subarray(0, 200 * m), 200); // warm-up (JIT)
    let best = Infinity;
    let result = await pathTreeShap(e, x.subarray(0, m), 1);
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      result = await pathTreeShap(e, x, N);
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    let worst = 0;
    for (let r = 0; r < N; r++) {
      for (let j = 0; j < m; j++) worst = Math.max(worst, Math.abs(result.values[r * m + j] - contribs[r * (m + 1) + j]));
      worst = Math.max(worst, Math.abs(result.baseValue - contribs[r * (m + 1) + m]));
    }
    console.log(`rows: ${N}, trees: ${e.nTrees}, max depth: ${e.maxDepth}, features: ${m} (xgboost ${peer.xgboost})`);
    console.log(`posthoc pathTreeShap (1 thread, best of 2):                ${best.toFixed(3)} s`);
    console.log(`xgboost pred_contribs (${peer.threads} threads, best of 2):               ${peer.seconds.toFixed(3)} s`);
    console.log(`xgboost pred_contribs (1 thread):                           ${peer.seconds_1thread.toFixed(3)} s`);
    console.log(`ratio ours/xgboost (${peer.threads} threads): ${(best / peer.seconds).toFixed(2)}  (target <= 3)`);
    console.log(`ratio ours/xgboost (1 thread):  ${(best / peer.seconds_1thread).toFixed(2)}`);
    console.log(`max |ours - xgboost| over all values and the bias: ${worst.toExponential(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
