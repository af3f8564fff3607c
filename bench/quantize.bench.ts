/**
 * Quantisation's cost and benefit on trained models with real weight: fp32 against int8 (per
 * tensor and per channel) and fp16 from `posthoc optimize`, for the Fashion-MNIST CNN (Keras's
 * MNIST CNN, ~12 M multiply-adds per image, 4.8 MB) and MLP (784-512-512-10, 2.7 MB).
 *
 * For each variant, in the same run: file size; p50/p90 latency at batch 1 and throughput at
 * batch 32 from `benchmarkModel` (the `posthoc bench` harness: same session options, warm-up,
 * timed seconds); and on the 10,000 test images, accuracy, agreement of the predicted class with
 * fp32 and the largest |Δp| against fp32. Ratios are against fp32 (> 1 = the variant is smaller /
 * faster). Timings are the median of 3 rounds that go round-robin over the variants, so a load
 * change on a shared machine hits them all.
 *
 *   npx tsx bench/quantize.bench.ts [timed seconds per batch size and variant=3, in 3 rounds]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchmarkModel } from '../src/core/deploy/bench/benchmark';
import { optimizeModel, type OptimizeOptions } from '../src/core/deploy/optimize';
import { onnxRuntime } from '../src/core/model/onnxRunner';
import { fashionModels, fashionTestSet } from './fashionModels';

const seconds = Number(process.argv[2] ?? 3);
const ROUNDS = 3;

interface Variant {
  label: string;
  options?: Pick<OptimizeOptions, 'quantize' | 'perChannel'>;
}
const VARIANTS: Variant[] = [
  { label: 'fp32' },
  { label: 'int8 per tensor', options: { quantize: 'int8' } },
  { label: 'int8 per channel', options: { quantize: 'int8', perChannel: true } },
  { label: 'fp16', options: { quantize: 'fp16' } },
];

interface Row {
  label: string;
  bytes: number;
  p50: number;
  p90: number;
  rowsPerS: number;
  accuracy: number;
  agreement: number;
  maxDp: number;
}

/** Probabilities of every test image, in batches of 500. */
async function predictAll(file: string, shape: (n: number) => number[]): Promise<Float32Array> {
  const ort = onnxRuntime();
  const session = await ort.InferenceSession.create(file, { graphOptimizationLevel: 'all' });
  const { images, n } = fashionTestSet();
  const out = new Float32Array(n * 10);
  for (let start = 0; start < n; start += 500) {
    const rows = Math.min(500, n - start);
    const x = new ort.Tensor('float32', images.subarray(start * 784, (start + rows) * 784), shape(rows));
    const y = await session.run({ [session.inputNames[0]]: x });
    out.set(y[session.outputNames[0]].data as Float32Array, start * 10);
  }
  await session.release();
  return out;
}

const argmax = (p: Float32Array, i: number) => {
  let best = 0;
  for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
  return best;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchModel(name: string, file: string, shape: (n: number) => number[], dir: string): Promise<void> {
  const { labels, n } = fashionTestSet();
  const files: string[] = [];
  const rows: Row[] = [];
  let reference: Float32Array | undefined;
  for (const v of VARIANTS) {
    let variantFile = file;
    if (v.options) {
      // `posthoc optimize --quantize …` with its default graph level (basic).
      const result = await optimizeModel({ model: file, ...v.options });
      variantFile = path.join(dir, `${name.split(' ')[1]}-${v.label.replace(/ /g, '-')}.onnx`);
      writeFileSync(variantFile, result.bytes);
    }
    files.push(variantFile);
    const probs = await predictAll(variantFile, shape);
    reference ??= probs;
    let correct = 0;
    let agree = 0;
    let maxDp = 0;
    for (let i = 0; i < n; i++) {
      const c = argmax(probs, i);
      if (c === labels[i]) correct++;
      if (c === argmax(reference, i)) agree++;
    }
    for (let i = 0; i < probs.length; i++) maxDp = Math.max(maxDp, Math.abs(probs[i] - reference[i]));
    rows.push({ label: v.label, bytes: statSync(variantFile).size, p50: 0, p90: 0, rowsPerS: 0, accuracy: correct / n, agreement: agree / n, maxDp });
  }
  // Timings round-robin over the variants, median of the rounds: a load change on a shared
  // machine then hits every variant instead of whichever ran at that moment.
  const samples = rows.map(() => ({ p50: [] as number[], p90: [] as number[], rowsPerS: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, f] of files.entries()) {
      const bench = await benchmarkModel({ model: f, batchSizes: [1, 32], seconds: seconds / ROUNDS, warmup: 20 });
      const [b1, b32] = bench.batches;
      samples[k].p50.push(b1.latency_ms.p50);
      samples[k].p90.push(b1.latency_ms.p90);
      samples[k].rowsPerS.push(b32.throughput_rows_per_s);
    }
  }
  rows.forEach((r, k) => Object.assign(r, { p50: median(samples[k].p50), p90: median(samples[k].p90), rowsPerS: median(samples[k].rowsPerS) }));
  const base = rows[0];
  console.log(`\n${name}: ${n} test images; timings: median of ${ROUNDS} rounds of ${(seconds / ROUNDS).toFixed(1)} s per batch size`);
  console.log('variant            size (ratio)        b1 p50 / p90 ms (p50 ratio)   b32 rows/s (ratio)   accuracy (Δ)        agree   max|Δp|');
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(18)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB (${(base.bytes / r.bytes).toFixed(2)}×)` +
        `   ${r.p50.toFixed(3).padStart(7)} / ${r.p90.toFixed(3).padStart(7)} (${(base.p50 / r.p50).toFixed(2)}×)` +
        `   ${r.rowsPerS.toFixed(0).padStart(8)} (${(r.rowsPerS / base.rowsPerS).toFixed(2)}×)` +
        `   ${r.accuracy.toFixed(4)} (${(r.accuracy - base.accuracy >= 0 ? '+' : '') + (r.accuracy - base.accuracy).toFixed(4)})` +
        `   ${(r.agreement * 100).toFixed(2)}%   ${r.maxDp.toExponential(1)}`,
    );
  }
}

async function main(): Promise<void> {
  const { cnn, mlp } = fashionModels();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-quantize-bench-'));
  console.log(`onnxruntime-node, ${os.cpus().length} CPUs, default intra-op threads; ratios against fp32 in the same run`);
  try {
    await benchModel('Fashion-MNIST CNN (conv32-conv64-pool-128-10)', cnn, (k) => [k, 1, 28, 28], dir);
    await benchModel('Fashion-MNIST MLP (784-512-512-10)', mlp, (k) => [k, 784], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
