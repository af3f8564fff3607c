/**
 * An ONNX model as an explanation source: the task and classes it predicts, and a batch predict
 * over float64 feature matrices — straight into onnxruntime for single-matrix-input models
 * ({@link OnnxMatrixRunner}), else through {@link OnnxModel} with the matrix as a table of
 * numeric columns (per-column inputs, fixed batch sizes, integer inputs).
 */
import type { Column, Table } from '../../data/table';
import { ModelError } from '../../errors';
import { resolveClasses } from '../../evaluate/classes';
import { detectTask } from '../../evaluate/task';
import type { ModelCard, OutputKind, Task, TensorSpec } from '../../evaluate/types';
import { chooseOutput, type Prediction } from '../../model/interpretOutput';
import { OnnxModel } from '../../model/onnxRunner';
import type { PredictFn } from '../types';
import { OnnxMatrixRunner } from './onnxMatrix';
import { EXPLAIN_DEFAULTS } from './options';

/** What the pipeline needs from any model: task, classes and predictions in probability space. */
export interface ModelSource {
  format: 'onnx' | 'xgboost' | 'lightgbm';
  fileName: string;
  task: Task;
  /** Class names in output order (classifiers). */
  classes?: string[];
  /** Classifier: N×C probabilities; regression: N×1 values. */
  predictProba: PredictFn;
  /** Raw scores in class order (tree models only). */
  predictMargin?: PredictFn;
  /** Notes about assumptions made (class order, task). */
  notes: string[];
  dispose(): Promise<void>;
}

const SCORE_NAME = /prob|logit|score|sigmoid|softmax/i;

function lastDim(spec: TensorSpec): number | undefined {
  if (spec.shape.length < 2) return spec.shape.length === 1 ? 1 : undefined;
  const d = spec.shape[spec.shape.length - 1];
  return typeof d === 'number' ? d : undefined;
}

/** The task judged from the model alone (no label column): declared classes, output width, output name. */
export function taskFromCard(card: ModelCard, outputs: readonly TensorSpec[], outputName?: string): Task {
  if (card.class_labels && card.class_labels.length > 0) return card.class_labels.length <= 2 ? 'binary' : 'multiclass';
  const out = chooseOutput(outputs, 'binary', outputName);
  const width = lastDim(out);
  if (width !== undefined && width >= 2) return width === 2 ? 'binary' : 'multiclass';
  return SCORE_NAME.test(out.name) ? 'binary' : 'regression';
}

/** A float64 row-major matrix as a table of numeric columns named after the features. */
export function matrixTable(x: Float64Array, nRows: number, features: readonly string[]): Table {
  const m = features.length;
  const cols = features.map(() => new Float64Array(nRows));
  // Row by row: one sequential read of x, m sequential write streams.
  for (let i = 0, k = 0; i < nRows; i++) for (let j = 0; j < m; j++, k++) cols[j][i] = x[k];
  const columns: Column[] = features.map((name, j) => ({ name, kind: 'number', values: cols[j] }));
  return { columns, nRows };
}

/** Options of {@link openOnnxSource}. */
export interface OnnxSourceOptions {
  features: string[];
  /** Some data rows, to read the output kind and class count from. */
  probe: { x: Float64Array; nRows: number };
  label?: Column;
  task?: Task;
  output?: string;
  outputKind?: OutputKind;
  signal?: AbortSignal;
  /** Always go through OnnxModel and a table (tests compare both paths). */
  viaTable?: boolean;
}

/** Loads an ONNX model and works out its task and classes from a probe prediction. */
export async function openOnnxSource(path: string, opts: OnnxSourceOptions): Promise<ModelSource> {
  const m = opts.features.length;
  const direct = opts.viaTable ? undefined : await OnnxMatrixRunner.open(path, m);
  const model = direct ?? (await OnnxModel.load(path));
  try {
    const task = opts.task ?? (opts.label ? detectTask(model.card, opts.label, opts.output) : taskFromCard(model.card, model.runtimeOutputs, opts.output));
    let outputKind = opts.outputKind;
    const batchSize = EXPLAIN_DEFAULTS.batchSize;
    const run = (x: Float64Array, n: number, signal?: AbortSignal): Promise<Prediction> =>
      direct
        ? direct.predict(x, n, m, { task, output: opts.output, outputKind, batchSize, signal })
        : (model as OnnxModel).predict(matrixTable(x, n, opts.features), opts.features, { task, output: opts.output, outputKind, batchSize, signal });
    const probe = await run(opts.probe.x, opts.probe.nRows, opts.signal);
    // Read every later batch the same way: synthetic rows must not flip probabilities/logits detection.
    outputKind ??= probe.kind;
    if (probe.labels) {
      throw new ModelError(`Output '${probe.outputName}' holds predicted labels only; explanations need scores. Choose a probabilities or logits output with --output.`);
    }
    const notes: string[] = [];
    let classes: string[] | undefined;
    if (task !== 'regression') {
      if (opts.label) {
        const resolved = resolveClasses(probe, opts.label);
        classes = resolved.classes;
        if (resolved.warning) notes.push(resolved.warning);
      } else {
        classes = probe.classes ?? Array.from({ length: probe.nClasses ?? 2 }, (_, i) => String(i));
        if (!probe.classes) notes.push(`The model does not name its classes; they are called ${classes.join(', ')} in output order.`);
      }
    }
    const predictProba: PredictFn = async (x, n, signal) => {
      const p = await run(x, n, signal);
      const out = p.proba ?? p.values;
      if (!out) throw new ModelError(`Output '${p.outputName}' gave no scores.`);
      return out;
    };
    return { format: 'onnx', fileName: model.card.file_name, task, classes, predictProba, notes, dispose: () => model.dispose() };
  } catch (e) {
    await model.dispose();
    throw e;
  }
}
