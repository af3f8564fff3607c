/**
 * Triton model configuration (config.pbtxt) for an ONNX model, following Triton's documented
 * rules: with max_batch_size > 0 every input and output must have the batch as its first
 * dimension and `dims` leave it out; with max_batch_size 0 `dims` are the full shape. Dynamic
 * dimensions are −1. A tensor whose only dimension is the batch (shape [N]) cannot have empty
 * `dims`, so it is declared `dims: [ 1 ]` with `reshape: { shape: [ ] }`, Triton's documented
 * way to say "the model sees it without that 1".
 */
import { ModelError, UsageError, listNames } from '../../errors';
import type { TensorSpec } from '../../evaluate/types';
import { PbEnum, type PbMessage } from './pbtxt';

/** Triton data types by ONNX element type name (Triton's "Datatypes" table, ONNX column). */
export const TRITON_DATA_TYPES: Readonly<Record<string, string>> = {
  bool: 'TYPE_BOOL', uint8: 'TYPE_UINT8', uint16: 'TYPE_UINT16', uint32: 'TYPE_UINT32', uint64: 'TYPE_UINT64',
  int8: 'TYPE_INT8', int16: 'TYPE_INT16', int32: 'TYPE_INT32', int64: 'TYPE_INT64',
  float16: 'TYPE_FP16', float: 'TYPE_FP32', double: 'TYPE_FP64', bfloat16: 'TYPE_BF16', string: 'TYPE_STRING',
};

/** One input or output of a Triton config. */
export interface TritonTensor {
  name: string;
  data_type: string;
  dims: number[];
  reshape?: { shape: number[] };
}

/** The parts of Triton's ModelConfig that Posthoc writes. */
export interface TritonModelConfig {
  name: string;
  platform: 'onnxruntime_onnx';
  max_batch_size: number;
  input: TritonTensor[];
  output: TritonTensor[];
  /** Present (and empty: Triton's defaults) only when max_batch_size > 0. */
  dynamic_batching?: Record<string, never>;
  instance_group: { count: number; kind: 'KIND_CPU' }[];
}

/** Options of {@link tritonConfig}. */
export interface TritonConfigOptions {
  name: string;
  /** Largest batch Triton may form; undefined: {@link DEFAULT_MAX_BATCH} when the model can batch, else 0. */
  maxBatch?: number;
  /** Model instances on CPU (default 1). */
  instances?: number;
}

/** max_batch_size used when the model has a dynamic first dimension and --max-batch is not given. */
export const DEFAULT_MAX_BATCH = 8;

const dynamic = (d: number | string | null) => typeof d !== 'number' || d < 0;

/** Why the model cannot let Triton batch it, or undefined when it can. */
export function batchingBlocker(inputs: readonly TensorSpec[], outputs: readonly TensorSpec[]): string | undefined {
  for (const t of [...inputs, ...outputs]) {
    if (t.shape.length === 0) return `'${t.name}' is a scalar (no batch dimension)`;
    if (!dynamic(t.shape[0])) return `'${t.name}' fixes its first dimension at ${t.shape[0]}`;
  }
  return undefined;
}

/** Builds the config from the model's tensors (outputs must all be tensors). */
export function tritonConfig(inputs: readonly TensorSpec[], outputs: readonly TensorSpec[], opts: TritonConfigOptions): TritonModelConfig {
  if (inputs.length === 0) throw new ModelError('The model declares no inputs; Triton needs at least one.');
  const instances = opts.instances ?? 1;
  if (!(Number.isInteger(instances) && instances >= 1)) throw new UsageError(`--instances must be a whole number ≥ 1; got ${instances}`);
  const blocker = batchingBlocker(inputs, outputs);
  const maxBatch = opts.maxBatch ?? (blocker ? 0 : DEFAULT_MAX_BATCH);
  if (!(Number.isInteger(maxBatch) && maxBatch >= 0)) throw new UsageError(`--max-batch must be a whole number ≥ 0; got ${opts.maxBatch}`);
  if (maxBatch > 0 && blocker) {
    throw new UsageError(`--max-batch ${maxBatch} needs every input and output to start with a dynamic batch dimension, but ${blocker}. Use --max-batch 0 (no batching).`);
  }
  const tensor = (t: TensorSpec): TritonTensor => {
    const data_type = TRITON_DATA_TYPES[t.type];
    if (!data_type) {
      throw new ModelError(`'${t.name}' has element type ${t.type}, which Triton's ONNX Runtime backend does not take. Supported: ${listNames(Object.keys(TRITON_DATA_TYPES))}.`);
    }
    const shape = (maxBatch > 0 ? t.shape.slice(1) : t.shape).map((d) => (dynamic(d) ? -1 : (d as number)));
    // Triton rejects empty dims; [1] plus an empty reshape is its documented stand-in.
    return shape.length === 0 ? { name: t.name, data_type, dims: [1], reshape: { shape: [] } } : { name: t.name, data_type, dims: shape };
  };
  const config: TritonModelConfig = {
    name: opts.name,
    platform: 'onnxruntime_onnx',
    max_batch_size: maxBatch,
    input: inputs.map(tensor),
    output: outputs.map(tensor),
    instance_group: [{ count: instances, kind: 'KIND_CPU' }],
  };
  if (maxBatch > 0) config.dynamic_batching = {};
  return config;
}

/** The config as a text-format message (enums typed), for writing and round-trip checks. */
export function tritonMessage(c: TritonModelConfig): PbMessage {
  const tensor = (t: TritonTensor): PbMessage => {
    const m: PbMessage = { name: t.name, data_type: new PbEnum(t.data_type), dims: t.dims };
    if (t.reshape) m.reshape = { shape: t.reshape.shape };
    return m;
  };
  const m: PbMessage = { name: c.name, platform: c.platform, max_batch_size: c.max_batch_size, input: c.input.map(tensor), output: c.output.map(tensor) };
  if (c.dynamic_batching) m.dynamic_batching = {};
  m.instance_group = c.instance_group.map((g) => ({ count: g.count, kind: new PbEnum(g.kind) }));
  return m;
}
