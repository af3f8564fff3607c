// Builds small ONNX models in memory for the optimize/compare tests, with a seeded RNG.
import { onnx } from 'onnx-proto';

const DT = onnx.TensorProto.DataType;

/** Mulberry32: a tiny seeded generator so weights are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller). */
export function normals(n: number, r: () => number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = scale * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return out;
}

function init(name: string, dims: number[], values: Float32Array): onnx.TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(values.buffer.slice(0)) });
}

function io(name: string, dims: (number | string)[]): onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: DT.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
}

/** An MLP x[N, sizes[0]] → MatMul/Add/Relu … → Softmax over sizes.at(-1) classes, He-scaled weights. */
export function mlpModel(sizes: number[], seed = 1): Uint8Array {
  const r = rng(seed);
  const nodes: onnx.NodeProto[] = [];
  const inits: onnx.TensorProto[] = [];
  let x = 'x';
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [k, n] = [sizes[l], sizes[l + 1]];
    inits.push(init(`W${l}`, [k, n], normals(k * n, r, Math.sqrt(2 / k))), init(`b${l}`, [n], normals(n, r, 0.1)));
    nodes.push(onnx.NodeProto.create({ opType: 'MatMul', input: [x, `W${l}`], output: [`mm${l}`], name: `MatMul${l}` }));
    nodes.push(onnx.NodeProto.create({ opType: 'Add', input: [`mm${l}`, `b${l}`], output: [`z${l}`], name: `Add${l}` }));
    x = `z${l}`;
    if (l + 2 < sizes.length) {
      nodes.push(onnx.NodeProto.create({ opType: 'Relu', input: [x], output: [`h${l}`], name: `Relu${l}` }));
      x = `h${l}`;
    }
  }
  nodes.push(onnx.NodeProto.create({ opType: 'Softmax', input: [x], output: ['probabilities'], name: 'Softmax', attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] }));
  return encode(nodes, inits, [io('x', ['N', sizes[0]])], [io('probabilities', ['N', sizes[sizes.length - 1]])]);
}

/** A small CNN: x[N,3,8,8] → Conv(8, 3×3, pad 1) → Relu → Flatten → Gemm(transB) → [N, 4]. */
export function convModel(seed = 2): Uint8Array {
  const r = rng(seed);
  const I = onnx.AttributeProto.AttributeType;
  const inits = [
    init('convW', [8, 3, 3, 3], normals(8 * 27, r, 0.3)), init('convB', [8], normals(8, r, 0.1)),
    init('fcW', [4, 512], normals(4 * 512, r, 0.06)), init('fcB', [4], normals(4, r, 0.1)),
  ];
  const nodes = [
    onnx.NodeProto.create({ opType: 'Conv', input: ['x', 'convW', 'convB'], output: ['c'], name: 'Conv', attribute: [{ name: 'pads', type: I.INTS, ints: [1, 1, 1, 1] }, { name: 'kernel_shape', type: I.INTS, ints: [3, 3] }] }),
    onnx.NodeProto.create({ opType: 'Relu', input: ['c'], output: ['r'], name: 'Relu' }),
    onnx.NodeProto.create({ opType: 'Flatten', input: ['r'], output: ['f'], name: 'Flatten' }),
    onnx.NodeProto.create({ opType: 'Gemm', input: ['f', 'fcW', 'fcB'], output: ['y'], name: 'Gemm', attribute: [{ name: 'transB', type: I.INT, i: 1 }] }),
  ];
  return encode(nodes, inits, [io('x', ['N', 3, 8, 8])], [io('y', ['N', 4])]);
}

function encode(node: onnx.NodeProto[], initializer: onnx.TensorProto[], input: onnx.ValueInfoProto[], output: onnx.ValueInfoProto[]): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'posthoc-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'g', node, initializer, input, output },
  });
  return onnx.ModelProto.encode(model).finish();
}
