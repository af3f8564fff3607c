// Tiny ONNX image models built in memory for the saliency tests (onnx-proto).
import { onnx } from 'onnx-proto';

const DT = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

function init(name: string, dims: number[], values: Float32Array): onnx.TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(values.buffer.slice(0)) });
}

function io(name: string, dims: (number | string)[]): onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DT.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } });
}

function encode(node: onnx.NodeProto[], initializer: onnx.TensorProto[], input: onnx.ValueInfoProto[], output: onnx.ValueInfoProto[]): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, producerName: 'posthoc-test', opsetImport: [{ domain: '', version: 13 }], graph: { name: 'g', node, initializer, input, output } })).finish();
}

/** A rectangle [y0, y1) × [x0, x1) of an image. */
export interface Region { y0: number; y1: number; x0: number; x1: number }

/** Weights of class 0: `scale` on every channel inside the region, 0 elsewhere (NCHW flat). */
export function regionWeights(c: number, h: number, w: number, r: Region, scale = 1): Float32Array {
  const wt = new Float32Array(c * h * w);
  for (let k = 0; k < c; k++) for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) wt[(k * h + y) * w + x] = scale;
  return wt;
}

/**
 * x[N, C, H, W] → Flatten → Gemm → [N, 2]: class 0 is the (scaled) sum of the region, class 1
 * a constant `bias1`. With `tanh`, class scores go through Tanh (a smooth, non-linear model).
 */
export function regionModel(c: number, h: number, w: number, r: Region, opts: { scale?: number; bias1?: number; tanh?: boolean } = {}): Uint8Array {
  const n = c * h * w;
  const W = new Float32Array(2 * n);
  W.set(regionWeights(c, h, w, r, opts.scale ?? 1));
  const nodes = [
    onnx.NodeProto.create({ opType: 'Flatten', input: ['x'], output: ['f'], name: 'Flatten' }),
    onnx.NodeProto.create({ opType: 'Gemm', input: ['f', 'W', 'b'], output: [opts.tanh ? 'z' : 'y'], name: 'Gemm', attribute: [{ name: 'transB', type: A.INT, i: 1 }] }),
  ];
  if (opts.tanh) nodes.push(onnx.NodeProto.create({ opType: 'Tanh', input: ['z'], output: ['y'], name: 'Tanh' }));
  return encode(nodes, [init('W', [2, n], W), init('b', [2], Float32Array.of(0, opts.bias1 ?? 0))], [io('x', ['N', c, h, w])], [io('y', ['N', 2])]);
}

/** Seeded uniform values in [lo, hi). */
export function uniform(n: number, seed: number, lo = 0, hi = 1): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  });
}
