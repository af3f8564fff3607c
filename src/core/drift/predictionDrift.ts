/**
 * Prediction drift: run one ONNX model on both datasets and compare what it predicts — the
 * predicted class (categorical) and, for binary models, the positive-class score (numeric);
 * for regression, the predicted value — with the same tests the columns get.
 */
import type { Column, Table } from '../data/table';
import type { Task, TensorSpec } from '../evaluate/types';
import { OnnxModel } from '../model/onnxRunner';
import { chooseOutput, type Prediction } from '../model/interpretOutput';
import { columnDrift, columnSamples } from './columnDrift';
import type { DriftHooks, DriftTestName, PredictionDrift } from './types';

/** Task from the model alone: declared classes or a score width ≥ 2 mean classification. */
export function modelTask(classLabels: readonly string[] | undefined, outputs: readonly TensorSpec[], task?: Task): Task {
  if (task) return task;
  if (classLabels && classLabels.length > 0) return classLabels.length <= 2 ? 'binary' : 'multiclass';
  const out = chooseOutput(outputs, 'binary');
  const width = out.shape.length >= 2 ? out.shape[out.shape.length - 1] : 1;
  if (typeof width === 'number' && width >= 2) return width === 2 ? 'binary' : 'multiclass';
  if (out.type === 'string' || out.type.startsWith('int')) return 'multiclass';
  return 'regression';
}

/** The columns a prediction turns into: predicted class, positive-class score, or value. */
function predictionColumns(p: Prediction, task: Task): Column[] {
  if (task === 'regression' || (!p.proba && p.values)) return [{ name: 'prediction', kind: 'number', values: p.values ?? new Float64Array(p.nRows) }];
  if (p.labels) return [{ name: 'predicted class', kind: 'string', values: [...p.labels] }];
  const c = p.nClasses ?? 2;
  const proba = p.proba!;
  const names = p.classes ?? Array.from({ length: c }, (_, k) => String(k));
  const predicted: string[] = [];
  for (let i = 0; i < p.nRows; i++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (proba[i * c + k] > proba[i * c + best]) best = k;
    predicted.push(names[best]);
  }
  const cols: Column[] = [{ name: 'predicted class', kind: 'string', values: predicted }];
  if (c === 2) cols.push({ name: `score (${names[1]})`, kind: 'number', values: Float64Array.from({ length: p.nRows }, (_, i) => proba[i * 2 + 1]) });
  return cols;
}

/** Runs the model on both tables and compares its outputs. */
export async function predictionDrift(
  modelPath: string,
  reference: Table,
  current: Table,
  features: readonly string[],
  opts: { test: DriftTestName | 'auto'; threshold?: number; task?: Task },
  hooks: DriftHooks,
): Promise<PredictionDrift> {
  const model = await OnnxModel.load(modelPath);
  try {
    const task = modelTask(model.card.class_labels, model.runtimeOutputs, opts.task);
    const run = (table: Table, what: string, from: number) =>
      model.predict(table, features, { task, signal: hooks.signal, onProgress: (f) => hooks.onProgress?.(`predicting on the ${what} data`, from + f / 2) });
    const refPred = await run(reference, 'reference', 0);
    const curPred = await run(current, 'current', 0.5);
    const refCols = predictionColumns(refPred, task);
    const curCols = predictionColumns(curPred, task);
    const columns = refCols.map((col, i) => columnDrift(columnSamples(col, curCols[i]), opts.test, reference.nRows, opts.threshold));
    return { model: model.card.file_name, task, output: refPred.outputName, columns, drift: columns.some((c) => c.drift) };
  } finally {
    await model.dispose();
  }
}
