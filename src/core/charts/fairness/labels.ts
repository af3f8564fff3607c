/** Display names of fairness rates and disparities, shared by the charts and the report. */
import type { Disparities, RateName } from '../../fairness/metrics';

/** Per-group rates. */
export const RATE_LABELS: Record<RateName, string> = {
  selection_rate: 'Selection rate',
  tpr: 'True positive rate',
  fpr: 'False positive rate',
  precision: 'Precision',
};

/** Between-group disparities. */
export const DISPARITY_LABELS: Record<keyof Disparities, string> = {
  demographic_parity_difference: 'Demographic parity difference',
  demographic_parity_ratio: 'Demographic parity ratio',
  equalized_odds_difference: 'Equalized odds difference',
  equalized_odds_ratio: 'Equalized odds ratio',
  equal_opportunity_difference: 'Equal opportunity difference',
  equal_opportunity_ratio: 'Equal opportunity ratio',
};
