/**
 * Whole networks against PyTorch autograd: the committed small CNN, the trained Fashion-MNIST CNN
 * (make_trained_cnn.py), and torchvision ResNet-18, SqueezeNet 1.1 and MobileNetV2 with random
 * weights, generated at test time when /usr/bin/python3 has torchvision.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { onnx } from 'onnx-proto';
import { findLastConvActivation, GradientSession, UnsupportedOperatorError } from '../../../../src/core/onnx/grad/index';
import { ModelError } from '../../../../src/core/errors';
import { tinyModel } from './fdcheck';
import { writeFileSync } from 'node:fs';

const FIXTURES = path.join(__dirname, '../../../fixtures/grad');
const PYTHON = '/usr/bin/python3';

interface Expected {
  input_dims: number[]; input: number[]; seed: number[]; output: number[]; grad_input: number[];
  layer_dims: number[]; activation: number[]; grad_layer: number[];
}

/** max |a − b| / max |b|. */
function relErr(a: ArrayLike<number>, b: number[]): number {
  assert.equal(a.length, b.length);
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

async function compare(modelPath: string, fx: Expected, tol: number) {
  const model = onnx.ModelProto.decode(readFileSync(modelPath));
  const layer = findLastConvActivation(model);
  assert.ok(layer, 'no Grad-CAM layer found');
  const session = await GradientSession.load(modelPath, { layers: [layer] });
  try {
    const res = await session.run({ [session.inputNames[0]]: { data: Float32Array.from(fx.input), dims: fx.input_dims } }, Float32Array.from(fx.seed));
    assert.ok(relErr(res.output.data, fx.output) < tol, `output differs: ${relErr(res.output.data, fx.output)}`);
    assert.deepEqual(res.activations[layer].dims, fx.layer_dims);
    const errs = {
      input: relErr(res.grads[session.inputNames[0]].data, fx.grad_input),
      activation: relErr(res.activations[layer].data, fx.activation),
      layer: relErr(res.grads[layer].data, fx.grad_layer),
    };
    for (const [k, v] of Object.entries(errs)) assert.ok(v < tol, `${k} gradient differs from torch: ${v}`);
    return errs;
  } finally {
    await session.dispose();
  }
}

test('small CNN: input and layer gradients equal torch autograd', async (t) => {
  const fx = JSON.parse(readFileSync(path.join(FIXTURES, 'small_cnn.json'), 'utf8')) as Expected;
  const errs = await compare(path.join(FIXTURES, 'small_cnn.onnx'), fx, 1e-4);
  t.diagnostic(`relative errors vs torch: ${JSON.stringify(errs)}`);
});

test('a trained CNN (the Fashion-MNIST fixture, softmax output): gradients equal torch autograd', async (t) => {
  const fx = JSON.parse(readFileSync(path.join(FIXTURES, 'fashion_cnn.json'), 'utf8')) as Expected;
  const errs = await compare(path.join(FIXTURES, '../images/fashion/fashion.onnx'), fx, 1e-4);
  t.diagnostic(`relative errors vs torch: ${JSON.stringify(errs)}`);
});

test('the session rebuilds for a new batch size and checks the seed length', async () => {
  const fx = JSON.parse(readFileSync(path.join(FIXTURES, 'small_cnn.json'), 'utf8')) as Expected;
  const session = await GradientSession.load(path.join(FIXTURES, 'small_cnn.onnx'));
  try {
    assert.deepEqual(session.outputDims, ['N', 5]);
    const row = fx.input.length / 2;
    const one = await session.run({ input: { data: Float32Array.from(fx.input.slice(0, row)), dims: [1, 3, 16, 16] } }, Float32Array.from(fx.seed.slice(0, 5)));
    assert.ok(relErr(one.grads.input.data, fx.grad_input.slice(0, row)) < 1e-4);
    await assert.rejects(session.run({ input: { data: Float32Array.from(fx.input), dims: [2, 3, 16, 16] } }, new Float32Array(3)), /seed has 3 values.*\[2, 5\]/);
  } finally {
    await session.dispose();
  }
});

test('unknown tensors and unsupported operators give clear errors', async () => {
  await assert.rejects(GradientSession.load(path.join(FIXTURES, 'small_cnn.onnx'), { wrt: ['nope'] }), (e: Error) => e instanceof ModelError && /'nope' is not in the model; inputs are: input/.test(e.message));
  const dir = mkdtempSync(path.join(tmpdir(), 'grad-'));
  try {
    const file = path.join(dir, 'cos.onnx');
    writeFileSync(file, onnx.ModelProto.encode(tinyModel({ nodes: [{ op: 'Cos', inputs: ['x'], outputs: ['y'] }], inputs: { x: [2] }, output: 'y' })).finish());
    const s = await GradientSession.load(file);
    await assert.rejects(s.run({ x: { data: new Float32Array(2), dims: [2] } }, new Float32Array(2)), (e: Error) =>
      e instanceof UnsupportedOperatorError && /Cos node 'n0'/.test(e.message) && /gradient-free methods/.test(e.message));
    await s.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a MaxPool with a huge overlapping window before opset 13 is refused by name, not built into gigabytes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'grad-pool-'));
  try {
    const file = path.join(dir, 'pool.onnx');
    const kernel = { name: 'kernel_shape', type: onnx.AttributeProto.AttributeType.INTS, ints: [20, 20] };
    const strides = { name: 'strides', type: onnx.AttributeProto.AttributeType.INTS, ints: [2, 2] };
    writeFileSync(file, onnx.ModelProto.encode(tinyModel({ nodes: [{ op: 'MaxPool', inputs: ['x'], outputs: ['y'], attrs: [kernel, strides] }], inputs: { x: [1, 1, 40, 40] }, output: 'y', opset: 12 })).finish());
    const s = await GradientSession.load(file);
    await assert.rejects(s.run({ x: { data: new Float32Array(1600), dims: [1, 1, 40, 40] } }, new Float32Array(121)), (e: Error) =>
      e instanceof UnsupportedOperatorError && /MaxPool/.test(e.message) && /20×20 windows/.test(e.message) && /opset 13/.test(e.message));
    await s.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const hasTorchvision = spawnSync(PYTHON, ['-c', 'import torchvision'], { encoding: 'utf8' }).status === 0;
const tmp = mkdtempSync(path.join(tmpdir(), 'grad-tv-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

for (const name of ['resnet18', 'squeezenet1_1', 'mobilenet_v2']) {
  test(`${name} (random weights): gradients equal torch autograd`, { skip: !hasTorchvision && `${PYTHON} has no torchvision (apt-get install python3-torchvision)`, timeout: 300_000 }, async (t) => {
    const out = path.join(tmp, name);
    const gen = spawnSync(PYTHON, [path.join(FIXTURES, 'make_fixtures.py'), name, out, '64'], { encoding: 'utf8' });
    assert.equal(gen.status, 0, gen.stderr);
    const fx = JSON.parse(readFileSync(path.join(out, 'expected.json'), 'utf8')) as Expected;
    const errs = await compare(path.join(out, 'model.onnx'), fx, 1e-3);
    t.diagnostic(`relative errors vs torch: ${JSON.stringify(errs)}`);
  });
}
