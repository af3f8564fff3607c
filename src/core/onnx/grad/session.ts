/**
 * Runs a model's forward and backward pass in one onnxruntime session. Shapes of intermediate
 * tensors come from one forward run of the original model with every node output exposed; the
 * gradient model is built for those shapes. Built sessions are kept per input dims (a few), so
 * alternating batch sizes (a single gradient, then IG's batches) never rebuild a graph.
 */
import type * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { ModelError } from '../../errors';
import { onnxRuntime } from '../../model/onnxRunner';
import { readModelFile } from '../modelFile';
import { shapeOf } from '../protoTypes';
import { buildGradientModel, gradOutputName, resolveRequest, SEED_INPUT, WEIGHTS_INPUT, type BuildRequest } from './backward';

/** What to differentiate; see index.ts for the contract. */
export interface GradientRequest {
  output?: string;
  wrt?: string[];
  layers?: string[];
  /** Return Σ_n weights[n] · gradient of row n for the `wrt` tensors (pass weights to run). */
  batchWeights?: boolean;
}

/** A float32 tensor. */
export interface TensorValue {
  data: Float32Array;
  dims: number[];
}

/** Built gradient sessions kept per input dims; the least recently used goes beyond this. */
const MAX_BUILT = 3;
/** Input floats from which a gradient session runs without spinning threads (see build). */
const SPIN_FREE_ELEMENTS = 1 << 17;

interface Built {
  session: ort.InferenceSession;
  seedDims: number[];
}

/** Options of {@link GradientSession.load}. */
export interface GradientLoadOptions {
  /**
   * Treat a fixed batch axis (dim 0 of the inputs and the output) as free, so a model exported
   * with batch 1 can run many points at once. Only for graphs that really are per-row; callers
   * check that (see OnnxImageModel.batchRelaxed).
   */
  relaxBatch?: boolean;
}

/** Forward + backward runner for one model. */
export class GradientSession {
  private readonly built = new Map<string, Promise<Built>>();

  private constructor(
    private readonly model: onnx.ModelProto,
    private readonly request: Required<Omit<GradientRequest, 'batchWeights'>> & { batchWeights: boolean },
    readonly inputNames: string[],
    readonly outputName: string,
    readonly outputDims: (number | string | null)[],
  ) {}

  /** Reads the model and checks the request's names; sessions are created on the first run. */
  static async load(modelPath: string, request: GradientRequest = {}, options: GradientLoadOptions = {}): Promise<GradientSession> {
    const file = await readModelFile(modelPath);
    if (options.relaxBatch) file.model.graph = relaxBatchAxis(file.model.graph!);
    const graph = file.model.graph!;
    const r = resolveRequest(graph, request);
    const declared = [...(graph.output ?? []), ...(graph.valueInfo ?? [])].find((v) => v.name === r.output);
    return new GradientSession(file.model, { output: r.output, wrt: r.wrt, layers: r.layers, batchWeights: !!request.batchWeights }, r.inputs, r.output, shapeOf(declared?.type));
  }

  /**
   * Forward + backward for one batch: gradients are of sum(seed · output). With `batchWeights`
   * in the request, `weights` (one per row) is required and `grads` of the wrt tensors hold
   * Σ_n weights[n] · gradient of row n, with a batch axis of 1.
   */
  async run(inputs: Record<string, TensorValue>, seed: Float32Array, weights?: Float32Array): Promise<{ output: TensorValue; grads: Record<string, TensorValue>; activations: Record<string, TensorValue> }> {
    const { Tensor } = onnxRuntime();
    for (const name of this.inputNames) if (!inputs[name]) throw new ModelError(`Input '${name}' is missing; the model's inputs are: ${this.inputNames.join(', ')}.`);
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.inputNames) feeds[name] = new Tensor('float32', inputs[name].data, inputs[name].dims);
    const key = JSON.stringify(this.inputNames.map((n) => inputs[n].dims));
    const built = await this.session(key, feeds);
    const seedDims = built.seedDims;
    const expected = seedDims.reduce((a, b) => a * b, 1);
    if (seed.length !== expected) throw new ModelError(`The seed has ${seed.length} values; it needs the output's shape [${seedDims.join(', ')}] (${expected} values).`);
    const extra: Record<string, ort.Tensor> = {};
    if (this.request.batchWeights) {
      const rows = inputs[this.inputNames[0]].dims[0];
      if (weights?.length !== rows) throw new ModelError(`This gradient session sums rows by weight: pass ${rows} weights, one per row (got ${weights?.length ?? 'none'}).`);
      extra[WEIGHTS_INPUT] = new Tensor('float32', weights, [rows]);
    }
    let result: ort.InferenceSession.ReturnType;
    try {
      result = await built.session.run({ ...feeds, [SEED_INPUT]: new Tensor('float32', seed, seedDims), ...extra });
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

  /** The session built for these input dims: reused, or built once (concurrent callers share it). */
  private async session(key: string, feeds: Record<string, ort.Tensor>): Promise<Built> {
    let pending = this.built.get(key);
    if (pending) {
      // Most recently used last, so eviction takes the oldest.
      this.built.delete(key);
      this.built.set(key, pending);
      return pending;
    }
    pending = this.build(feeds);
    this.built.set(key, pending);
    pending.catch(() => this.built.delete(key));
    while (this.built.size > MAX_BUILT) {
      const [oldKey, old] = this.built.entries().next().value as [string, Promise<Built>];
      this.built.delete(oldKey);
      void old.then((b) => b.session.release(), () => undefined);
    }
    return pending;
  }

  private async build(feeds: Record<string, ort.Tensor>): Promise<Built> {
    const shapes = await probeShapes(this.model, feeds);
    const bytes = buildGradientModel(this.model, { ...this.request, shapes } satisfies BuildRequest);
    try {
      // Big batches run without spinning: on a busy machine, threads spinning while they wait
      // for each other made IG batches of 52 20–30 % slower. Small runs keep it: waking threads
      // for every one of their many short ops cost 5–8 % there.
      const elements = Object.values(feeds).reduce((n, t) => n + t.size, 0);
      const extra = elements >= SPIN_FREE_ELEMENTS ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {};
      const session = await onnxRuntime().InferenceSession.create(bytes, { graphOptimizationLevel: 'all', ...extra });
      return { session, seedDims: shapes[this.outputName] };
    } catch (err) {
      throw new ModelError(`onnxruntime could not load the gradient model: ${(err as Error).message}`);
    }
  }

  /** Releases the native sessions. */
  async dispose(): Promise<void> {
    const all = [...this.built.values()];
    this.built.clear();
    await Promise.all(all.map((p) => p.then((b) => b.session.release(), () => undefined)));
  }
}

/** A copy of the graph whose inputs and outputs have a free (named) batch axis. */
export function relaxBatchAxis(graph: onnx.IGraphProto): onnx.IGraphProto {
  const inits = new Set((graph.initializer ?? []).map((t) => t.name));
  const relax = (v: onnx.IValueInfoProto): onnx.IValueInfoProto => {
    const dims = v.type?.tensorType?.shape?.dim;
    if (inits.has(v.name) || !dims || dims.length === 0) return v;
    return { ...v, type: { ...v.type, tensorType: { ...v.type!.tensorType, shape: { dim: [{ dimParam: 'posthoc_batch' }, ...dims.slice(1)] } } } };
  };
  // Shapes recorded for intermediates would contradict a new batch size; probing re-infers them.
  return { ...graph, input: (graph.input ?? []).map(relax), output: (graph.output ?? []).map(relax), valueInfo: [] };
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
