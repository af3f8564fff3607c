/**
 * Cost of one gradient against one forward pass of the same model, same process: a bare
 * onnxruntime-node `session.run` of the original model vs `GradientSession.run` (forward and
 * backward in one session, seed one-hot on a class), printed as "ours / forward"; the aim is
 * ≤ 3×. Models: the committed small CNN (batch 8, 16×16), and torchvision ResNet-18,
 * SqueezeNet 1.1 and MobileNetV2 with random weights at 224×224 (batch 1), exported to a temp
 * folder when /usr/bin/python3 has torchvision.
 *
 *   npx tsx bench/gradient.bench.ts [repeats=21]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onnxRuntime } from '../src/core/model/onnxRunner';
import { GradientSession } from '../src/core/onnx/grad/index';

const REPEATS = Number(process.argv[2] ?? 21);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median times of `a` and `b`, interleaved so load from other processes hits both alike. */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 3; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  return [median(ta), median(tb)];
}

async function bench(label: string, modelPath: string, dims: number[], classes: number) {
  const ort = onnxRuntime();
  const n = dims.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37));
  const fwd = await ort.InferenceSession.create(readFileSync(modelPath), { graphOptimizationLevel: 'all' });
  const feed = { [fwd.inputNames[0]]: new ort.Tensor('float32', data, dims) };
  const grad = await GradientSession.load(modelPath);
  const seed = new Float32Array(dims[0] * classes);
  for (let r = 0; r < dims[0]; r++) seed[r * classes + (r % classes)] = 1;
  const inputs = { [grad.inputNames[0]]: { data, dims } };
  const [forwardMs, gradientMs] = await timePair(() => fwd.run(feed), () => grad.run(inputs, seed));
  console.log(`${label.padEnd(30)} forward ${forwardMs.toFixed(2).padStart(8)} ms   gradient ${gradientMs.toFixed(2).padStart(8)} ms   ours / forward ${(gradientMs / forwardMs).toFixed(2)}×`);
  await fwd.release();
  await grad.dispose();
}

async function main() {
  await bench('small CNN [8,3,16,16]', path.join(__dirname, '../test/fixtures/grad/small_cnn.onnx'), [8, 3, 16, 16], 5);
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import torchvision']).status !== 0) {
    console.log('ResNet-18, SqueezeNet 1.1: skipped (/usr/bin/python3 has no torchvision)');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grad-bench-'));
  try {
    for (const [name, label] of [['resnet18', 'ResNet-18 [1,3,224,224]'], ['squeezenet1_1', 'SqueezeNet 1.1 [1,3,224,224]'], ['mobilenet_v2', 'MobileNetV2 [1,3,224,224]']]) {
      const out = path.join(dir, name);
      const gen = spawnSync(py, [path.join(__dirname, '../test/fixtures/grad/make_fixtures.py'), name, out, '224'], { encoding: 'utf8' });
      if (gen.status !== 0) throw new Error(gen.stderr);
      await bench(label, path.join(out, 'model.onnx'), [1, 3, 224, 224], 1000);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
