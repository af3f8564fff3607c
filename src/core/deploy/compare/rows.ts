/**
 * Per-row views of a prediction for comparing variants: the predicted class index and the score
 * shown for it, the flipped rows between two variants, output differences, per-class metrics.
 */
import type { Prediction } from '../../model/interpretOutput';
import type { EvaluationResult } from '../../evaluate/types';
import type { FlippedRow, VariantSummary } from './types';

/** Predicted class index per row and the score behind it, the way evaluate() decides. */
export interface RowCalls {
  classIndex: Int32Array;
  /** P(positive) for binary, probability of `classIndex` otherwise; NaN for label-only models. */
  score: Float64Array;
}

/**
 * Reads class calls from `p` in the class order of `ev` (binary: score ≥ threshold on the
 * positive column; multiclass: argmax; label outputs: the label's position).
 */
export function rowCalls(p: Prediction, ev: EvaluationResult): RowCalls {
  const classes = ev.classes ?? [];
  const n = p.nRows;
  const classIndex = new Int32Array(n);
  const score = new Float64Array(n).fill(NaN);
  if (p.proba) {
    const c = p.nClasses ?? classes.length;
    const pos = ev.positive_class !== undefined ? classes.indexOf(ev.positive_class) : -1;
    for (let i = 0; i < n; i++) {
      if (ev.task === 'binary' && pos >= 0) {
        const s = p.proba[i * c + pos];
        score[i] = s;
        classIndex[i] = s >= (ev.threshold ?? 0.5) ? pos : 1 - pos;
      } else {
        let best = 0;
        for (let k = 1; k < c; k++) if (p.proba[i * c + k] > p.proba[i * c + best]) best = k;
        classIndex[i] = best;
        score[i] = p.proba[i * c + best];
      }
    }
  } else if (p.labels) {
    for (let i = 0; i < n; i++) classIndex[i] = classes.indexOf(p.labels[i]);
  }
  return { classIndex, score };
}

/** The score of `cls` in row `i` (binary: P(positive) whatever the class). */
export function scoreOf(p: Prediction, ev: EvaluationResult, i: number, cls: number): number {
  if (!p.proba) return NaN;
  const c = p.nClasses ?? 1;
  if (ev.task === 'binary' && ev.positive_class !== undefined) return p.proba[i * c + (ev.classes ?? []).indexOf(ev.positive_class)];
  return p.proba[i * c + cls];
}

/** Rows whose call differs; the variant's score is read for the baseline's class (binary: P(positive)). */
export function flippedRows(base: Prediction, baseCalls: RowCalls, variant: Prediction, varCalls: RowCalls, ev: EvaluationResult, labels: readonly string[]): FlippedRow[] {
  const classes = ev.classes ?? [];
  const out: FlippedRow[] = [];
  for (let i = 0; i < baseCalls.classIndex.length; i++) {
    const a = baseCalls.classIndex[i];
    const b = varCalls.classIndex[i];
    if (a === b) continue;
    out.push({
      row: i,
      label: labels[i],
      baseline_class: classes[a] ?? String(a),
      baseline_score: scoreOf(base, ev, i, a),
      variant_class: classes[b] ?? String(b),
      variant_score: scoreOf(variant, ev, i, a),
    });
  }
  return out;
}

/** Max and mean |a − b| over the numbers of two predictions' outputs. */
export function outputDiff(a: Prediction, b: Prediction): { max_abs: number; mean_abs: number } {
  const x = a.proba ?? a.values;
  const y = b.proba ?? b.values;
  if (!x || !y || x.length !== y.length || x.length === 0) return { max_abs: NaN, mean_abs: NaN };
  let max = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (d > max) max = d;
    sum += d;
  }
  return { max_abs: max, mean_abs: sum / x.length };
}

/** Per-class precision, recall, F1 and support from a confusion matrix (rows true, columns predicted). */
export function perClassFromConfusion(cm: { labels: string[]; matrix: number[][] }): NonNullable<VariantSummary['per_class']> {
  return cm.labels.map((name, k) => {
    const tp = cm.matrix[k][k];
    const support = cm.matrix[k].reduce((a, b) => a + b, 0);
    const predicted = cm.matrix.reduce((a, row) => a + row[k], 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { class: name, precision, recall, f1, support };
  });
}
