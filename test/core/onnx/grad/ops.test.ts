/**
 * Every gradient rule against central finite differences of the forward model (onnxruntime
 * runs both), on small random tensors; MaxPool with tied maxima against PyTorch autograd.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { onnx } from 'onnx-proto';
import { attr, fdCheck, randomTensor, rng, tinyModel } from './fdcheck';
import { onnxRuntime } from '../../../../src/core/model/onnxRunner';
import { buildGradientModel, gradOutputName, SEED_INPUT, type TensorValue } from '../../../../src/core/onnx/grad/index';

const r = rng(42);
const T = (dims: number[], map?: (v: number) => number) => randomTensor(dims, r, map);
const pos = (v: number) => 0.5 + Math.abs(v);

interface Case {
  name: string;
  nodes: { op: string; inputs: string[]; outputs: string[]; attrs?: ReturnType<typeof attr.i>[] }[];
  inputs: Record<string, TensorValue>;
  wrt?: string[];
  opset?: number;
  floats?: Record<string, TensorValue>;
  ints?: Record<string, number[]>;
}

const un = (op: string, dims: number[], attrs: ReturnType<typeof attr.i>[] = [], opset = 13, map?: (v: number) => number): Case => ({
  name: `${op} ${JSON.stringify(attrs.map((a) => a.name))} opset ${opset}`, opset,
  nodes: [{ op, inputs: ['x'], outputs: ['y'], attrs }], inputs: { x: T(dims, map) },
});
const bin = (op: string, da: number[], db: number[], mapB?: (v: number) => number): Case => ({
  name: `${op} [${da}] ∘ [${db}]`, nodes: [{ op, inputs: ['a', 'b'], outputs: ['y'] }], inputs: { a: T(da), b: T(db, mapB) }, wrt: ['a', 'b'],
});

const cases: Case[] = [
  bin('Add', [2, 3, 4], [3, 1]), bin('Sub', [4], [2, 3, 4]), bin('Mul', [2, 1, 4], [3, 1]), bin('Div', [2, 3, 4], [4], pos),
  bin('MatMul', [2, 3, 4], [4, 5]), bin('MatMul', [3], [2, 3, 4]), bin('MatMul', [2, 1, 3, 4], [5, 4, 2]), bin('MatMul', [3, 4], [4]),
  ...[[0, 0], [1, 0], [0, 1], [1, 1]].map(([ta, tb]): Case => ({
    name: `Gemm transA=${ta} transB=${tb}`, nodes: [{ op: 'Gemm', inputs: ['a', 'b', 'c'], outputs: ['y'], attrs: [attr.i('transA', ta), attr.i('transB', tb), attr.f('alpha', 0.7), attr.f('beta', 1.3)] }],
    inputs: { a: T(ta ? [4, 3] : [3, 4]), b: T(tb ? [5, 4] : [4, 5]), c: T([5]) }, wrt: ['a', 'b', 'c'],
  })),
  un('Relu', [3, 5]), un('LeakyRelu', [3, 5], [attr.f('alpha', 0.1)]), un('Sigmoid', [3, 5]), un('Tanh', [3, 5]),
  un('Exp', [3, 5]), un('Log', [3, 5], [], 13, pos), un('Sqrt', [3, 5], [], 13, pos), un('Neg', [4]), un('Erf', [3, 5]),
  un('Gelu', [3, 5], [], 20), un('HardSigmoid', [3, 5], [attr.f('alpha', 0.3)], 13, (v) => 2 * v), un('HardSwish', [4, 6], [], 14, (v) => 4 * v),
  un('Softmax', [2, 3, 4], [attr.i('axis', 1)]), un('Softmax', [2, 3, 4], [attr.i('axis', 1)], 11), un('LogSoftmax', [2, 5]), un('LogSoftmax', [2, 3, 4], [], 11),
  un('Identity', [3]), un('Dropout', [3, 4]), un('Flatten', [2, 3, 2], [attr.i('axis', 2)]), un('Transpose', [2, 3, 4], [attr.ints('perm', [1, 2, 0])]),
  un('Transpose', [2, 3, 4]), un('GlobalAveragePool', [2, 3, 4, 5]),
  un('ReduceMean', [2, 3, 4], [attr.ints('axes', [0, -1]), attr.i('keepdims', 0)]), un('ReduceMean', [2, 3, 4]),
  { ...un('ReduceSum', [2, 3, 4], [attr.i('keepdims', 0)]), nodes: [{ op: 'ReduceSum', inputs: ['x', 'ax'], outputs: ['y'], attrs: [attr.i('keepdims', 0)] }], ints: { ax: [1] } },
  { name: 'Clip min/max', nodes: [{ op: 'Clip', inputs: ['x', 'lo', 'hi'], outputs: ['y'] }], inputs: { x: T([4, 5]) }, floats: { lo: { data: Float32Array.of(-0.5), dims: [] }, hi: { data: Float32Array.of(0.6), dims: [] } } },
  { name: 'Clip min only', nodes: [{ op: 'Clip', inputs: ['x', 'lo'], outputs: ['y'] }], inputs: { x: T([4, 5]) }, floats: { lo: { data: Float32Array.of(0), dims: [] } } },
  { name: 'Reshape', nodes: [{ op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] }], inputs: { x: T([2, 3, 4]) }, ints: { s: [4, -1] } },
  { name: 'Squeeze/Unsqueeze', nodes: [{ op: 'Unsqueeze', inputs: ['x', 'a'], outputs: ['u'] }, { op: 'Squeeze', inputs: ['u', 'b'], outputs: ['y'] }], inputs: { x: T([3, 1, 4]) }, ints: { a: [0], b: [0, 2] } },
  { name: 'Expand', nodes: [{ op: 'Expand', inputs: ['x', 's'], outputs: ['y'] }], inputs: { x: T([3, 1]) }, ints: { s: [2, 3, 4] } },
  { name: 'Concat + fan-out', nodes: [{ op: 'Concat', inputs: ['a', 'b', 'a'], outputs: ['y'], attrs: [attr.i('axis', 1)] }], inputs: { a: T([2, 3]), b: T([2, 2]) }, wrt: ['a', 'b'] },
  { name: 'Mul(x, x)', nodes: [{ op: 'Mul', inputs: ['x', 'x'], outputs: ['y'] }], inputs: { x: T([5]) } },
  { name: 'Split → Mul', nodes: [{ op: 'Split', inputs: ['x', 's'], outputs: ['p', 'q', 'z'], attrs: [attr.i('axis', 1)] }, { op: 'Mul', inputs: ['p', 'q'], outputs: ['y'] }], inputs: { x: T([2, 7]) }, ints: { s: [3, 3, 1] } },
  { name: 'Slice', nodes: [{ op: 'Slice', inputs: ['x', 's', 'e', 'a'], outputs: ['y'] }], inputs: { x: T([4, 6, 5]) }, ints: { s: [1, -4], e: [3, 100], a: [0, 2] } },
  { name: 'Pad', nodes: [{ op: 'Pad', inputs: ['x', 'p'], outputs: ['y'] }], inputs: { x: T([2, 3, 4]) }, ints: { p: [0, 1, 2, 1, 0, 3] } },
  { name: 'BatchNormalization', nodes: [{ op: 'BatchNormalization', inputs: ['x', 'sc', 'b', 'm', 'v'], outputs: ['y'], attrs: [attr.f('epsilon', 1e-3)] }],
    inputs: { x: T([2, 3, 4, 4]) }, floats: { sc: T([3]), b: T([3]), m: T([3]), v: T([3], pos) } },
  ...convCases(),
];

function convCases(): Case[] {
  const conv = (name: string, xd: number[], wd: number[], attrs: ReturnType<typeof attr.i>[], op = 'Conv'): Case => ({
    name: `${op} ${name}`, nodes: [{ op, inputs: ['x', 'w', 'b'], outputs: ['y'], attrs }], inputs: { x: T(xd) },
    floats: { w: T(wd), b: T([op === 'Conv' ? wd[0] : wd[1] * (attrs.find((a) => a.name === 'group')?.i as number ?? 1)]) },
  });
  const pool = (op: string, attrs: ReturnType<typeof attr.i>[], opset = 13, dims = [2, 3, 7, 8]): Case => ({
    name: `${op} ${attrs.map((a) => `${a.name}=${a.ints ?? a.i ?? ''}`).join(' ')} opset ${opset}`, opset, nodes: [{ op, inputs: ['x'], outputs: ['y'], attrs }], inputs: { x: T(dims) },
  });
  return [
    conv('plain', [2, 3, 6, 6], [4, 3, 3, 3], []),
    conv('stride 2, asymmetric pads, leftover rows', [1, 2, 8, 7], [3, 2, 3, 2], [attr.ints('strides', [2, 2]), attr.ints('pads', [1, 0, 0, 1])]),
    conv('dilation 2, groups 2', [1, 4, 9, 9], [6, 2, 3, 3], [attr.ints('dilations', [2, 2]), attr.i('group', 2), attr.ints('pads', [2, 2, 2, 2])]),
    conv('depthwise stride 3', [1, 3, 10, 10], [3, 1, 3, 3], [attr.i('group', 3), attr.ints('strides', [3, 3])]),
    conv('SAME_UPPER stride 2', [1, 2, 7, 6], [2, 2, 3, 3], [attr.s('auto_pad', 'SAME_UPPER'), attr.ints('strides', [2, 2])]),
    conv('1-D', [2, 2, 11], [3, 2, 4], [attr.ints('strides', [2]), attr.ints('pads', [1, 2])]),
    conv('stride 2 pads 1 output_padding 1', [1, 4, 4, 5], [4, 3, 3, 3], [attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1]), attr.ints('output_padding', [1, 1])], 'ConvTranspose'),
    conv('groups 2 dilation 2', [1, 4, 5, 5], [4, 2, 2, 3], [attr.i('group', 2), attr.ints('dilations', [2, 1]), attr.ints('strides', [1, 2])], 'ConvTranspose'),
    pool('MaxPool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])]),
    pool('MaxPool', [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2])], 11),
    pool('MaxPool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])], 11),
    pool('MaxPool', [attr.ints('kernel_shape', [3, 2]), attr.ints('strides', [1, 2]), attr.i('ceil_mode', 1), attr.ints('dilations', [1, 2])], 12),
    pool('MaxPool', [attr.ints('kernel_shape', [3, 2]), attr.ints('strides', [2, 2]), attr.i('ceil_mode', 1), attr.ints('dilations', [1, 2])], 13),
    pool('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])]),
    pool('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 0, 1, 1]), attr.i('count_include_pad', 1)]),
    pool('AveragePool', [attr.ints('kernel_shape', [2, 3]), attr.ints('strides', [2, 2]), attr.i('ceil_mode', 1)]),
    pool('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.i('ceil_mode', 1), attr.ints('pads', [1, 1, 1, 1]), attr.i('count_include_pad', 1)]),
  ];
}

for (const c of cases) {
  test(`gradient of ${c.name} matches finite differences`, async () => {
    const dims = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, v.dims]));
    const model = tinyModel({ nodes: c.nodes, inputs: dims, output: 'y', opset: c.opset, floats: c.floats, ints: c.ints });
    const res = await fdCheck(model, c.inputs, c.wrt ?? ['x']);
    assert.ok(res.scale > 0, 'gradient is all zeros');
    assert.ok(res.maxErr < 2e-3, `relative error ${res.maxErr.toExponential(2)} (scale ${res.scale.toFixed(3)}, ${res.checked} checks)`);
  });
}

/**
 * MaxPool with ties (ReLU zeros, values rounded to halves): finite differences do not apply at
 * ties, so PyTorch autograd is the reference (test/fixtures/grad/make_maxpool_ties.py). Opset 12
 * takes the Indices-free search for small overlapping windows (ScatterElements cannot sum there)
 * and per-offset ConvTransposes for bigger ones; opset 13 and non-overlapping windows scatter to
 * recomputed Indices. In all of them the forward MaxPool keeps a single output.
 */
