/**
 * Integrated Gradients (50 steps, Gauss–Legendre) and SmoothGrad (25 samples) against one
 * forward pass at batch 1 of the same model, in the same run: "ours / forward". IG needs 52
 * forward + backward evaluations (50 path points and both ends); the aim is ≤ 60×.
 * Models: a 3-layer CNN built here (64×64 by default), and torchvision ResNet-18, SqueezeNet
 * 1.1 and MobileNetV2 with random weights at 224×224 when /usr/bin/python3 has torchvision.
 * "first call" includes building the gradient graph and its session; "warm" reuses them.
 * "floor" is the 52 forward passes alone, batched as IG batches them: no implementation of IG
 * can cost less than that plus a backward pass per point (whose convolutions cost at least as
 * much as the forward's), so when the floor itself passes 30× the 60× aim is out of reach on
 * this machine.
 * The CNN also times occlusion and RISE for scale.
 *
 *   npx tsx bench/saliency.bench.ts [side=64] [repeats=5] [--cnn-only]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { inputGradients } from '../src/core/saliency/gradientModel';
import { chunkSize, integratedGradients, smoothGrad } from '../src/core/saliency/gradients';
import { OnnxImageModel } from '../src/core/saliency/imageModel';
import { imageLayout } from '../src/core/saliency/layout';
import { occlusion } from '../src/core/saliency/occlusion';
import { rise } from '../src/core/saliency/rise';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const SIDE = Number(args[0] ?? 64);
const REPEATS = Number(args[1] ?? 5);
const CNN_ONLY = process.argv.includes('--cnn-only');
const DT = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

let state = 1;
const rand = (): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296) - 0.5;
const init = (name: string, dims: number[], scale: number): onnx.TensorProto => {
  const v = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => rand() * scale);
  return onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(v.buffer) });
};
const io = (name: string, dims: (number | string)[]): onnx.ValueInfoProto =>
  onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DT.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } });
const conv = (x: string, w: string, b: string, y: string, stride: number): onnx.NodeProto =>
  onnx.NodeProto.create({ opType: 'Conv', input: [x, w, b], output: [y], attribute: [{ name: 'pads', type: A.INTS, ints: [1, 1, 1, 1] }, { name: 'strides', type: A.INTS, ints: [stride, stride] }, { name: 'kernel_shape', type: A.INTS, ints: [3, 3] }] });

/** x[N,3,S,S] → Conv16 → Relu → Conv32/2 → Relu → Conv32/2 → Relu → GAP → Flatten → Gemm(10). */
function cnn(): Uint8Array {
  const nodes = [
    conv('x', 'w1', 'b1', 'c1', 1), onnx.NodeProto.create({ opType: 'Relu', input: ['c1'], output: ['r1'] }),
    conv('r1', 'w2', 'b2', 'c2', 2), onnx.NodeProto.create({ opType: 'Relu', input: ['c2'], output: ['r2'] }),
    conv('r2', 'w3', 'b3', 'c3', 2), onnx.NodeProto.create({ opType: 'Relu', input: ['c3'], output: ['r3'] }),
    onnx.NodeProto.create({ opType: 'GlobalAveragePool', input: ['r3'], output: ['p'] }),
    onnx.NodeProto.create({ opType: 'Flatten', input: ['p'], output: ['f'] }),
    onnx.NodeProto.create({ opType: 'Gemm', input: ['f', 'wf', 'bf'], output: ['y'], attribute: [{ name: 'transB', type: A.INT, i: 1 }] }),
  ];
  const inits = [init('w1', [16, 3, 3, 3], 0.5), init('b1', [16], 0.1), init('w2', [32, 16, 3, 3], 0.2), init('b2', [32], 0.1), init('w3', [32, 32, 3, 3], 0.15), init('b3', [32], 0.1), init('wf', [10, 32], 0.5), init('bf', [10], 0.1)];
  const model = onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph: { name: 'cnn', node: nodes, initializer: inits, input: [io('x', ['N', 3, SIDE, SIDE])], output: [io('y', ['N', 10])] } });
  return onnx.ModelProto.encode(model).finish();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function times(fn: () => Promise<unknown>, reps: number): Promise<number[]> {
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t;
}

