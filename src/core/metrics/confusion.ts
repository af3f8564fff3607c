/**
 * Confusion matrices and the label metrics derived from them. Every classification metric that
 * only looks at predicted labels goes through a (weighted) C×C matrix, as scikit-learn does, so
 * binary and multiclass share one set of formulas.
 */

/** Weighted C×C confusion counts, row-major: `m[t * C + p]` for true t, predicted p. */
export function confusionCounts(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  nClasses: number,
  weights: Float64Array | undefined,
): Float64Array {
  const m = new Float64Array(nClasses * nClasses);
  const n = yTrue.length;
  if (weights) for (let i = 0; i < n; i++) m[yTrue[i] * nClasses + yPred[i]] += weights[i];
  else for (let i = 0; i < n; i++) m[yTrue[i] * nClasses + yPred[i]] += 1;
  return m;
}

/** Row-major counts to the nested-array form of the JSON contract. */
export function toMatrix(m: Float64Array, nClasses: number): number[][] {
  const out: number[][] = [];
  for (let t = 0; t < nClasses; t++) out.push(Array.from(m.subarray(t * nClasses, (t + 1) * nClasses)));
  return out;
}

/** a / b, or 0 when b is 0 (scikit-learn's zero_division default). */
export function safeDiv(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Per-class precision, recall, F1 and (weighted) support from a confusion matrix. */
export interface ClassStats {
  tp: Float64Array;
  predicted: Float64Array;
  support: Float64Array;
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
}

/** Per-class statistics; zero divisions give 0. */
export function classStats(m: Float64Array, nClasses: number): ClassStats {
  const C = nClasses;
  const tp = new Float64Array(C);
  const predicted = new Float64Array(C);
  const support = new Float64Array(C);
  for (let t = 0; t < C; t++) {
    for (let p = 0; p < C; p++) {
      const v = m[t * C + p];
      support[t] += v;
      predicted[p] += v;
    }
    tp[t] = m[t * C + t];
  }
  const precision = new Float64Array(C);
  const recall = new Float64Array(C);
  const f1 = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    precision[c] = safeDiv(tp[c], predicted[c]);
    recall[c] = safeDiv(tp[c], support[c]);
    f1[c] = safeDiv(2 * precision[c] * recall[c], precision[c] + recall[c]);
  }
  return { tp, predicted, support, precision, recall, f1 };
}

/** Matthews correlation from a confusion matrix (the multiclass R_K formula; 0 when undefined). */
export function mccFromConfusion(m: Float64Array, nClasses: number): number {
  const C = nClasses;
  const tSum = new Float64Array(C);
  const pSum = new Float64Array(C);
  let correct = 0;
  for (let t = 0; t < C; t++) {
    for (let p = 0; p < C; p++) {
      tSum[t] += m[t * C + p];
      pSum[p] += m[t * C + p];
    }
    correct += m[t * C + t];
  }
  let n = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let c = 0; c < C; c++) {
    n += pSum[c];
    tp += tSum[c] * pSum[c];
    pp += pSum[c] * pSum[c];
    tt += tSum[c] * tSum[c];
  }
  const covYtYp = correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

/** Cohen's kappa (unweighted agreement) from a confusion matrix; NaN when undefined. */
export function kappaFromConfusion(m: Float64Array, nClasses: number): number {
  const C = nClasses;
  const rows = new Float64Array(C);
  const cols = new Float64Array(C);
  let total = 0;
  for (let t = 0; t < C; t++) {
    for (let p = 0; p < C; p++) {
      rows[t] += m[t * C + p];
      cols[p] += m[t * C + p];
      total += m[t * C + p];
    }
  }
  // Off-diagonal mass observed vs expected under independence.
  let observed = 0;
  let expected = 0;
  for (let t = 0; t < C; t++) {
    for (let p = 0; p < C; p++) {
      if (t === p) continue;
      observed += m[t * C + p];
      expected += (cols[p] * rows[t]) / total;
    }
  }
  return 1 - observed / expected;
}

/**
 * Mean recall over classes whose (weighted) true support is non-zero, as scikit-learn's
 * balanced_accuracy_score drops the NaN recalls of classes only ever predicted.
 */
export function balancedAccuracy(stats: ClassStats): number {
  let s = 0;
  let k = 0;
  for (let c = 0; c < stats.support.length; c++) {
    if (stats.support[c] > 0) {
      s += stats.recall[c];
      k++;
    }
  }
  return k === 0 ? NaN : s / k;
}
