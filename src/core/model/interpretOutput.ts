/**
 * Chooses which model output to read and what it holds (probabilities, logits, labels or
 * values), and turns it into a {@link Prediction} the metrics can use directly.
 */
import { ModelError, UsageError, listNames } from '../errors';
import type { OutputKind, Task, TensorSpec } from '../evaluate/types';

/** What a model predicted for every row, read from one output. */
export interface Prediction {
  outputName: string;
  kind: OutputKind;
  /** True when `kind` was inferred from the values, false when the caller set it. */
  detected: boolean;
  nRows: number;
  /** Columns of `proba` (2 for a binary model with a single-score output). */
  nClasses?: number;
  /** N×C row-major class probabilities (logits already softmaxed/sigmoided). */
  proba?: Float64Array;
  /** Predicted labels, for models that only output labels. */
  labels?: string[];
  /** Regression predictions. */
  values?: Float64Array;
  /** Class names in `proba` column order, when the model declares them. */
  classes?: string[];
}

/** One output's values for all rows: numbers row-major N×C, or strings (N) for string/label outputs. */
export interface RawOutput {
  name: string;
  /** ONNX element type name: float, double, int64, string, ... */
  type: string;
  nRows: number;
  nCols: number;
  numbers?: Float64Array;
  strings?: string[];
}

const FLOAT_TYPES = new Set(['float', 'double', 'float16', 'bfloat16']);
const SCORE_NAME = /prob|score|logit|softmax|sigmoid|output_probability/i;

/**
 * The output to read: `requested` if given (must exist), else the best candidate for `task`:
 * float outputs before integer/string ones, score-like names ("probabilities", "logits") first.
 */
export function chooseOutput(outputs: readonly TensorSpec[], task: Task, requested?: string): TensorSpec {
  const names = outputs.map((o) => o.name);
  if (requested !== undefined) {
    const hit = outputs.find((o) => o.name === requested);
    if (!hit) throw new UsageError(`The model has no output named '${requested}'; outputs are: ${listNames(names)}.`);
    return hit;
  }
  const score = (o: TensorSpec): number => {
    if (!FLOAT_TYPES.has(o.type)) return o.type === 'string' || o.type.startsWith('int') ? 1 : 0;
    return task === 'regression' ? (SCORE_NAME.test(o.name) ? 2 : 3) : SCORE_NAME.test(o.name) ? 3 : 2;
  };
  let best = outputs[0];
  for (const o of outputs) if (score(o) > score(best)) best = o;
  if (!best || score(best) === 0) throw new ModelError(`None of the model's outputs can be read as predictions (outputs: ${listNames(names)}).`);
  return best;
}

/** What `raw` holds, judged from its type, shape and values (see the module comment for rules). */
export function detectOutputKind(raw: RawOutput, task: Task): OutputKind {
  if (raw.strings || !FLOAT_TYPES.has(raw.type)) return task === 'regression' && !raw.strings ? 'values' : 'labels';
  if (task === 'regression') return 'values';
  const v = raw.numbers!;
  let inUnit = true;
  for (let i = 0; i < v.length && inUnit; i++) inUnit = !(v[i] < 0 || v[i] > 1);
  if (raw.nCols === 1) {
    if (task === 'multiclass' && v.every(Number.isInteger)) return 'labels';
    return inUnit ? 'probabilities' : 'logits';
  }
  if (!inUnit) return 'logits';
  for (let r = 0; r < raw.nRows; r++) {
    let sum = 0;
    for (let c = 0; c < raw.nCols; c++) sum += v[r * raw.nCols + c];
    if (Math.abs(sum - 1) > 1e-3 && !Number.isNaN(sum)) return 'logits';
  }
  return 'probabilities';
}

/** Reads `raw` as `outputKind` (or the detected kind) for `task`. `classes` are the model's class labels, if known. */
export function interpretOutput(raw: RawOutput, opts: { task: Task; outputKind?: OutputKind; classes?: readonly string[] }): Prediction {
  const kind = opts.outputKind ?? detectOutputKind(raw, opts.task);
  const base = { outputName: raw.name, kind, detected: opts.outputKind === undefined, nRows: raw.nRows };
  if (kind === 'labels') {
    if (raw.nCols !== 1) throw new ModelError(`Output '${raw.name}' has ${raw.nCols} columns; labels need one value per row.`);
    const labels = raw.strings ?? Array.from(raw.numbers!, String);
    return { ...base, labels, ...(opts.classes ? { classes: [...opts.classes] } : {}) };
  }
  if (!raw.numbers) throw new ModelError(`Output '${raw.name}' holds ${raw.type} values; it cannot be read as ${kind}.`);
  if (kind === 'values') {
    if (raw.nCols !== 1) {
      throw new ModelError(`Output '${raw.name}' has ${raw.nCols} values per row; regression needs one. Pick another output with --output.`);
    }
    return { ...base, values: Float64Array.from(raw.numbers) };
  }
  const proba = kind === 'logits' ? fromLogits(raw.numbers, raw.nCols) : fromProbabilities(raw.numbers, raw.nCols);
  const nClasses = raw.nCols === 1 ? 2 : raw.nCols;
  const pred: Prediction = { ...base, proba, nClasses };
  if (opts.classes && opts.classes.length === nClasses) pred.classes = [...opts.classes];
  return pred;
}

/** Softmax over each row; a single column is a binary logit, sigmoided into [1-p, p]. */
export function fromLogits(v: Float64Array, nCols: number): Float64Array {
  if (nCols === 1) return fromProbabilities(v.map((z) => 1 / (1 + Math.exp(-z))), 1);
  const out = new Float64Array(v.length);
  for (let o = 0; o < v.length; o += nCols) {
    let max = -Infinity;
    for (let c = 0; c < nCols; c++) if (v[o + c] > max) max = v[o + c];
    let sum = 0;
    for (let c = 0; c < nCols; c++) sum += out[o + c] = Math.exp(v[o + c] - max);
    for (let c = 0; c < nCols; c++) out[o + c] /= sum;
  }
  return out;
}

function fromProbabilities(v: Float64Array, nCols: number): Float64Array {
  if (nCols !== 1) return Float64Array.from(v);
  const out = new Float64Array(v.length * 2);
  for (let r = 0; r < v.length; r++) {
    out[2 * r] = 1 - v[r];
    out[2 * r + 1] = v[r];
  }
  return out;
}
