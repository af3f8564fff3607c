/**
 * Runs an ONNX model over a table with onnxruntime-node: load (rewriting ZipMap outputs away),
 * bind the table in batches, read the chosen output, interpret it.
 */
import type * as ort from 'onnxruntime-node';
import { CancelledError, ModelError, throwIfAborted } from '../errors';
import type { ModelCard, OutputKind, Task, TensorSpec } from '../evaluate/types';
import type { Table } from '../data/table';
import { decodeModel, readModelFile, type OnnxModelFile } from '../onnx/modelFile';
import { tensorSpec } from '../onnx/modelCard';
import { removeNonTensorOutputs } from '../onnx/zipmap';
import { planBinding, type FeedTensor } from './bindInputs';
import { chooseOutput, interpretOutput, type Prediction, type RawOutput } from './interpretOutput';

/** Options of {@link OnnxModel.predict}. */
export interface PredictOptions {
  task: Task;
  /** Output to read; default: the best probabilities/scores output. */
  output?: string;
  /** How to read it; default: detected from its values. */
  outputKind?: OutputKind;
  /** Rows per onnxruntime call for models with a dynamic batch axis (default 4096). */
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each batch with the fraction of rows done, 0..1. */
  onProgress?: (fraction: number) => void;
}

/** Rows per onnxruntime call when the model has a dynamic batch axis and the caller sets none. */
export const DEFAULT_BATCH_SIZE = 4096;

let runtime: typeof ort | undefined;
/** onnxruntime-node, loaded on first use: it is a large native module. */
export function onnxRuntime(): typeof ort {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load of a native module
  runtime ??= require('onnxruntime-node') as typeof ort;
  return runtime;
}

/** A model file ready for a session: see {@link OnnxModel.prepare}. */
export interface PreparedOnnxModel {
  /** What the file declares, with the class labels of a rewritten ZipMap filled in. */
  readonly card: ModelCard;
  /** The outputs the session will return, after the ZipMap rewrite. */
  readonly runtimeOutputs: TensorSpec[];
  /** The (rewritten) model bytes onnxruntime loads. */
  readonly bytes: Uint8Array;
}

/** An ONNX model loaded into an onnxruntime session. */
export class OnnxModel {
  private constructor(
    /** What the file declares (ZipMap outputs shown as the file has them). */
    readonly card: ModelCard,
    /** The outputs the session returns, after the ZipMap rewrite. */
    readonly runtimeOutputs: TensorSpec[],
    /** The onnxruntime session, for callers that bind their own feeds (image batches). */
    readonly session: ort.InferenceSession,
  ) {}

  /** Reads, checks and loads a model file. Throws ModelError for missing/invalid files. */
  static async load(path: string): Promise<OnnxModel> {
    return OnnxModel.fromFile(await readModelFile(path));
  }

  /**
   * Loads a file already read and decoded (so callers can check its card first without reading
   * it twice). `options` add to the session options (graph optimisation is always 'all').
   */
  static async fromFile(file: OnnxModelFile, options: ort.InferenceSession.SessionOptions = {}): Promise<OnnxModel> {
    return OnnxModel.fromPrepared(OnnxModel.prepare(file), options);
  }

  /**
   * The first, synchronous half of {@link fromFile}: rewrites ZipMap outputs away, so a caller
   * can check the outputs the session will return before paying for the session (serve refuses
   * tensor types it cannot carry first).
   */
  static prepare(file: OnnxModelFile): PreparedOnnxModel {
    // onnxruntime-node returns tensors only: cut ZipMap outputs down to their probability tensor.
    const rewritten = removeNonTensorOutputs(file.model, file.bytes);
    const runtimeOutputs = rewritten.changed ? (decodeModel(rewritten.bytes, file.path).graph?.output ?? []).map(tensorSpec) : file.card.outputs;
    const card = rewritten.classLabels && !file.card.class_labels ? { ...file.card, class_labels: rewritten.classLabels } : file.card;
    return { card, runtimeOutputs, bytes: rewritten.bytes };
  }

  /** The second half of {@link fromFile}: opens the session; `options` as there. */
  static async fromPrepared(prepared: PreparedOnnxModel, options: ort.InferenceSession.SessionOptions = {}): Promise<OnnxModel> {
    const { card, runtimeOutputs, bytes } = prepared;
    let session: ort.InferenceSession;
    try {
      session = await onnxRuntime().InferenceSession.create(bytes, { ...options, graphOptimizationLevel: 'all' });
    } catch (err) {
      throw new ModelError(`onnxruntime could not load ${card.file_name}: ${(err as Error).message}`);
    }
    return new OnnxModel(card, runtimeOutputs, session);
  }

