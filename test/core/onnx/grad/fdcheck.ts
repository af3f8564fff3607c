/**
 * Test helpers: tiny ONNX models built in code, and a central finite-difference check of the
 * gradient graph against the forward graph (both run by onnxruntime; sums in float64 here).
 */
import { onnx } from 'onnx-proto';
import type * as ort from 'onnxruntime-node';
import { onnxRuntime } from '../../../../src/core/model/onnxRunner';
import { buildGradientModel, gradOutputName, probeShapes, SEED_INPUT, type TensorValue } from '../../../../src/core/onnx/grad/index';
import { float32Tensor } from '../../../../src/core/deploy/optimize/tensors';
import { attr } from '../../../../src/core/onnx/grad/emit';

export { attr };

/** Deterministic normal random numbers (mulberry32 + Box–Muller). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  const uni = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uni() + 1e-12)) * Math.cos(2 * Math.PI * uni());
}

export function randomTensor(dims: number[], r: () => number, map: (v: number) => number = (v) => v): TensorValue {
  const n = dims.reduce((a, b) => a * b, 1);
  return { data: Float32Array.from({ length: n }, () => map(r())), dims };
}

interface NodeSpec { op: string; inputs: string[]; outputs: string[]; attrs?: onnx.IAttributeProto[] }

/** A model of a few nodes: `inputs` are float graph inputs, `inits` float or int64 initializers. */
export function tinyModel(opts: {
  nodes: NodeSpec[]; inputs: Record<string, number[]>; output: string; opset?: number;
  floats?: Record<string, TensorValue>; ints?: Record<string, number[]>;
}): onnx.ModelProto {
  const info = (name: string, dims?: number[]): onnx.IValueInfoProto => ({
    name, type: { tensorType: { elemType: 1, shape: dims ? { dim: dims.map((d) => ({ dimValue: d })) } : undefined } },
  });
  const initializer: onnx.ITensorProto[] = [];
  for (const [name, t] of Object.entries(opts.floats ?? {})) initializer.push(float32Tensor(name, t.dims, t.data));
  for (const [name, v] of Object.entries(opts.ints ?? {})) initializer.push({ name, dims: [v.length], dataType: 7, int64Data: v });
  return onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: opts.opset ?? 13 }],
    graph: {
      name: 'g',
      node: opts.nodes.map((n, i) => ({ opType: n.op, input: n.inputs, output: n.outputs, attribute: n.attrs ?? [], name: `n${i}` })),
      input: Object.entries(opts.inputs).map(([n, d]) => info(n, d)),
      initializer,
      output: [info(opts.output)],
    },
  });
}

export interface CheckResult { maxErr: number; scale: number; checked: number }

/**
 * Compares the gradient graph's d(sum(seed·out))/d(wrt) with central differences of the forward
 * model. Small tensors are checked element by element, large ones along random directions.
 */
export async function fdCheck(model: onnx.IModelProto, inputs: Record<string, TensorValue>, wrt: string[], opts: { output?: string; eps?: number; seed?: number } = {}): Promise<CheckResult> {
  const { Tensor, InferenceSession } = onnxRuntime();
  const feeds = (vals: Record<string, TensorValue>) => Object.fromEntries(Object.entries(vals).map(([k, v]) => [k, new Tensor('float32', v.data, v.dims)])) as Record<string, ort.Tensor>;
  const shapes = await probeShapes(model, feeds(inputs));
  const output = opts.output ?? model.graph!.output![0].name!;
  const gradBytes = buildGradientModel(model, { output, wrt, shapes });
  const r = rng(opts.seed ?? 7);
  const seed = randomTensor(shapes[output], r);
  const gs = await InferenceSession.create(gradBytes);
  const res = await gs.run({ ...feeds(inputs), [SEED_INPUT]: new Tensor('float32', seed.data, seed.dims) });
  const fwd = await InferenceSession.create(onnx.ModelProto.encode(model).finish());
  const loss = async (vals: Record<string, TensorValue>) => {
    const out = (await fwd.run(feeds(vals), [output]))[output].data as Float32Array;
    let s = 0;
    for (let i = 0; i < out.length; i++) s += out[i] * seed.data[i];
    return s;
  };
  let maxErr = 0;
  let scale = 0;
  let checked = 0;
  for (const name of wrt) {
    const g = res[gradOutputName(name)].data as Float32Array;
    let gNorm = 0;
    for (const v of g) {
      scale = Math.max(scale, Math.abs(v));
      gNorm += v * v;
    }
    gNorm = Math.sqrt(gNorm);
    const x = inputs[name];
    const eps = opts.eps ?? 1e-3;
    const directions: Float64Array[] = [];
    if (x.data.length <= 256) {
      for (let i = 0; i < x.data.length; i++) {
        const d = new Float64Array(x.data.length);
        d[i] = 1;
        directions.push(d);
      }
    } else {
      for (let k = 0; k < 6; k++) directions.push(Float64Array.from(x.data, () => r()));
    }
    for (const d of directions) {
      const moved = (step: number) => Float32Array.from(x.data, (v, i) => v + step * d[i]);
      const at = (data: Float32Array) => loss({ ...inputs, [name]: { dims: x.dims, data } });
      // g·(x₁ − x₀) against f(x₁) − f(x₀) for the float32 points actually evaluated: central
      // differences at two step sizes (round-off vs truncation), and one-sided ones for points
      // on a kink (ReLU at 0), where the rule returns one of the one-sided slopes.
      const pairs: [Float32Array, Float32Array, number][] = [[moved(eps), moved(-eps), 2 * eps], [moved(10 * eps), moved(-10 * eps), 20 * eps], [moved(eps), x.data, eps], [x.data, moved(-eps), eps]];
      let best = Infinity;
      let dn = 0;
      for (const v of d) dn += v * v;
      for (const [hi, lo, width] of pairs) {
        let an = 0;
        for (let i = 0; i < g.length; i++) an += g[i] * (hi[i] - lo[i]);
        const fd = (await at(hi)) - (await at(lo));
        best = Math.min(best, Math.abs(fd - an) / width);
      }
      // Error relative to |g|·|d| (Cauchy–Schwarz bound of the directional derivative), plus 1 so
      // float32 round-off of the forward does not dominate for tiny gradients.
      maxErr = Math.max(maxErr, Number.isNaN(best) ? NaN : best / (gNorm * Math.sqrt(dn) + 1));
      checked++;
    }
  }
  await gs.release();
  await fwd.release();
  return { maxErr, scale, checked };
}
