/**
 * Runs a model's forward and backward pass in one onnxruntime session. Shapes of intermediate
 * tensors come from one forward run of the original model with every node output exposed; the
 * gradient model is built for those shapes and rebuilt when the input dims change.
 */
import type * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { ModelError } from '../../errors';
import { onnxRuntime } from '../../model/onnxRunner';
import { readModelFile } from '../modelFile';
import { shapeOf } from '../protoTypes';
import { buildGradientModel, gradOutputName, resolveRequest, SEED_INPUT, type BuildRequest } from './backward';

/** What to differentiate; see index.ts for the contract. */
export interface GradientRequest {
  output?: string;
  wrt?: string[];
  layers?: string[];
}

/** A float32 tensor. */
export interface TensorValue {
  data: Float32Array;
  dims: number[];
}

/** Forward + backward runner for one model. */
export class GradientSession {
  private built?: { key: string; session: ort.InferenceSession; seedDims: number[] };

  private constructor(
    private readonly model: onnx.ModelProto,
    private readonly request: Required<GradientRequest>,
    readonly inputNames: string[],
    readonly outputName: string,
    readonly outputDims: (number | string | null)[],
  ) {}

  /** Reads the model and checks the request's names; sessions are created on the first run. */
  static async load(modelPath: string, request: GradientRequest = {}): Promise<GradientSession> {
    const file = await readModelFile(modelPath);
    const graph = file.model.graph!;
    const r = resolveRequest(graph, request);
    const declared = [...(graph.output ?? []), ...(graph.valueInfo ?? [])].find((v) => v.name === r.output);
    return new GradientSession(file.model, { output: r.output, wrt: r.wrt, layers: r.layers }, r.inputs, r.output, shapeOf(declared?.type));
  }

  /** Forward + backward for one batch: gradients are of sum(seed · output). */
  async run(inputs: Record<string, TensorValue>, seed: Float32Array): Promise<{ output: TensorValue; grads: Record<string, TensorValue>; activations: Record<string, TensorValue> }> {
    const { Tensor } = onnxRuntime();
    for (const name of this.inputNames) if (!inputs[name]) throw new ModelError(`Input '${name}' is missing; the model's inputs are: ${this.inputNames.join(', ')}.`);
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.inputNames) feeds[name] = new Tensor('float32', inputs[name].data, inputs[name].dims);
    const key = JSON.stringify(this.inputNames.map((n) => inputs[n].dims));
    if (this.built?.key !== key) {
      const shapes = await probeShapes(this.model, feeds);
      const bytes = buildGradientModel(this.model, { ...this.request, shapes } satisfies BuildRequest);
      await this.built?.session.release();
      this.built = undefined;
      try {
        const session = await onnxRuntime().InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
        this.built = { key, session, seedDims: shapes[this.outputName] };
      } catch (err) {
        throw new ModelError(`onnxruntime could not load the gradient model: ${(err as Error).message}`);
      }
    }
    const seedDims = this.built.seedDims;
    const expected = seedDims.reduce((a, b) => a * b, 1);
    if (seed.length !== expected) throw new ModelError(`The seed has ${seed.length} values; it needs the output's shape [${seedDims.join(', ')}] (${expected} values).`);
    let result: ort.InferenceSession.ReturnType;
    try {
      result = await this.built.session.run({ ...feeds, [SEED_INPUT]: new Tensor('float32', seed, seedDims) });
    } catch (err) {
      throw new ModelError(`Gradient run failed: ${(err as Error).message}`);
    }
    const value = (t: ort.Tensor): TensorValue => ({ data: t.data as Float32Array, dims: [...t.dims] });
    const grads: Record<string, TensorValue> = {};
    const activations: Record<string, TensorValue> = {};
    for (const name of new Set([...this.request.wrt, ...this.request.layers])) grads[name] = value(result[gradOutputName(name)]);
    for (const name of this.request.layers) activations[name] = value(result[name]);
    return { output: value(result[this.outputName]), grads, activations };
  }

  /** Releases the native session. */
  async dispose(): Promise<void> {
    await this.built?.session.release();
    this.built = undefined;
  }
}

/** Runs the model once with every node output exposed and returns the dims of the float32 ones. */
export async function probeShapes(model: onnx.IModelProto, feeds: Record<string, ort.Tensor>): Promise<Record<string, number[]>> {
  const graph = model.graph!;
  const names = [...new Set((graph.node ?? []).flatMap((n) => n.output ?? []).filter((x): x is string => !!x))];
  const probe = onnx.ModelProto.encode({ ...model, graph: { ...graph, output: names.map((name) => ({ name })) } }).finish();
  let session: ort.InferenceSession;
  try {
    session = await onnxRuntime().InferenceSession.create(probe, { graphOptimizationLevel: 'disabled' });
  } catch (err) {
    throw new ModelError(`onnxruntime could not load the model to infer tensor shapes: ${(err as Error).message}`);
  }
  try {
    const out = await session.run(feeds);
    const shapes: Record<string, number[]> = {};
    for (const [name, t] of Object.entries(feeds)) if (t.type === 'float32') shapes[name] = [...t.dims];
    for (const [name, t] of Object.entries(out)) if (t.type === 'float32') shapes[name] = [...t.dims];
    return shapes;
  } catch (err) {
    throw new ModelError(`The forward pass failed: ${(err as Error).message}`);
  } finally {
    await session.release();
  }
}
