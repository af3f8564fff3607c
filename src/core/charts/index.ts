/**
 * Chart builders: EvaluationResult parts → Vega-Lite specs with inline data and a data table.
 */
import type { EvaluationResult } from '../evaluate/types';
import { confusionMatrixChart, prChart, rocChart } from './classification';
import { calibrationChart, scoreDistributionChart, thresholdChart } from './probability';
import { predictedVsActualChart, residualHistogramChart } from './regression';
import type { ChartEntry } from './types';

export type { Cell, ChartEntry, DataTable } from './types';
export { confusionMatrixChart, prChart, rocChart } from './classification';
export { calibrationChart, scoreDistributionChart, thresholdChart } from './probability';
export { predictedVsActualChart, residualHistogramChart } from './regression';
export { vscodeThemeConfig, type CssVars, type ThemeKind } from './theme';
export { formatBytes, formatNumber, formatPercent } from './format';

/**
 * Each curve's positive share, the precision of a random classifier: the positive class for
 * binary, each class for multiclass, and 1/K for the micro and macro averages.
 */
export function classPrevalence(result: EvaluationResult): Record<string, number> {
  const balance = result.dataset.class_balance;
  if (!balance) return {};
  const total = Object.values(balance).reduce((a, b) => a + b, 0);
  if (total <= 0) return {};
  const out: Record<string, number> = {};
  for (const [cls, count] of Object.entries(balance)) out[cls] = count / total;
  const k = Object.keys(balance).length;
  if (result.task === 'multiclass' && k > 0) out.micro = out.macro = 1 / k;
  return out;
}

/** Every chart that applies to the result, in reading order. Missing curves are simply skipped. */
export function chartsFor(result: EvaluationResult): ChartEntry[] {
  const charts: ChartEntry[] = [];
  const c = result.curves;
  if (result.confusion_matrix && result.confusion_matrix.labels.length > 0) charts.push(confusionMatrixChart(result.confusion_matrix));
  if (c.roc && Object.keys(c.roc).length > 0) charts.push(rocChart(c.roc));
  if (c.pr && Object.keys(c.pr).length > 0) charts.push(prChart(c.pr, classPrevalence(result)));
  if (c.thresholds && c.thresholds.thresholds.length > 0) charts.push(thresholdChart(c.thresholds, result.threshold));
  if (c.calibration && c.calibration.mean_predicted.length > 0) charts.push(calibrationChart(c.calibration));
  if (c.score_distribution && Object.keys(c.score_distribution.counts).length > 0) {
    const label = result.task === 'binary' && result.positive_class !== undefined ? `Score of "${result.positive_class}"` : 'Score of the true class';
    charts.push(scoreDistributionChart(c.score_distribution, label));
  }
  if (c.residuals) {
    if (c.residuals.actual.length > 0) charts.push(predictedVsActualChart(c.residuals));
    if (c.residuals.residual_counts.length > 0) charts.push(residualHistogramChart(c.residuals));
  }
  return charts;
}
