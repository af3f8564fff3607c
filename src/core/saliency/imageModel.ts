/**
 * An image classifier behind onnxruntime, seen as a batch scoring function. Models with a
 * fixed batch axis of 1 get that axis freed when the graph turns out to be per-row (checked on
 * two images); otherwise they are called once per image. Others get batches up to `maxBatch`.
 */
import { onnx } from 'onnx-proto';
import type * as ort from 'onnxruntime-node';
import { CancelledError, ModelError } from '../errors';
import { onnxRuntime } from '../model/onnxRunner';
import type { TensorSpec } from '../evaluate/types';
import { findLastConvActivation } from '../onnx/grad';
import { modelCard } from '../onnx/modelCard';
import { decodeModel, readModelFile, type OnnxModelFile } from '../onnx/modelFile';
import { relaxBatchAxis } from '../onnx/grad/session';
import type { ImageModelFn } from './types';

/** Batch cap by element count, so a batch of big images stays within a few tens of MB. */
const MAX_BATCH_ELEMENTS = 1 << 23;

/**
 * A loaded ONNX image model. It keeps the decoded file, so one load serves every map of an image
 * (methods × targets) without reading or parsing the protobuf again.
 */
export class OnnxImageModel implements ImageModelFn {
  private convLayerCache?: { name: string | undefined };

  private constructor(
    /** The file as read and decoded once: bytes (for gradient graphs), ModelProto and card. */
    readonly file: OnnxModelFile,
    private readonly session: ort.InferenceSession,
    readonly input: TensorSpec,
    readonly output: TensorSpec,
    readonly inputDims: number[],
    readonly nClasses: number,
    readonly maxBatch: number,
    /** True when the model declared a fixed batch of 1 and runs batched here (see the class note). */
    readonly batchRelaxed = false,
  ) {}

  /** Reads, decodes and loads a model file for images of shape `inputDims` ([1, …]). */
  static async load(modelPath: string, inputDims: number[], output?: string): Promise<OnnxImageModel> {
    return OnnxImageModel.fromFile(await readModelFile(modelPath), inputDims, output);
  }

  /** Loads model bytes (decoded here); `name` is used in messages. See {@link fromFile}. */
  static async fromBytes(bytes: Uint8Array, inputDims: number[], name = 'model', output?: string): Promise<OnnxImageModel> {
    const model = decodeModel(bytes, name);
    return OnnxImageModel.fromFile({ path: name, bytes, model, card: modelCard(model, name, bytes.length) }, inputDims, output);
  }

  /**
   * Loads an already decoded model file; `inputDims` is the image's shape ([1, …]) so dynamic
   * dims are known. The first output is scored; pass `output` to choose another.
   */
  static async fromFile(file: OnnxModelFile, inputDims: number[], output?: string): Promise<OnnxImageModel> {
    const { card, path: name } = file;
    if (card.inputs.length !== 1) throw new ModelError(`Saliency needs a model with one image input; ${name} has ${card.inputs.length} (${card.inputs.map((i) => i.name).join(', ')}).`);
    const out = output ? card.outputs.find((o) => o.name === output) : card.outputs[0];
    if (!out) throw new ModelError(`Output '${output}' not found; outputs are: ${card.outputs.map((o) => o.name).join(', ')}.`);
    const declared = card.inputs[0].shape;
    if (declared.length === inputDims.length) {
      declared.forEach((d, i) => {
        if (i > 0 && typeof d === 'number' && d !== inputDims[i]) {
          throw new ModelError(`The input has shape [${inputDims.join(', ')}] but the model expects [${declared.join(', ')}]; preprocess the image to the model's size.`);
        }
      });
    }
    const size = inputDims.reduce((a, b) => a * b, 1);
    const batched = Math.max(1, Math.min(256, Math.floor(MAX_BATCH_ELEMENTS / size)));
    if (declared[0] === 1) {
      const relaxed = await OnnxImageModel.tryRelaxedBatch(file, card.inputs[0], out, inputDims, batched);
      if (relaxed) return relaxed;
    }
    const session = await createSession(file.bytes, name);
    const maxBatch = OnnxImageModel.declaresFixedBatch(file) ? 1 : batched;
    const model = new OnnxImageModel(file, session, card.inputs[0], out, inputDims, 0, maxBatch);
    const probe = await model.runBatch(new Float32Array(size), 1);
    return new OnnxImageModel(file, session, card.inputs[0], out, inputDims, probe.length, maxBatch);
  }

  private static declaresFixedBatch(file: OnnxModelFile): boolean {
    return typeof file.card.inputs[0]?.shape[0] === 'number';
  }

  /** True when the file declares a fixed batch axis (gradient graphs then run one image at a time unless `batchRelaxed`). */
  get fixedBatch(): boolean {
    return OnnxImageModel.declaresFixedBatch(this.file);
  }

