/**
 * Multiclass metrics, matching scikit-learn 1.2 with `sample_weight`. Averages run over the
 * classes present in the true or predicted labels (sklearn's default `labels`); a class is
 * present when it has non-zero weight, so a bootstrap resample acts like the smaller data set.
 */
import { bothClasses, LOG_LOSS_EPS } from './binary';
import { clfCountsBinary, rocAucFromCounts } from './clfcurve';
import { balancedAccuracy, classStats, confusionCounts, kappaFromConfusion, mccFromConfusion, safeDiv, type ClassStats } from './confusion';
import { argsortAscending, type SortedScores } from './sort';

/** Multiclass inputs: class indices, optional row-major N×C probabilities, predicted indices. */
export interface MulticlassData {
  yTrue: Int32Array;
  proba?: Float64Array;
  yPred: Int32Array;
  nClasses: number;
}

/** Row-wise argmax of a row-major N×C matrix (first maximum wins, like numpy). */
export function argmaxRows(proba: Float64Array, nClasses: number): Int32Array {
  const n = proba.length / nClasses;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * nClasses;
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (proba[o + c] > proba[o + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** Per-row multiclass log loss: clip to [eps, 1 − eps], renormalise the row, −log p(true). */
export function multiclassLogLossTerms(yTrue: Int32Array, proba: Float64Array, nClasses: number): Float64Array {
  const out = new Float64Array(yTrue.length);
  const hi = 1 - LOG_LOSS_EPS;
  for (let i = 0; i < yTrue.length; i++) {
    const o = i * nClasses;
    let sum = 0;
    for (let c = 0; c < nClasses; c++) sum += Math.min(Math.max(proba[o + c], LOG_LOSS_EPS), hi);
    out[i] = -Math.log(Math.min(Math.max(proba[o + yTrue[i]], LOG_LOSS_EPS), hi) / sum);
  }
  return out;
}

/**
 * Rank of the true class among the row's scores as sklearn's top_k_accuracy orders them: a
 * stable ascending sort reversed, so among tied scores the higher class index ranks first.
 */
export function trueClassRanks(yTrue: Int32Array, proba: Float64Array, nClasses: number): Int32Array {
  const out = new Int32Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const o = i * nClasses;
    const t = yTrue[i];
    const s = proba[o + t];
    let rank = 0;
    for (let c = 0; c < nClasses; c++) {
      const v = proba[o + c];
      if (v > s || (v === s && c > t)) rank++;
    }
    out[i] = rank;
  }
  return out;
}

/** One class's column of a row-major matrix. */
export function column(proba: Float64Array, nClasses: number, c: number): Float64Array {
  const n = proba.length / nClasses;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = proba[i * nClasses + c];
  return out;
}

/** One-vs-rest 0/1 labels for class c. */
export function oneVsRest(yTrue: Int32Array, c: number): Uint8Array {
  const out = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) out[i] = yTrue[i] === c ? 1 : 0;
  return out;
}

/** Averaged label metrics from a C×C confusion matrix over the present classes. */
export function multiclassLabelMetrics(m: Float64Array, C: number, present: Uint8Array): { metrics: Record<string, number>; stats: ClassStats } {
  const stats = classStats(m, C);
  let k = 0;
  let p = 0;
  let r = 0;
  let f = 0;
  let fw = 0;
  let sw = 0;
  let tp = 0;
  let pred = 0;
  let sup = 0;
  for (let c = 0; c < C; c++) {
    if (!present[c]) continue;
    k++;
    p += stats.precision[c];
    r += stats.recall[c];
    f += stats.f1[c];
    fw += stats.f1[c] * stats.support[c];
    sw += stats.support[c];
    tp += stats.tp[c];
    pred += stats.predicted[c];
    sup += stats.support[c];
  }
  const microP = safeDiv(tp, pred);
  const microR = safeDiv(tp, sup);
  const metrics = {
    accuracy: safeDiv(tp, sup),
    balanced_accuracy: balancedAccuracy(stats),
    precision_macro: p / k,
    recall_macro: r / k,
    f1_macro: f / k,
    f1_micro: safeDiv(2 * microP * microR, microP + microR),
    f1_weighted: safeDiv(fw, sw),
    cohen_kappa: kappaFromConfusion(m, C),
    mcc: mccFromConfusion(m, C),
  };
  return { metrics, stats };
}

/** A prepared multiclass data set: call with row weights to get all metrics (no curves). */
export type MulticlassScorer = (weights: Float64Array | undefined) => Record<string, number>;

/**
 * Prepares `data` once (per-class score sorts, per-row losses and ranks) and returns a function
 * computing every multiclass metric for a weighting of the rows. roc_auc_ovr is NaN when some
 * class has no positive or no negative weight (sklearn refuses such data).
 */
export function multiclassScorer(data: MulticlassData, sortedColumns?: SortedScores[]): MulticlassScorer {
  const { yTrue, proba, yPred, nClasses: C } = data;
  const n = yTrue.length;
  const logLoss = proba ? multiclassLogLossTerms(yTrue, proba, C) : undefined;
  const ranks = proba && C > 3 ? trueClassRanks(yTrue, proba, C) : undefined;
  const sorted = proba ? (sortedColumns ?? Array.from({ length: C }, (_, c) => argsortAscending(column(proba, C, c)))) : undefined;
  const ovr = proba ? Array.from({ length: C }, (_, c) => oneVsRest(yTrue, c)) : undefined;
  return (weights) => {
    const m = confusionCounts(yTrue, yPred, C, weights);
    const present = new Uint8Array(C);
    for (let i = 0; i < n; i++) {
      if (weights && weights[i] === 0) continue;
      present[yTrue[i]] = 1;
      present[yPred[i]] = 1;
    }
    const out = multiclassLabelMetrics(m, C, present).metrics;
    if (logLoss && sorted && ovr) {
      let ll = 0;
      let top2 = 0;
      let top3 = 0;
      let wsum = 0;
      for (let i = 0; i < n; i++) {
        const w = weights ? weights[i] : 1;
        ll += w * logLoss[i];
        wsum += w;
        if (ranks) {
          if (ranks[i] < 2) top2 += w;
          if (ranks[i] < 3) top3 += w;
        }
      }
      out.log_loss = ll / wsum;
      if (ranks) {
        out.top_2_accuracy = top2 / wsum;
        out.top_3_accuracy = top3 / wsum;
      }
      let auc = 0;
      for (let c = 0; c < C && Number.isFinite(auc); c++) {
        const counts = clfCountsBinary(sorted[c], ovr[c], weights);
        auc += bothClasses(counts) ? rocAucFromCounts(counts) : NaN;
      }
      out.roc_auc_ovr = auc / C;
    }
    return out;
  };
}