  /** Predicts every row of `table` from `features` (see {@link planBinding} for how inputs are matched). */
  async predict(table: Table, features: readonly string[], opts: PredictOptions): Promise<Prediction> {
    throwIfAborted(opts.signal);
    const plan = planBinding(this.card.inputs, table, features);
    const output = this.tensorOutput(opts.task, opts.output);
    const n = table.nRows;
    const batch = plan.fixedBatch ?? Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
    const collector = new OutputCollector(output.name, n);
    for (let start = 0; start < n; start += batch) {
      if (opts.signal?.aborted) throw new CancelledError();
      const end = Math.min(n, start + batch);
      await collector.runBatch(this.session, toOrtFeeds(plan.bind(start, end, plan.fixedBatch ?? end - start)), start, end);
      opts.onProgress?.(end / n);
    }
    return interpretOutput(collector.finish(output.type), { task: opts.task, outputKind: opts.outputKind, classes: this.card.class_labels });
  }

  /** The output to read for `task` (`name` when given; see {@link chooseOutput}); ModelError when it is not a tensor. */
  tensorOutput(task: Task, name?: string): TensorSpec {
    const output = chooseOutput(this.runtimeOutputs, task, name);
    if (output.type.includes('<')) throw new ModelError(`Output '${output.name}' is a ${output.type}, not a tensor; choose another with --output.`);
    return output;
  }

  /** Releases the native session. */
  async dispose(): Promise<void> {
    await this.session.release();
  }
}

function toOrtFeeds(feeds: Record<string, FeedTensor>): Record<string, ort.Tensor> {
  const { Tensor } = onnxRuntime();
  const out: Record<string, ort.Tensor> = {};
  for (const [name, f] of Object.entries(feeds)) out[name] = new Tensor(f.type, f.data, f.dims);
  return out;
}

/**
 * Gathers one output over batches into a row-major Float64Array (or strings): every runner that
 * feeds onnxruntime batch by batch (this one, explain's matrix fast path) reads outputs through it.
 */
export class OutputCollector {
  private numbers?: Float64Array;
  private strings?: string[];
  private nCols = 0;

  /**
   * `name` is the output's name (for errors and the result); `nRows` the rows over all batches;
   * `unit` what a row is, in messages ("images" for image models).
   */
  constructor(private readonly name: string, private readonly nRows: number, private readonly unit = 'rows') {}

  /** Runs one batch (rows `start`..`end`, exclusive) for this output and adds what it returns. */
  async runBatch(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, start: number, end: number): Promise<void> {
    let result: ort.InferenceSession.ReturnType;
    try {
      result = await session.run(feeds, [this.name]);
    } catch (err) {
      throw new ModelError(`onnxruntime failed on ${this.unit} ${start + 1}–${end}: ${(err as Error).message}`);
    }
    this.add(result[this.name], start, end);
  }

  /** Adds the output tensor of rows `start`..`end` (exclusive); checks its shape. */
  add(t: ort.Tensor, start: number, end: number): void {
    const rows = end - start;
    if (t.dims.length === 0 || t.dims.length > 2) {
      throw new ModelError(`Output '${this.name}' has shape [${t.dims.join(', ')}]; expected [N] or [N, C] with one row per input row.`);
    }
    const cols = t.dims.length === 2 ? t.dims[1] : 1;
    if (t.dims[0] < rows) throw new ModelError(`Output '${this.name}' returned ${t.dims[0]} rows for a batch of ${rows}.`);
    if (this.nCols === 0) this.nCols = cols;
    else if (cols !== this.nCols) throw new ModelError(`Output '${this.name}' changed width between batches (${this.nCols} then ${cols}).`);
    const data = t.data;
    if (Array.isArray(data)) {
      this.strings ??= new Array<string>(this.nRows);
      for (let r = 0; r < rows; r++) this.strings[start + r] = String(data[r]);
      return;
    }
    this.numbers ??= new Float64Array(this.nRows * cols);
    const count = rows * cols;
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
      for (let i = 0; i < count; i++) this.numbers[start * cols + i] = Number(data[i]);
    } else {
      this.numbers.set((data as Float32Array).subarray(0, count), start * cols);
    }
  }

  /** The gathered output, for {@link interpretOutput}; `type` is the output's declared type. */
  finish(type: string): RawOutput {
    const raw: RawOutput = { name: this.name, type, nRows: this.nRows, nCols: Math.max(1, this.nCols) };
    if (this.strings) raw.strings = this.strings;
    else raw.numbers = this.numbers ?? new Float64Array(0);
    return raw;
  }
}
