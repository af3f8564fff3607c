/**
 * Integrated Gradients (50 steps, Gauss–Legendre, batched) vs one forward pass of the same
 * CNN, in the same run. IG needs 52 forward + backward evaluations; the aim is ≤ 60× one
 * forward pass. Also times occlusion and RISE for scale.
 * Run: npx tsx bench/saliency.bench.ts [imageSide]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { inputGradients } from '../src/core/saliency/gradientModel';
import { integratedGradients } from '../src/core/saliency/gradients';
import { OnnxImageModel } from '../src/core/saliency/imageModel';
import { imageLayout } from '../src/core/saliency/layout';
import { occlusion } from '../src/core/saliency/occlusion';
import { rise } from '../src/core/saliency/rise';

const SIDE = Number(process.argv[2] ?? 64);
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

async function median(fn: () => Promise<unknown>, reps: number): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'posthoc-bench-'));
  try {
    const bytes = cnn();
    const file = join(dir, 'cnn.onnx');
    writeFileSync(file, bytes);
    const dims = [1, 3, SIDE, SIDE];
    const x = Float32Array.from({ length: 3 * SIDE * SIDE }, () => rand() + 0.5);
    const model = await OnnxImageModel.fromBytes(bytes, dims);
    const forward = await median(() => model.score(x, 1), 30);
    // The floor for any method that evaluates the model at 52 points: one batched forward pass of 52.
    const batch52 = new Float32Array(52 * x.length);
    for (let i = 0; i < 52; i++) batch52.set(x, i * x.length);
    const forward52 = await median(() => model.score(batch52, 52), 5);
    const g = await inputGradients(file, dims, 10, false);
    const baseline = new Float32Array(x.length);
    const run = () => integratedGradients(g.grad, x, 0, { baseline, steps: 50, nClasses: 10 });
    const coldStart = performance.now();
    const first = await run();
    const cold = performance.now() - coldStart;
    const warm = await median(run, 5);
    const l = imageLayout(dims);
    const occ = await median(() => occlusion(model, x, l, 0, 0, {}), 3);
    const ri = await median(() => rise(model, x, l, 0, { masks: 500 }), 3);
    console.log(`CNN on ${SIDE}×${SIDE} RGB, 3 conv layers`);
    console.log(`one forward pass:            ${forward.toFixed(3)} ms`);
    console.log(`IG, 50 steps (warm):         ${warm.toFixed(1)} ms  → ${(warm / forward).toFixed(1)}× one forward pass (aim ≤ 60×)`);
    console.log(`52 points, forward only:     ${forward52.toFixed(1)} ms  → ${(forward52 / forward).toFixed(1)}× (the floor for 52 evaluations)`);
    console.log(`backward overhead: IG / forward-only of the same 52 points = ${(warm / forward52).toFixed(1)}×`);
    console.log(`IG, 50 steps (first, incl. gradient graph build): ${cold.toFixed(1)} ms → ${(cold / forward).toFixed(1)}×`);
    console.log(`IG completeness gap: ${first.gap.toExponential(2)} (relative ${first.relativeGap.toExponential(2)})`);
    console.log(`occlusion (default window): ${occ.toFixed(1)} ms; RISE 500 masks: ${ri.toFixed(1)} ms`);
    await g.dispose();
    await model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
