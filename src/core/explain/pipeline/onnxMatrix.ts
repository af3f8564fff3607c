/**
 * A fast path for the common ONNX layout — one float/double input of shape [N, F] with a dynamic
 * batch axis — fed straight from the explainers' row-major float64 matrices.
 *
 * Why: OnnxModel.predict takes a Table, so a matrix would be split into columns and packed back
 * into rows on every call. Measured on the breast-cancer MLP (100 000 rows × 30 features, 2-core
 * machine): about 70 ms per call here (10 ms of it the float32 pack) against 130–180 ms through a
 * table; a 10-row KernelSHAP run (2.1 M model rows) went from 4.2 s to 1.8 s. Other layouts (one
 * input per column, fixed batch sizes, integer inputs) go through OnnxModel.
 */
import type * as ort from 'onnxruntime-node';
import { ModelError, throwIfAborted } from '../../errors';
import type { ModelCard, OutputKind, Task, TensorSpec } from '../../evaluate/types';
import { chooseOutput, interpretOutput, type Prediction } from '../../model/interpretOutput';
import { OnnxModel, onnxRuntime } from '../../model/onnxRunner';
import { readModelFile } from '../../onnx/modelFile';

/** Options of {@link OnnxMatrixRunner.predict}. */
export interface MatrixPredictOptions {
  task: Task;
  output?: string;
  outputKind?: OutputKind;
  batchSize: number;
  signal?: AbortSignal;
}

/** True when `input` is a float/double [N, F] tensor with a dynamic N and F = nFeatures (or unknown). */
function isMatrixInput(input: TensorSpec, nFeatures: number): boolean {
  if (input.type !== 'float' && input.type !== 'double') return false;
  if (input.shape.length !== 2 || typeof input.shape[0] === 'number') return false;
  const width = input.shape[1];
  return typeof width !== 'number' || width === nFeatures;
}

/** An onnxruntime session run directly on float64 matrices. */
export class OnnxMatrixRunner {
  private constructor(
    /** The loaded model (ZipMap rewritten away, as OnnxModel loads every model). */
    private readonly model: OnnxModel,
    private readonly input: TensorSpec,
  ) {}

  /** What the file declares (see {@link OnnxModel.card}). */
  get card(): ModelCard {
    return this.model.card;
  }

  /** The outputs the session returns (see {@link OnnxModel.runtimeOutputs}). */
  get runtimeOutputs(): TensorSpec[] {
    return this.model.runtimeOutputs;
  }

  /** Opens the model when its layout suits the fast path; undefined otherwise (use OnnxModel). */
  static async open(path: string, nFeatures: number): Promise<OnnxMatrixRunner | undefined> {
    const file = await readModelFile(path);
    if (file.card.inputs.length !== 1 || !isMatrixInput(file.card.inputs[0], nFeatures)) return undefined;
    return new OnnxMatrixRunner(await OnnxModel.fromFile(file), file.card.inputs[0]);
  }

  /** Predicts the rows of row-major `x` (nRows × nFeatures) in batches. */
  async predict(x: Float64Array, nRows: number, nFeatures: number, opts: MatrixPredictOptions): Promise<Prediction> {
    const output = chooseOutput(this.runtimeOutputs, opts.task, opts.output);
    if (output.type.includes('<')) throw new ModelError(`Output '${output.name}' is a ${output.type}, not a tensor; choose another with --output.`);
    const { Tensor } = onnxRuntime();
    const batch = Math.max(1, opts.batchSize);
    let numbers: Float64Array | undefined;
    let strings: string[] | undefined;
    let nCols = 0;
    for (let start = 0; start < nRows; start += batch) {
      throwIfAborted(opts.signal);
      const end = Math.min(nRows, start + batch);
      const rows = end - start;
      const slice = x.subarray(start * nFeatures, end * nFeatures);
      const feed = this.input.type === 'double' ? new Tensor('float64', slice, [rows, nFeatures]) : new Tensor('float32', Float32Array.from(slice), [rows, nFeatures]);
      let t: ort.Tensor;
      try {
        t = (await this.model.session.run({ [this.input.name]: feed }, [output.name]))[output.name];
      } catch (err) {
        throw new ModelError(`onnxruntime failed on rows ${start + 1}–${end}: ${(err as Error).message}`);
      }
      if (t.dims.length === 0 || t.dims.length > 2 || t.dims[0] < rows) {
        throw new ModelError(`Output '${output.name}' has shape [${t.dims.join(', ')}]; expected [N] or [N, C] with one row per input row.`);
      }
      const cols = t.dims.length === 2 ? t.dims[1] : 1;
      if (nCols !== 0 && cols !== nCols) throw new ModelError(`Output '${output.name}' changed width between batches (${nCols} then ${cols}).`);
      nCols = cols;
      const data = t.data;
      if (Array.isArray(data)) {
        strings ??= [];
        for (let r = 0; r < rows; r++) strings.push(String(data[r]));
      } else {
        numbers ??= new Float64Array(nRows * cols);
        const count = rows * cols;
        if (data instanceof BigInt64Array || data instanceof BigUint64Array) for (let i = 0; i < count; i++) numbers[start * cols + i] = Number(data[i]);
        else numbers.set((data as Float32Array).subarray(0, count), start * cols);
      }
    }
    const raw = { name: output.name, type: output.type, nRows, nCols: Math.max(1, nCols), ...(strings ? { strings } : { numbers: numbers ?? new Float64Array(0) }) };
    return interpretOutput(raw, { task: opts.task, outputKind: opts.outputKind, classes: this.card.class_labels });
  }

  /** Releases the native session. */
  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
