/**
 * Gradient graphs that sum rows by weight (`batchWeights`) against the per-row gradients of the
 * plain graph summed in float64; batch-axis relaxation of fixed-batch models; the per-shape
 * session cache (alternating batch sizes give the same numbers as fresh sessions).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { onnx } from 'onnx-proto';
import { buildGradientModel, GradientSession, relaxBatchAxis, WEIGHTS_INPUT } from '../../../../src/core/onnx/grad/index';
import { ModelError } from '../../../../src/core/errors';
import { regionModel, uniform } from '../../saliency/models';

const CNN = path.join(__dirname, '../../../fixtures/grad/small_cnn.onnx');
const dir = mkdtempSync(path.join(tmpdir(), 'posthoc-grad-weights-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function seedFor(rows: number, classes: number): Float32Array {
  const seed = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) seed[r * classes + ((3 * r + 1) % classes)] = 1;
  return seed;
}

/** Weighted sum from the plain graph, row by row in float64, vs the summing graph. */
async function checkWeighted(file: string, dims: number[], classes: number): Promise<void> {
  const rows = dims[0];
  const size = dims.slice(1).reduce((a, b) => a * b, 1);
  const x = uniform(rows * size, 7, -1, 1);
  const weights = uniform(rows, 3, -0.5, 1.5);
  const seed = seedFor(rows, classes);
  const plain = await GradientSession.load(file);
  const summing = await GradientSession.load(file, { batchWeights: true });
  try {
    const input = plain.inputNames[0];
    const per = await plain.run({ [input]: { data: x, dims } }, seed);
    const sum = await summing.run({ [input]: { data: x, dims } }, seed, weights);
    const g = per.grads[input].data;
    const ref = new Float64Array(size);
    for (let r = 0; r < rows; r++) for (let j = 0; j < size; j++) ref[j] += weights[r] * g[r * size + j];
    const got = sum.grads[input];
    assert.deepEqual(got.dims, [1, ...dims.slice(1)]);
    let diff = 0;
    let scale = 0;
    for (let j = 0; j < size; j++) {
      diff = Math.max(diff, Math.abs(got.data[j] - ref[j]));
      scale = Math.max(scale, Math.abs(ref[j]));
    }
    assert.ok(scale > 0 && diff / scale < 1e-5, `relative error ${diff / scale}`);
    assert.deepEqual(Array.from(sum.output.data), Array.from(per.output.data));
    await assert.rejects(summing.run({ [input]: { data: x, dims } }, seed), ModelError);
  } finally {
    await plain.dispose();
    await summing.dispose();
  }
}

test('batch weights through a first Conv (summed before its backward): small CNN with BN and MaxPool', async () => {
  const model = onnx.ModelProto.decode(readFileSync(CNN));
  const bytes = buildGradientModel(model, { batchWeights: true, shapes: await shapesOf(CNN, [5, 3, 16, 16]) });
  const built = onnx.ModelProto.decode(bytes).graph!;
  // The weights input exists and the input's gradient is computed at batch 1 (the Conv rule ran on the sum).
  assert.ok(built.input!.some((i) => i.name === WEIGHTS_INPUT));
  assert.equal(built.node!.filter((n) => n.opType === 'MatMul').length, 1);
  const out = built.node!.find((n) => n.output![0] === 'posthoc_grad:input')!;
  assert.equal(built.node!.find((n) => n.output!.includes(out.input![0]))?.opType, 'Conv');
  await checkWeighted(CNN, [5, 3, 16, 16], 5);
});

test('batch weights without a first Conv (summed at the end): Flatten → Gemm → Tanh', async () => {
  const file = path.join(dir, 'tanh.onnx');
  writeFileSync(file, regionModel(2, 4, 5, { y0: 1, y1: 3, x0: 0, x1: 4 }, { scale: 0.3, tanh: true }));
  await checkWeighted(file, [4, 2, 4, 5], 2);
});

test('one session serves alternating batch sizes with the numbers of fresh sessions', async () => {
  const session = await GradientSession.load(CNN);
  const x = uniform(6 * 3 * 16 * 16, 11, -1, 1);
  const run = (s: GradientSession, n: number) => s.run({ input: { data: x.subarray(0, n * 768), dims: [n, 3, 16, 16] } }, seedFor(n, 5));
  try {
    const sizes = [1, 6, 2, 6, 1, 3, 4, 6];
    for (const n of sizes) {
      const fresh = await GradientSession.load(CNN);
      try {
        const [a, b] = [await run(session, n), await run(fresh, n)];
        assert.deepEqual(Array.from(a.grads.input.data), Array.from(b.grads.input.data), `batch ${n}`);
      } finally {
        await fresh.dispose();
      }
    }
  } finally {
    await session.dispose();
  }
});

test('relaxBatchAxis frees dim 0 of inputs and outputs only', () => {
  const model = onnx.ModelProto.decode(readFileSync(CNN));
  const fixed = (v: onnx.IValueInfoProto) => ({ ...v, type: { tensorType: { ...v.type!.tensorType, shape: { dim: [{ dimValue: 1 }, ...v.type!.tensorType!.shape!.dim!.slice(1)] } } } });
  const graph = { ...model.graph!, input: model.graph!.input!.map(fixed), output: model.graph!.output!.map(fixed) };
  const relaxed = relaxBatchAxis(graph);
  for (const v of [...relaxed.input!, ...relaxed.output!]) {
    const d = v.type!.tensorType!.shape!.dim!;
    assert.equal(d[0].dimParam, 'posthoc_batch');
    assert.deepEqual(d.slice(1), graph.input!.concat(graph.output!).find((o) => o.name === v.name)!.type!.tensorType!.shape!.dim!.slice(1));
  }
});

async function shapesOf(file: string, dims: number[]): Promise<Record<string, number[]>> {
  const { probeShapes } = await import('../../../../src/core/onnx/grad/index');
  const { onnxRuntime } = await import('../../../../src/core/model/onnxRunner');
  const ort = onnxRuntime();
  const n = dims.reduce((a, b) => a * b, 1);
  return probeShapes(onnx.ModelProto.decode(readFileSync(file)), { input: new ort.Tensor('float32', new Float32Array(n), dims) });
}
