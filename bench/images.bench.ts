/**
 * Image evaluation throughput: Posthoc's pipelined decode + inference (runImages) and the whole
 * `evaluate` on an image folder, against a bare onnxruntime session.run loop over tensors decoded
 * beforehand, in the same run. The ratio says how well decoding keeps onnxruntime busy.
 * Two models: the Fashion-MNIST fixture (28×28 gray, tiny: decoding-bound) and a small CNN on
 * 3×224×224 exported by torch at bench time (PNG 256×256 → shorter side + centre crop).
 * Decoding runs in the evaluating thread (0 workers), with the default worker count, and with 2.
 * Run: npx tsx bench/images.bench.ts [nGray=10000] [nRgb=1000]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../src/core/evaluate/evaluate';
import { preprocessImage, sharpLib, tensorDims, type PreprocessSpec } from '../src/core/images/preprocess';
import { decodeWorkerCount } from '../src/core/images/decodePool';
import { loadImageSession, runImages } from '../src/core/images/runImages';
import { resolvePreprocess } from '../src/core/images/spec';
import { onnxRuntime } from '../src/core/model/onnxRunner';

const N_GRAY = Number(process.argv[2] ?? 10000);
const N_RGB = Number(process.argv[3] ?? 1000);
const BATCH = 32;
const dir = mkdtempSync(join(tmpdir(), 'posthoc-images-bench-'));

/** Smooth synthetic images (gradients and a square) so PNG sizes are realistic, not noise. */
async function writeImages(root: string, n: number, size: number, channels: 1 | 3): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const cls = `c${i % 3}`;
    mkdirSync(join(root, cls), { recursive: true });
    const px = Buffer.alloc(size * size * channels);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) for (let c = 0; c < channels; c++) {
      const inSquare = Math.abs(x - size / 2) < size / 6 + (i % 7) && Math.abs(y - size / 2) < size / 6;
      px[(y * size + x) * channels + c] = inSquare ? (80 * (i % 3) + 40 * c) % 256 : (x * 3 + y * (c + 1) + i) % 256;
    }
    const file = join(root, cls, `img${i}.png`);
    await sharpLib()(px, { raw: { width: size, height: size, channels } }).png().toFile(file);
    files.push(file);
  }
  return files;
}

function exportRgbModel(file: string): void {
  const script = `import torch, torch.nn as nn, sys
torch.manual_seed(0)
m = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
                  nn.Conv2d(64, 64, 3, 2, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 3), nn.Softmax(1)).eval()
torch.onnx.export(m, torch.zeros(1, 3, 224, 224), sys.argv[1], input_names=['image'], output_names=['probabilities'],
                  dynamic_axes={'image': {0: 'N'}, 'probabilities': {0: 'N'}}, opset_version=13)`;
  const r = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`torch export failed: ${r.stderr}`);
}

/** images/s of a bare session.run loop over tensors decoded beforehand (decoding not timed). */
async function bareLoop(model: string, files: string[], spec: PreprocessSpec): Promise<{ run: number; decode: number }> {
  const s = await loadImageSession(model);
  const per = tensorDims(spec).reduce((a, b) => a * b, 1);
  const t0 = performance.now();
  const batches: Float32Array[] = [];
  for (let start = 0; start < files.length; start += BATCH) {
    const slice = files.slice(start, start + BATCH);
    const data = new Float32Array(slice.length * per);
    // Same concurrency as runImages: one batch of decodes at a time.
    await Promise.all(slice.map(async (f, j) => data.set((await preprocessImage(f, spec)).data, j * per)));
    batches.push(data);
  }
  const decode = files.length / ((performance.now() - t0) / 1000);
  const { Tensor } = onnxRuntime();
  const t1 = performance.now();
  for (const data of batches) {
    await s.session.run({ [s.input.name]: new Tensor('float32', data, tensorDims(spec, data.length / per)) });
  }
  const run = files.length / ((performance.now() - t1) / 1000);
  await s.session.release();
  return { run, decode };
}

async function bench(label: string, model: string, root: string, files: string[]): Promise<void> {
  const s = await loadImageSession(model);
  const { spec } = resolvePreprocess(s.input);
  await runImages(s, files.slice(0, BATCH), spec, { batchSize: BATCH }); // warm-up
  const rate = async (decodeWorkers?: number) => {
    const t0 = performance.now();
    await runImages(s, files, spec, { batchSize: BATCH, decodeWorkers });
    return files.length / ((performance.now() - t0) / 1000);
  };
  const inline = await rate(0);
  const auto = decodeWorkerCount(files.length, BATCH);
  const ours = await rate();
  const two = auto === 2 ? ours : await rate(2);
  await s.session.release();
  const t1 = performance.now();
  await evaluate({ model, data: root, bootstrap: 0, batchSize: BATCH });
  const full = files.length / ((performance.now() - t1) / 1000);
  const bare = await bareLoop(model, files, spec);
  const f = (x: number) => x.toFixed(0).padStart(7);
  console.log(`${label}: ${files.length} images, batch ${BATCH}`);
  console.log(`  bare session.run on pre-decoded tensors ${f(bare.run)} images/s`);
  console.log(`  decode + preprocess alone (sharp)       ${f(bare.decode)} images/s`);
  const ideal = 1 / Math.max(1 / bare.run, 1 / bare.decode);
  const row = (what: string, v: number) => console.log(`  ${what.padEnd(39)}${f(v)} images/s  (${(v / bare.run).toFixed(2)}× the bare loop, ${(v / ideal).toFixed(2)}× ideal overlap)`);
  console.log(`  ideal overlap of decoding and running   ${f(ideal)} images/s (the slower of the two alone)`);
  row('ours: decode in this thread + run', inline);
  row(`ours: default, ${auto} decode worker(s) + run`, ours);
  if (auto !== 2) row('ours: 2 decode workers + run', two);
  console.log(`  ours: whole evaluate (metrics, gallery) ${f(full)} images/s`);
}

async function main(): Promise<void> {
  try {
    const fashion = join(__dirname, '..', 'test', 'fixtures', 'images', 'fashion', 'fashion.onnx');
    const grayRoot = join(dir, 'gray');
    await bench('Fashion-MNIST CNN, 28×28 gray PNGs', fashion, grayRoot, await writeImages(grayRoot, N_GRAY, 28, 1));
    const rgbModel = join(dir, 'rgb.onnx');
    exportRgbModel(rgbModel);
    const rgbRoot = join(dir, 'rgb');
    await bench('4-conv CNN, 256×256 RGB PNGs → 224×224', rgbModel, rgbRoot, await writeImages(rgbRoot, N_RGB, 256, 3));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
