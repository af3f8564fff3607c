/**
 * The error tree (CART, gini, max depth 3, min 20 rows per leaf, at most 31 leaves) on 1M rows ×
 * 30 features: Posthoc's fitCart vs scikit-learn's DecisionTreeClassifier, timed in the same run
 * on the same data (the Python peer writes it).
 * Run: npx tsx bench/errortree.bench.ts [nRows] [nFeatures]
 * Prints both times (best of 2 each, fit only, data already in memory), the ratio, and whether
 * the two trees are identical (features, thresholds, node sizes).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitCart, type CartNode } from '../src/core/erroranalysis/cart';

const N = Number(process.argv[2] ?? 1_000_000);
const M = Number(process.argv[3] ?? 30);

interface Ref { n: number; feature?: number; threshold?: number; left?: Ref; right?: Ref }

function same(nodes: CartNode[], id: number, ref: Ref): boolean {
  const node = nodes[id];
  if (node.n !== ref.n) return false;
  if (ref.left === undefined) return node.feature === -1;
  return node.feature === ref.feature && node.threshold === ref.threshold && same(nodes, node.left, ref.left) && same(nodes, node.right, ref.right!);
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'posthoc-errortree-'));
  try {
    const py = spawnSync('/usr/bin/python3', [join(__dirname, 'errortree_sklearn.py'), dir, String(N), String(M)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (py.status !== 0) throw new Error(`sklearn peer failed: ${py.stderr}`);
    const peer = JSON.parse(py.stdout.trim().split('\n').pop() as string) as { seconds: number; sklearn: string };
    const xb = readFileSync(join(dir, 'x.f32'));
    const x32 = new Float32Array(xb.buffer, xb.byteOffset, N * M);
    const columns = Array.from({ length: M }, (_, j) => Float64Array.from(x32.subarray(j * N, (j + 1) * N)));
    const y = new Uint8Array(readFileSync(join(dir, 'y.u8')));
    const ref = JSON.parse(readFileSync(join(dir, 'tree.json'), 'utf8')) as Ref;
    const opts = { maxDepth: 3, minLeaf: 20, maxLeaves: 31 };

    fitCart(columns.map((c) => c.subarray(0, 20_000)), y.subarray(0, 20_000), opts); // warm-up (JIT)
    let best = Infinity;
    let nodes: CartNode[] = [];
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      nodes = fitCart(columns, y, opts);
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    console.log(`rows: ${N}, features: ${M}, max_depth 3, min_samples_leaf 20, max_leaf_nodes 31 (scikit-learn ${peer.sklearn})`);
    console.log(`posthoc fitCart (best of 2):                ${best.toFixed(3)} s`);
    console.log(`sklearn DecisionTreeClassifier (best of 2): ${peer.seconds.toFixed(3)} s`);
    console.log(`ratio ours/sklearn: ${(best / peer.seconds).toFixed(2)}`);
    console.log(`same tree as sklearn (features, thresholds, node sizes): ${same(nodes, 0, ref) ? 'yes' : 'NO'} (${nodes.length} nodes)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
