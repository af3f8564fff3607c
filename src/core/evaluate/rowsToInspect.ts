/**
 * The rows of an evaluation worth a closer look, picked in one pass with a bounded heap: a
 * classifier's most confident mistakes, a regressor's largest absolute residuals. The report
 * lists them, and in VS Code each gets an "Explain" button (`posthoc explain --rows N`).
 */
import type { Prediction } from '../model/interpretOutput';
import { predictedClassIndices } from './predictedClass';
import { TopK } from './topK';
import type { MistakeRow, ResidualRow, RowsToInspect } from './types';

/** What a classifier predicted, in class indices, as the metrics read it. */
export interface MistakeInput {
  /** True class index per row. */
  yTrue: Int32Array;
  classes: readonly string[];
  /** N×C row-major class probabilities, when the model outputs scores. */
  proba?: Float64Array;
  /** Predicted class index per row, for label-only models (takes precedence, as in the metrics). */
  yPred?: Int32Array;
  /** Binary tasks: the prediction is P(positive) ≥ threshold, not the argmax. */
  binary?: { positive: number; threshold: number };
}

/**
 * The class each row is predicted as, by the rule every report shares ({@link predictedClassIndices}):
 * the given labels, the threshold rule for two-column binary scores, else the first argmax.
 */
function predictedClasses(input: MistakeInput): Int32Array {
  if (input.yPred) return input.yPred;
  const nClasses = input.classes.length;
  const scores: Prediction = { outputName: '', kind: 'probabilities', detected: false, nRows: input.yTrue.length, nClasses, proba: input.proba };
  return predictedClassIndices(scores, input.classes, { binary: nClasses === 2 ? input.binary : undefined });
}

/**
 * The `limit` mistakes the model was most sure of (highest probability of the predicted class;
 * ties to the earlier row). Without probabilities, the first `limit` mistakes in file order.
 */
export function confidentMistakes(input: MistakeInput, limit: number): RowsToInspect {
  const n = input.yTrue.length;
  const nClasses = input.classes.length;
  const scored = !input.yPred && input.proba !== undefined;
  const predictedAt = predictedClasses(input);
  const top = new TopK(limit);
  let mistakes = 0;
  for (let i = 0; i < n; i++) {
    const predicted = predictedAt[i];
    if (predicted === input.yTrue[i]) continue;
    mistakes++;
    // NaN probabilities (a broken model) sort last rather than poisoning the heap.
    const confidence = scored ? input.proba![i * nClasses + predicted] : 0;
    top.push(Number.isNaN(confidence) ? -Infinity : confidence, i);
  }
  const rows = top.result().map((i): MistakeRow => {
    const t = input.yTrue[i];
    const predicted = predictedAt[i];
    const row: MistakeRow = { row: i, true: input.classes[t], predicted: input.classes[predicted] };
    if (scored) {
      row.confidence = input.proba![i * nClasses + predicted];
      row.true_confidence = input.proba![i * nClasses + t];
    }
    return row;
  });
  return { kind: 'confident_mistakes', limit, n_mistakes: mistakes, rows };
}

/** The `limit` rows with the largest |true − predicted| (ties to the earlier row; NaN predictions first). */
export function largestResiduals(y: Float64Array, yhat: Float64Array, limit: number): RowsToInspect {
  const top = new TopK(limit);
  for (let i = 0; i < y.length; i++) {
    const r = Math.abs(y[i] - yhat[i]);
    top.push(Number.isNaN(r) ? Infinity : r, i);
  }
  const rows = top.result().map((i): ResidualRow => ({ row: i, true: y[i], predicted: yhat[i], residual: y[i] - yhat[i] }));
  return { kind: 'largest_residuals', limit, rows };
}

/** Renumbers rows picked among a subset (a cohort) as rows of the whole file. */
export function remapRows(picked: RowsToInspect, subset: Int32Array): RowsToInspect {
  if (picked.kind === 'confident_mistakes') return { ...picked, rows: picked.rows.map((r) => ({ ...r, row: subset[r.row] })) };
  return { ...picked, rows: picked.rows.map((r) => ({ ...r, row: subset[r.row] })) };
}
