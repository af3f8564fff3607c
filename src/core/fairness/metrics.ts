/**
 * Group fairness metrics of a binary classifier, defined as Fairlearn defines them: per group
 * the selection rate P(ŷ=1), TPR, FPR and precision (sample-weighted), and between-group
 * disparities — difference = max − min over groups, ratio = min / max. Groups where a rate is
 * undefined (no positives, say) are left out of that rate's max and min, as pandas skips NaN.
 */

/** The rates of one group (or of all rows). */
export interface GroupRates {
  /** Rows in the group (unweighted). */
  count: number;
  /** P(ŷ = 1): what demographic parity compares. */
  selection_rate: number;
  /** P(ŷ = 1 | y = 1), recall. */
  tpr: number;
  /** P(ŷ = 1 | y = 0). */
  fpr: number;
  /** P(y = 1 | ŷ = 1). */
  precision: number;
}

/** The rate names of {@link GroupRates}, in report order. */
export const RATE_NAMES = ['selection_rate', 'tpr', 'fpr', 'precision'] as const;
export type RateName = (typeof RATE_NAMES)[number];

/** Between-group disparities, as Fairlearn names them. */
export interface Disparities {
  demographic_parity_difference: number;
  demographic_parity_ratio: number;
  /** max(TPR difference, FPR difference). */
  equalized_odds_difference: number;
  /** min(TPR ratio, FPR ratio). */
  equalized_odds_ratio: number;
  /** TPR difference. */
  equal_opportunity_difference: number;
  /** TPR ratio. */
  equal_opportunity_ratio: number;
}

/** The disparity names, in report order. */
export const DISPARITY_NAMES: readonly (keyof Disparities)[] = [
  'demographic_parity_difference', 'demographic_parity_ratio',
  'equalized_odds_difference', 'equalized_odds_ratio',
  'equal_opportunity_difference', 'equal_opportunity_ratio',
];

/** Binary labels and predictions with a group index per row. */
export interface FairnessInput {
  /** 1 = positive. */
  yTrue: Uint8Array;
  yPred: Uint8Array;
  /** Group index per row, 0 … nGroups − 1. */
  group: Int32Array;
  nGroups: number;
}

/** Per-group rates (index = group) and the overall rates, for a weighting of the rows. */
export function groupRates(input: FairnessInput, weights?: Float64Array): { groups: GroupRates[]; overall: GroupRates } {
  const k = input.nGroups;
  // Weighted confusion counts per group; index k holds all rows.
  const tp = new Float64Array(k + 1);
  const fp = new Float64Array(k + 1);
  const fn = new Float64Array(k + 1);
  const tn = new Float64Array(k + 1);
  const count = new Float64Array(k + 1);
  const { yTrue, yPred, group } = input;
  for (let i = 0; i < yTrue.length; i++) {
    const w = weights ? weights[i] : 1;
    const g = group[i];
    count[g]++;
    const arr = yTrue[i] ? (yPred[i] ? tp : fn) : yPred[i] ? fp : tn;
    arr[g] += w;
    arr[k] += w;
  }
  count[k] = yTrue.length;
  const rates = (g: number): GroupRates => {
    const total = tp[g] + fp[g] + fn[g] + tn[g];
    return {
      count: count[g],
      selection_rate: ratio(tp[g] + fp[g], total),
      tpr: ratio(tp[g], tp[g] + fn[g]),
      fpr: ratio(fp[g], fp[g] + tn[g]),
      precision: ratio(tp[g], tp[g] + fp[g]),
    };
  };
  return { groups: Array.from({ length: k }, (_, g) => rates(g)), overall: rates(k) };
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

/** max − min and min / max over the defined values (NaN when fewer than one is defined). */
export function spread(values: readonly number[]): { difference: number; ratio: number } {
  const defined = values.filter((v) => Number.isFinite(v));
  if (defined.length === 0) return { difference: NaN, ratio: NaN };
  const max = Math.max(...defined);
  const min = Math.min(...defined);
  // 0/0 when every group has rate 0: Fairlearn's ratio is then undefined too.
  return { difference: max - min, ratio: max > 0 ? min / max : NaN };
}

/** The between-group disparities of per-group rates. */
export function disparities(groups: readonly GroupRates[]): Disparities {
  const sel = spread(groups.map((g) => g.selection_rate));
  const tpr = spread(groups.map((g) => g.tpr));
  const fpr = spread(groups.map((g) => g.fpr));
  return {
    demographic_parity_difference: sel.difference,
    demographic_parity_ratio: sel.ratio,
    equalized_odds_difference: Math.max(tpr.difference, fpr.difference),
    equalized_odds_ratio: Math.min(tpr.ratio, fpr.ratio),
    equal_opportunity_difference: tpr.difference,
    equal_opportunity_ratio: tpr.ratio,
  };
}
