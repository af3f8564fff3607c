/**
 * A model loaded for serving: its onnxruntime session, its V2 metadata, and what the batcher
 * needs to know (which inputs and outputs carry a batch dimension).
 */
import * as path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { ModelError } from '../../errors';
import type { TensorSpec } from '../../evaluate/types';
import { OnnxModel, onnxRuntime } from '../../model/onnxRunner';
import { readModelFile } from '../../onnx/modelFile';
import { typeInfo, v2Datatype } from './datatypes';
import type { ServeModelSpec, V2ModelMetadata, V2TensorMetadata } from './types';

/** An input or output as the server checks and converts it. */
export interface ServedTensor {
  name: string;
  /** ONNX element type, lower case (float, int64, string, …). */
  onnxType: string;
  /** Declared shape; -1 for dynamic or unknown dimensions. */
  shape: number[];
}

/** Tensors in and out of {@link ServedModel.run}: onnxruntime's shape of a tensor. */
export interface RunTensor {
  type: string;
  dims: readonly number[];
  data: ArrayLike<unknown>;
}

/** A loaded model. Create with {@link ServedModel.load}. */
export class ServedModel {
  /** session.run calls so far (tests and /metrics read it). */
  sessionRuns = 0;
  /** Inputs by name, for validating each request without rebuilding a lookup. */
  readonly inputByName: ReadonlyMap<string, ServedTensor>;
  private readonly outputTypes: ReadonlyMap<string, string>;

  private constructor(
    readonly name: string,
    readonly inputs: ServedTensor[],
    readonly outputs: ServedTensor[],
    readonly loadSeconds: number,
    private readonly model: OnnxModel,
  ) {
    this.inputByName = new Map(inputs.map((t) => [t.name, t]));
    this.outputTypes = new Map(outputs.map((t) => [t.name, t.onnxType]));
  }

  /** ONNX element type of an output. */
  outputType(name: string): string {
    return this.outputTypes.get(name)!;
  }

  /** Loads `spec.path`; throws ModelError when the file is missing, invalid, or has inputs the server cannot carry. */
  static async load(spec: ServeModelSpec): Promise<ServedModel> {
    const started = performance.now();
    // Prepared (ZipMap rewritten away) but not yet opened: tensors the server cannot carry are
    // refused before onnxruntime spends time on a session.
    const prepared = OnnxModel.prepare(await readModelFile(spec.path));
    const inputs = prepared.card.inputs.map((t) => servedTensor(t, 'input'));
    const outputs = prepared.runtimeOutputs.map((t) => servedTensor(t, 'output'));
    const model = await OnnxModel.fromPrepared(prepared);
    const name = spec.name ?? path.basename(spec.path).replace(/\.onnx$/i, '');
    return new ServedModel(name, inputs, outputs, (performance.now() - started) / 1000, model);
  }

  /**
   * True when requests can be stacked along axis 0: every input has a dynamic first dimension and
   * no output declares a fixed one. The batcher still checks each result's first dimension.
   */
  get batchable(): boolean {
    return this.inputs.every((t) => t.shape.length > 0 && t.shape[0] === -1) && this.outputs.every((t) => t.shape.length === 0 || t.shape[0] === -1);
  }

  /** `GET /v2/models/{name}`. */
  get metadata(): V2ModelMetadata {
    const meta = (t: ServedTensor): V2TensorMetadata => ({ name: t.name, datatype: v2Datatype(t.onnxType)!, shape: t.shape });
    return { name: this.name, versions: ['1'], platform: 'onnxruntime_onnx', inputs: this.inputs.map(meta), outputs: this.outputs.map(meta) };
  }

  /** One session.run over ready-made tensors; returns the requested outputs. */
  async run(feeds: Record<string, RunTensor>, outputNames: readonly string[]): Promise<Record<string, RunTensor>> {
    const { Tensor } = onnxRuntime();
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const name in feeds) {
      const t = feeds[name];
      ortFeeds[name] = new Tensor(t.type as 'float32', t.data as Float32Array, t.dims);
    }
    this.sessionRuns++;
    const result = await this.model.session.run(ortFeeds, outputNames);
    const out: Record<string, RunTensor> = {};
    for (const name of outputNames) out[name] = { type: result[name].type, dims: result[name].dims, data: result[name].data as ArrayLike<unknown> };
    return out;
  }

  /** Releases the native session. */
  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

function servedTensor(t: TensorSpec, role: 'input' | 'output'): ServedTensor {
  if (!typeInfo(t.type)) {
    throw new ModelError(`The model's ${role} '${t.name}' is a ${t.type}; posthoc serve carries only FP32, FP64, INT8–INT64, UINT8–UINT64, BOOL and BYTES (string) tensors.`);
  }
  return { name: t.name, onnxType: t.type, shape: t.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1)) };
}
