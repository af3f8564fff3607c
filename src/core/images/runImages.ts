/**
 * Runs an ONNX image model over a list of image files in batches. Decoding is pipelined: while
 * onnxruntime runs batch k, the next batches are decoded: by worker threads (DecodePool) on long
 * runs when there are cores to spare, else here; sharp's own pixel work runs on libuv's thread
 * pool either way (see bench/images.bench.ts for the measured overlap).
 */
import type * as ort from 'onnxruntime-node';
import { CancelledError, throwIfAborted } from '../errors';
import type { ModelCard, TensorSpec } from '../evaluate/types';
import { chooseOutput, type RawOutput } from '../model/interpretOutput';
import { OnnxModel, onnxRuntime, OutputCollector } from '../model/onnxRunner';
import { readModelFile } from '../onnx/modelFile';
import { DecodePool, decodeWorkerCount } from './decodePool';
import { decodeBatch, tensorDims, type PreprocessSpec } from './preprocess';
import { imageInput } from './spec';

/** An image model loaded into an onnxruntime session. */
export interface ImageSession {
  card: ModelCard;
  /** Outputs the session returns (ZipMap outputs rewritten away). */
  outputs: TensorSpec[];
  input: TensorSpec;
  session: ort.InferenceSession;
}

/** Loads a model for image inference. Throws ModelError for missing/invalid files or non-image inputs. */
export async function loadImageSession(modelPath: string): Promise<ImageSession> {
  const file = await readModelFile(modelPath);
  // Checked before onnxruntime loads anything: a table model is refused at once.
  const input = imageInput(file.card.inputs);
  // onnxruntime's threads spin for a while after each run by default; here they would take the
  // cores that decode the next batch (pipelined decoding ran at 0.65 of decoding alone).
  const model = await OnnxModel.fromFile(file, { extra: { session: { intra_op: { allow_spinning: '0' } } } });
  return { card: model.card, outputs: model.runtimeOutputs, input, session: model.session };
}

export interface RunImagesOptions {
  /** Output name to read; chooseOutput picks when absent. */
  output?: string;
  batchSize: number;
  /** Set when the model's batch axis is fixed: every call gets exactly this many (padded) images. */
  fixedBatch?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Worker threads decoding images (0: decode in this thread); see decodeWorkerCount for the default. */
  decodeWorkers?: number;
}

function toFeed(data: Float32Array, spec: PreprocessSpec, batch: number): ort.Tensor {
  const { Tensor } = onnxRuntime();
  const dims = tensorDims(spec, batch);
  if (spec.dtype === 'uint8') return new Tensor('uint8', Uint8Array.from(data, (v) => Math.min(255, Math.max(0, Math.round(v)))), dims);
  return new Tensor('float32', data, dims);
}

/** Runs the model on every file; returns the chosen output as N×C numbers (or N strings). */
export async function runImages(s: ImageSession, files: readonly string[], spec: PreprocessSpec, opts: RunImagesOptions): Promise<RawOutput> {
  const output = chooseOutput(s.outputs, 'multiclass', opts.output);
  const n = files.length;
  const batch = opts.fixedBatch ?? Math.max(1, opts.batchSize);
  const slots = (start: number) => opts.fixedBatch ?? Math.min(batch, n - start);
  const collector = new OutputCollector(output.name, n, 'images');
  throwIfAborted(opts.signal);
  const workers = decodeWorkerCount(n, batch, opts.decodeWorkers);
  const pool = workers > 0 ? new DecodePool(workers, spec) : undefined;
  const decode = (start: number): Promise<Float32Array> => {
    const end = Math.min(n, start + batch);
    const p = pool ? pool.decode(files.slice(start, end), slots(start)) : decodeBatch(files.slice(start, end), slots(start), spec);
    // Keep a rejected prefetch from being reported as unhandled if we stop early.
    p.catch(() => {});
    return p;
  };
  // Batches decoded ahead of the one onnxruntime runs: one, or one per worker to keep them all busy.
  const ahead: Promise<Float32Array>[] = [];
  let next = 0;
  const refill = () => {
    for (; ahead.length < Math.max(1, workers) && next < n; next += batch) ahead.push(decode(next));
  };
  try {
    refill();
    for (let start = 0; start < n; start += batch) {
      if (opts.signal?.aborted) throw new CancelledError();
      const end = Math.min(n, start + batch);
      const data: Float32Array = await ahead.shift()!;
      refill();
      await collector.runBatch(s.session, { [s.input.name]: toFeed(data, spec, slots(start)) }, start, end);
      opts.onProgress?.(end / n);
    }
  } finally {
    await pool?.close();
  }
  return collector.finish(output.type);
}
