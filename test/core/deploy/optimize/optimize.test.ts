import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import type * as ort from 'onnxruntime-node';
import { convertFloat16, fromFloat16Bits, optimizeModel, quantizeInt8, quantizeSymmetric, toFloat16Bits } from '../../../../src/core/deploy/optimize';
import { readTable } from '../../../../src/core/data/readTable';
import { toFloat32Matrix } from '../../../../src/core/data/columns';
import { onnxRuntime } from '../../../../src/core/model/onnxRunner';
import { convModel, mlpModel, normals, rng } from './models';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'breast-cancer', 'model.onnx');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'deploy', 'optimize');

async function run(model: string | Uint8Array, input: string, x: Float32Array, dims: number[]): Promise<Float32Array> {
  const o = onnxRuntime();
  const s = await o.InferenceSession.create(model as Uint8Array);
  try {
    const out = await s.run({ [input]: new o.Tensor('float32', x, dims) });
    return (out[s.outputNames[0]] as ort.Tensor).data as Float32Array;
  } finally {
    await s.release();
  }
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function tempFile(bytes: Uint8Array, name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-opt-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function breastCancerRows(): Promise<{ x: Float32Array; n: number }> {
  const table = await readTable(path.join(ROOT, 'examples', 'breast-cancer', 'test.csv'));
  const features = table.columns.map((c) => c.name).filter((c) => c !== 'target');
  return { x: toFloat32Matrix(table, features), n: table.nRows };
}

describe('float16 bits', () => {
  it('match numpy astype(float16) bit for bit, including ties, subnormals and overflow', () => {
    const ref = JSON.parse(readFileSync(path.join(FIXTURES, 'float16_reference.json'), 'utf8')) as { float32_bits: number[]; float16_bits: number[] };
    const f = new Float32Array(Uint32Array.from(ref.float32_bits).buffer);
    for (let i = 0; i < f.length; i++) assert.equal(toFloat16Bits(f[i]), ref.float16_bits[i], `value ${f[i]}`);
    assert.equal(fromFloat16Bits(0x3c00), 1);
    assert.equal(fromFloat16Bits(0x7bff), 65504);
    assert.equal(fromFloat16Bits(0x0001), 2 ** -24);
  });
});

describe('quantizeSymmetric', () => {
  it('keeps every weight within scale/2 of scale·q, per tensor and per channel', () => {
    const w = normals(6 * 5, rng(9));
    for (const axis of [null, 0, 1]) {
      const { q, scales, maxError } = quantizeSymmetric(w, [6, 5], axis);
      for (let i = 0; i < w.length; i++) {
        const s = scales[axis === null ? 0 : axis === 0 ? Math.floor(i / 5) : i % 5];
        assert.ok(Math.abs(w[i] - s * q[i]) <= s / 2 + 1e-7);
        assert.ok(q[i] >= -127 && q[i] <= 127);
      }
      assert.ok(Math.max(...q.map(Math.abs)) === 127, 'the largest weight maps to ±127');
      assert.ok(maxError <= Math.max(...scales) / 2 + 1e-7);
    }
  });
});

describe('optimizeModel on examples/breast-cancer', () => {
  for (const level of ['basic', 'extended', 'all'] as const) {
    it(`level ${level}: the saved optimized model gives the same outputs`, async () => {
      const { x, n } = await breastCancerRows();
      const ref = await run(EXAMPLE, 'input', x, [n, 30]);
      const r = await optimizeModel({ model: EXAMPLE, level });
      assert.ok(r.bytes.length > 0);
      assert.ok(maxAbsDiff(ref, await run(r.bytes, 'input', x, [n, 30])) < 1e-6);
    });
  }

  it('int8 (per tensor and per channel) runs in onnxruntime, stays close and shrinks the file', async () => {
    const { x, n } = await breastCancerRows();
    const ref = await run(EXAMPLE, 'input', x, [n, 30]);
    for (const perChannel of [false, true]) {
      const r = await optimizeModel({ model: EXAMPLE, quantize: 'int8', perChannel });
      const d = maxAbsDiff(ref, await run(r.bytes, 'input', x, [n, 30]));
      // Measured on the 171 test rows: max |Δp| 0.054 per tensor (row 69, P(benign) 0.541 → 0.486),
      // 0.011 per channel: one scale per output unit fits this small net's uneven rows better.
      assert.ok(d < (perChannel ? 0.02 : 0.07), `max |Δp| ${d}`);
      assert.equal(r.summary.int8?.quantized.length, 2);
      assert.equal(r.summary.operators_after.DequantizeLinear, 2);
      assert.ok(r.bytes.length < readFileSync(EXAMPLE).length);
    }
  });

  it('fp16 keeps float32 inputs/outputs and stays close', async () => {
    const { x, n } = await breastCancerRows();
    const ref = await run(EXAMPLE, 'input', x, [n, 30]);
    const r = await optimizeModel({ model: EXAMPLE, quantize: 'fp16' });
    const g = onnx.ModelProto.decode(r.bytes).graph!;
    assert.equal(g.input?.[0].type?.tensorType?.elemType, onnx.TensorProto.DataType.FLOAT);
    assert.equal(g.output?.[0].type?.tensorType?.elemType, onnx.TensorProto.DataType.FLOAT);
    const d = maxAbsDiff(ref, await run(r.bytes, 'input', x, [n, 30]));
    assert.ok(d < 0.01, `max |Δp| ${d}`);
  });

  it('refuses --per-channel without int8', async () => {
    await assert.rejects(optimizeModel({ model: EXAMPLE, perChannel: true }), /per-channel/);
  });
});

describe('a bigger MLP (64→256→256→10, MatMul weights)', () => {
  const bytes = mlpModel([64, 256, 256, 10]);
  const file = tempFile(bytes, 'mlp.onnx');
  const n = 200;
  const x = normals(n * 64, rng(5));

  it('int8 is ~4x smaller and close to float32', async () => {
    const ref = await run(bytes, 'x', x, [n, 64]);
    for (const perChannel of [false, true]) {
      const r = await optimizeModel({ model: file, level: 'none', quantize: 'int8', perChannel });
      const ratio = bytes.length / r.bytes.length;
      // Measured 3.78: the int8 weights are 4x smaller; float32 biases and scales stay.
      assert.ok(ratio > 3.7, `size ratio ${ratio}`);
      const d = maxAbsDiff(ref, await run(r.bytes, 'x', x, [n, 64]));
      assert.ok(d < 0.05, `max |Δp| ${d}`);
    }
  });

  it('fp16 halves the size and stays close; blocked ops keep float32 with Casts', async () => {
    const ref = await run(bytes, 'x', x, [n, 64]);
    const r = await optimizeModel({ model: file, level: 'none', quantize: 'fp16' });
    assert.ok(bytes.length / r.bytes.length > 1.95);
    assert.ok(maxAbsDiff(ref, await run(r.bytes, 'x', x, [n, 64])) < 5e-3);
    const blocked = await optimizeModel({ model: file, level: 'none', quantize: 'fp16', blockOps: ['Softmax', 'Relu'] });
    assert.deepEqual(blocked.summary.fp16?.blocked, { Relu: 2, Softmax: 1 });
    const nodes = onnx.ModelProto.decode(blocked.bytes).graph?.node ?? [];
    // Relu reads float32 (Cast to 1 before it) and the Softmax output needs no Cast back.
    const casts = nodes.filter((nd) => nd.opType === 'Cast');
    const relu = nodes.find((nd) => nd.opType === 'Relu');
    assert.ok(casts.some((c) => c.output?.[0] === relu?.input?.[0]));
    assert.equal(nodes[nodes.length - 1].opType, 'Softmax');
    assert.ok(maxAbsDiff(ref, await run(blocked.bytes, 'x', x, [n, 64])) < 5e-3);
  });
});

describe('a small CNN (Conv + Gemm)', () => {
  it('per-channel int8 quantizes Conv along axis 0 and Gemm(transB) along axis 0', async () => {
    const bytes = convModel();
    const model = onnx.ModelProto.decode(bytes);
    const report = quantizeInt8(model, { perChannel: true });
    assert.deepEqual(report.quantized.map((q) => [q.name, q.op, q.axis]), [['convW', 'Conv', 0], ['fcW', 'Gemm', 0]]);
    const out = onnx.ModelProto.encode(model).finish();
    const n = 16;
    const x = normals(n * 192, rng(4));
    const d = maxAbsDiff(await run(bytes, 'x', x, [n, 3, 8, 8]), await run(out, 'x', x, [n, 3, 8, 8]));
    assert.ok(d < 0.05, `max |Δy| ${d}`);
  });

  it('fp16 converts a Conv model that onnxruntime still runs', async () => {
    const bytes = convModel();
    const model = onnx.ModelProto.decode(bytes);
    convertFloat16(model);
    const n = 4;
    const x = normals(n * 192, rng(6));
    const d = maxAbsDiff(await run(bytes, 'x', x, [n, 3, 8, 8]), await run(onnx.ModelProto.encode(model).finish(), 'x', x, [n, 3, 8, 8]));
    assert.ok(d < 0.01, `max |Δy| ${d}`);
  });

  it('refuses per-channel on opset < 13 with a message naming the fix', () => {
    const model = onnx.ModelProto.decode(convModel());
    model.opsetImport = [onnx.OperatorSetIdProto.create({ domain: '', version: 11 })];
    assert.throws(() => quantizeInt8(model, { perChannel: true }), /opset 13/);
  });
});

describe('independent validity check (onnx.checker from Debian python3-onnx)', () => {
  const python = '/usr/bin/python3';
  const hasOnnx = existsSync(python) && spawnSync(python, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;
  it('int8 and fp16 rewrites pass onnx.checker.check_model with full shape/type inference', { skip: !hasOnnx && 'python3-onnx not installed' }, async () => {
    const files: string[] = [];
    for (const [src, name] of [[EXAMPLE, 'bc'], [tempFile(mlpModel([16, 32, 3]), 'mlp.onnx'), 'mlp'], [tempFile(convModel(), 'cnn.onnx'), 'cnn']] as const) {
      for (const opts of [{ quantize: 'int8' as const }, { quantize: 'int8' as const, perChannel: true }, { quantize: 'fp16' as const }, { quantize: 'fp16' as const, blockOps: ['Relu'] }]) {
        const r = await optimizeModel({ model: src, level: 'none', ...opts });
        files.push(tempFile(r.bytes, `${name}-${opts.quantize}.onnx`));
      }
    }
    const check = spawnSync(python, ['-c', 'import onnx, sys\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint("ok", len(sys.argv) - 1)', ...files], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /ok 12/);
  });
});