/** IG and SmoothGrad on one model; forward passes are timed before and after them, so load hits both. */
async function bench(label: string, file: string, side: number, extras: boolean): Promise<void> {
  const bytes = readFileSync(file);
  const dims = [1, 3, side, side];
  const x = Float32Array.from({ length: 3 * side * side }, () => rand() + 0.5);
  const model = await OnnxImageModel.fromBytes(bytes, dims);
  const fwdReps = Math.max(10, Math.round(3000 / Math.max(1, median(await times(() => model.score(x, 1), 3)))));
  const fwd = await times(() => model.score(x, 1), Math.min(60, fwdReps));
  const baseline = new Float32Array(x.length);
  const coldStart = performance.now();
  const g = await inputGradients(file, dims, model.nClasses, false);
  const ig = () => integratedGradients(g.grad, x, 0, { baseline, steps: 50, nClasses: model.nClasses, maxBatch: g.maxBatch, weightedSum: g.weightedSum });
  const first = await ig();
  const cold = performance.now() - coldStart;
  const igWarm = median(await times(ig, REPEATS));
  const sg = () => smoothGrad(g.grad, x, 0, { kind: 'smoothgrad', samples: 25, nClasses: model.nClasses, maxBatch: g.maxBatch, weightedSum: g.weightedSum });
  await sg();
  const sgWarm = median(await times(sg, REPEATS));
  const points = chunkSize(52, x.length, g.maxBatch);
  const pointsBatch = new Float32Array(points * x.length);
  for (let i = 0; i < points; i++) pointsBatch.set(x, i * x.length);
  const calls = Math.ceil(52 / points);
  const forwards = async () => {
    for (let c = 0; c < calls; c++) await model.score(pointsBatch, points);
  };
  await forwards();
  const floor = median(await times(forwards, REPEATS));
  const one = () => g.grad(x, 1, 0);
  await one();
  const gradOne = median(await times(one, Math.min(30, fwdReps)));
  fwd.push(...(await times(() => model.score(x, 1), Math.min(60, fwdReps))));
  const f = median(fwd);
  const row = (what: string, ms: number) => console.log(`  ${what.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms   ours / forward ${(ms / f).toFixed(1).padStart(7)}×`);
  console.log(`${label}: one forward pass at batch 1 ${f.toFixed(3)} ms`);
  row('one gradient (batch 1)', gradOne);
  row(`floor: 52 forwards (${calls} × ${points})`, floor);
  row('IG, 50 steps (warm)', igWarm);
  row('IG, 50 steps (first call, with build)', cold);
  row('SmoothGrad, 25 samples (warm)', sgWarm);
  console.log(`  IG completeness gap ${first.gap.toExponential(2)} (relative ${first.relativeGap.toExponential(2)}); aim: IG ≤ 60× forward`);
  if (extras) {
    const l = imageLayout(dims);
    const occ = median(await times(() => occlusion(model, x, l, 0, 0, {}), 3));
    const ri = median(await times(() => rise(model, x, l, 0, { masks: 500 }), 3));
    console.log(`  occlusion (default window) ${occ.toFixed(1)} ms; RISE 500 masks ${ri.toFixed(1)} ms`);
  }
  await g.dispose();
  await model.dispose();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'posthoc-bench-'));
  try {
    const file = join(dir, 'cnn.onnx');
    writeFileSync(file, cnn());
    await bench(`CNN ${SIDE}×${SIDE} RGB, 3 conv layers`, file, SIDE, true);
    const py = '/usr/bin/python3';
    if (CNN_ONLY) return;
    if (spawnSync(py, ['-c', 'import torchvision']).status !== 0) {
      console.log('ResNet-18, SqueezeNet 1.1, MobileNetV2: skipped (/usr/bin/python3 has no torchvision)');
      return;
    }
    for (const [name, label] of [['resnet18', 'ResNet-18 224×224'], ['squeezenet1_1', 'SqueezeNet 1.1 224×224'], ['mobilenet_v2', 'MobileNetV2 224×224']]) {
      const out = join(dir, name);
      const gen = spawnSync(py, [join(__dirname, '../test/fixtures/grad/make_fixtures.py'), name, out, '224'], { encoding: 'utf8' });
      if (gen.status !== 0) throw new Error(gen.stderr);
      await bench(label, join(out, 'model.onnx'), 224, false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
