/** Charts of per-cohort metrics and group fairness. */
export { cohortCharts, cohortMetricChart } from './cohorts';
export { disparityChart, groupRatesChart } from './fairness';
export { DISPARITY_LABELS, RATE_LABELS } from './labels';