interface TieCase {
  name: string; dims: number[]; kernel: number[]; strides: number[]; pads: number[]; dilations: number[];
  ceil_mode: number; x: number[]; out_dims: number[]; g: number[]; grad: number[];
}
const tieCases = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/grad/maxpool_ties.json'), 'utf8')) as TieCase[];
for (const c of tieCases) {
  for (const opset of [12, 13]) {
    test(`MaxPool gradient with ties, ${c.name}, opset ${opset}, matches PyTorch autograd`, async () => {
      const attrs = [attr.ints('kernel_shape', c.kernel), attr.ints('strides', c.strides), attr.ints('pads', c.pads), attr.ints('dilations', c.dilations), attr.i('ceil_mode', c.ceil_mode)];
      const model = tinyModel({ nodes: [{ op: 'MaxPool', inputs: ['x'], outputs: ['y'], attrs }], inputs: { x: c.dims }, output: 'y', opset });
      const bytes = buildGradientModel(model, { output: 'y', wrt: ['x'], shapes: { x: c.dims, y: c.out_dims } });
      const nodes = onnx.ModelProto.decode(bytes).graph!.node!;
      assert.equal(nodes.find((n) => n.name === 'n0')!.output!.length, 1, 'the forward MaxPool stays plain');
      const overlapping = c.kernel.some((k, i) => (k - 1) * c.dilations[i] + 1 > c.strides[i]);
      const small = c.kernel.reduce((a, b) => a * b, 1) <= 16;
      assert.equal(nodes.some((n) => n.opType === 'ArgMax'), opset === 12 && overlapping && small, 'search path only before opset 16, for small overlapping windows');
      const { InferenceSession, Tensor } = onnxRuntime();
      const session = await InferenceSession.create(bytes);
      const out = await session.run({ x: new Tensor('float32', Float32Array.from(c.x), c.dims), [SEED_INPUT]: new Tensor('float32', Float32Array.from(c.g), c.out_dims) });
      const got = out[gradOutputName('x')].data as Float32Array;
      assert.equal(got.length, c.grad.length);
      // Sums of up to 4 float32 gradients, possibly in another order than PyTorch's.
      for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i] - c.grad[i]) <= 1e-6 * (1 + Math.abs(c.grad[i])), `element ${i}: ${got[i]} vs PyTorch ${c.grad[i]}`);
      await session.release();
    });
  }
}