  /** The activation Grad-CAM uses by default (the last 4-D convolutional one), if any. */
  /** Class names the model carries (ZipMap labels or metadata), when there is one per score. */
  get classLabels(): string[] | undefined {
    const labels = this.file.card.class_labels;
    return labels?.length === this.nClasses ? labels.map(String) : undefined;
  }

  get convLayer(): string | undefined {
    this.convLayerCache ??= { name: findLastConvActivation(this.file.model) };
    return this.convLayerCache.name;
  }

  /**
   * A model exported with batch 1 often computes each row on its own anyway. Frees the batch axis
   * and keeps it free only when two different images scored together give exactly what each gives
   * alone (a Reshape to [1, -1] or any mixing of rows fails that); undefined otherwise.
   */
  private static async tryRelaxedBatch(file: OnnxModelFile, input: TensorSpec, output: TensorSpec, inputDims: number[], maxBatch: number): Promise<OnnxImageModel | undefined> {
    const model = file.model;
    // relaxBatchAxis copies what it changes, so the shared decoded model stays as read.
    const relaxedBytes = onnx.ModelProto.encode({ ...model, graph: relaxBatchAxis(model.graph!) }).finish();
    let session: ort.InferenceSession;
    try {
      session = await onnxRuntime().InferenceSession.create(relaxedBytes, { graphOptimizationLevel: 'all' });
    } catch {
      return undefined;
    }
    const size = inputDims.reduce((a, b) => a * b, 1);
    const a = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 0.731));
    const b = Float32Array.from({ length: size }, (_, i) => Math.cos(i * 0.377));
    const both = new Float32Array(2 * size);
    both.set(b);
    both.set(a, size);
    try {
      const probe = new OnnxImageModel(file, session, input, output, inputDims, 0, 1);
      const one = await probe.runBatch(a, 1);
      const two = await probe.runBatch(both, 2);
      const same = two.length === 2 * one.length && one.every((v, i) => Math.abs(two[one.length + i] - v) <= 1e-5 * (1 + Math.abs(v)));
      if (same) return new OnnxImageModel(file, session, input, output, inputDims, one.length, maxBatch, true);
    } catch {
      // Runs only at batch 1: fall through to the declared shape.
    }
    await session.release();
    return undefined;
  }

  private async runBatch(batch: Float32Array, n: number): Promise<Float32Array> {
    const { Tensor } = onnxRuntime();
    const dims = [n, ...this.inputDims.slice(1)];
    let r: ort.InferenceSession.ReturnType;
    try {
      r = await this.session.run({ [this.input.name]: new Tensor('float32', batch, dims) }, [this.output.name]);
    } catch (err) {
      throw new ModelError(`onnxruntime failed on a batch of ${n} image(s): ${(err as Error).message}`);
    }
    const data = r[this.output.name].data;
    if (!(data instanceof Float32Array)) throw new ModelError(`Output '${this.output.name}' is not float32; saliency needs class scores.`);
    return data;
  }

  /** Scores n images laid end to end; returns n × nClasses. */
  score = async (batch: Float32Array, n: number, signal?: AbortSignal): Promise<Float32Array> => {
    const size = batch.length / n;
    const out = new Float32Array(n * this.nClasses);
    for (let s = 0; s < n; s += this.maxBatch) {
      if (signal?.aborted) throw new CancelledError();
      const e = Math.min(n, s + this.maxBatch);
      out.set((await this.runBatch(batch.subarray(s * size, e * size), e - s)).subarray(0, (e - s) * this.nClasses), s * this.nClasses);
    }
    return out;
  };

  /** Releases the native session. */
  async dispose(): Promise<void> {
    await this.session.release();
  }
}

async function createSession(bytes: Uint8Array, name: string): Promise<ort.InferenceSession> {
  try {
    return await onnxRuntime().InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
  } catch (err) {
    throw new ModelError(`onnxruntime could not load ${name}: ${(err as Error).message}`);
  }
}

/**
 * Scores many perturbed images produced on the fly: `fill(i, buf)` writes image i into `buf`.
 * Returns the target column of every image. Batches follow the model's `maxBatch`.
 */
export async function scoreGenerated(model: ImageModelFn, size: number, count: number, target: number, fill: (i: number, buf: Float32Array) => void, signal?: AbortSignal): Promise<Float64Array> {
  const batch = Math.max(1, Math.min(count, model.maxBatch, 64));
  const buf = new Float32Array(batch * size);
  const out = new Float64Array(count);
  for (let s = 0; s < count; s += batch) {
    const e = Math.min(count, s + batch);
    for (let i = s; i < e; i++) fill(i, buf.subarray((i - s) * size, (i - s + 1) * size));
    const scores = await model.score(buf.subarray(0, (e - s) * size), e - s, signal);
    for (let i = s; i < e; i++) out[i] = scores[(i - s) * model.nClasses + target];
  }
  return out;
}
