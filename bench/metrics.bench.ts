/**
 * Binary metrics on 10M scores: Posthoc vs scikit-learn in the same run.
 * Run: npx tsx bench/metrics.bench.ts [nRows]
 * Prints both times and the ratio (ours / sklearn); the target is <= 0.5.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeBinary, createBinaryScorer } from '../src/core/metrics';
import { Rng } from '../src/core/metrics/rng';

const N = Number(process.argv[2] ?? 10_000_000);
const THRESHOLD = 0.5;

/** Seeded synthetic scores: 30% positives, overlapping score distributions. */
function makeData(n: number): { y: Uint8Array; score: Float64Array } {
  const rng = new Rng(2024);
  const y = new Uint8Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.nextFloat() < 0.3 ? 1 : 0;
    score[i] = Math.min(1, rng.nextFloat() * 0.6 + 0.3 * y[i]);
  }
  return { y, score };
}

function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

function main(): void {
  const { y, score } = makeData(N);
  const yPath = join(tmpdir(), `posthoc-bench-y-${process.pid}.bin`);
  const sPath = join(tmpdir(), `posthoc-bench-score-${process.pid}.bin`);
  writeFileSync(yPath, y);
  writeFileSync(sPath, new Uint8Array(score.buffer));
  try {
    // Full evaluation: every metric plus ROC, PR, threshold sweep, calibration, histograms.
    let t0 = performance.now();
    const full = computeBinary({ yTrue: y, score, threshold: THRESHOLD, classNames: ['neg', 'pos'] });
    const oursFull = seconds(t0);
    // Metric-only scorer on a fresh copy (no cached sort), then one re-weighted call (bootstrap step).
    const copy = score.slice();
    t0 = performance.now();
    const scorer = createBinaryScorer({ yTrue: y, score: copy, threshold: THRESHOLD, classNames: ['neg', 'pos'] });
    scorer(undefined);
    const oursMetrics = seconds(t0);
    const w = new Float64Array(N).fill(1);
    t0 = performance.now();
    scorer(w);
    const oursResample = seconds(t0);

    const py = spawnSync('/usr/bin/python3', [join(__dirname, 'metrics_sklearn.py'), yPath, sPath, String(THRESHOLD)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (py.status !== 0) throw new Error(`sklearn peer failed: ${py.stderr}`);
    const peer = JSON.parse(py.stdout.trim().split('\n').pop() as string) as { seconds: number; parts: Record<string, number>; values: Record<string, number> };

    console.log(`rows: ${N}`);
    console.log(`posthoc computeBinary (all metrics + ROC/PR/sweep/calibration/histograms): ${oursFull.toFixed(2)} s`);
    console.log(`posthoc metrics only (sort + all metrics):                               ${oursMetrics.toFixed(2)} s`);
    console.log(`posthoc one bootstrap re-weighting (sort reused):                        ${oursResample.toFixed(2)} s`);
    console.log(`sklearn (9 metrics + roc_curve + precision_recall_curve):                ${peer.seconds.toFixed(2)} s`);
    for (const [k, v] of Object.entries(peer.parts)) console.log(`  sklearn ${k.padEnd(24)} ${v.toFixed(2)} s`);
    console.log(`ratio ours/sklearn (full evaluation): ${(oursFull / peer.seconds).toFixed(3)}  (target <= 0.5)`);
    const m = full.metrics;
    console.log(`check roc_auc ${m.roc_auc} vs ${peer.values.roc_auc_score}; AP ${m.average_precision} vs ${peer.values.average_precision_score}; log_loss ${m.log_loss} vs ${peer.values.log_loss}`);
  } finally {
    rmSync(yPath, { force: true });
    rmSync(sPath, { force: true });
  }
}

main();
