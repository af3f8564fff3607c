/**
 * Error-analysis charts: the error tree (computed layout), the error heat map and the worst
 * slices, as Vega-Lite specs with inline data, tooltips and a data table each.
 */
import type { ErrorAnalysisResult } from '../../erroranalysis/types';
import type { ChartEntry } from '../types';
import { errorHeatmapChart } from './heatmap';
import { slicesChart } from './slices';
import { errorTreeChart } from './tree';

export { errorHeatmapChart } from './heatmap';
export { slicesChart } from './slices';
export { errorTreeChart, layoutTree, treeCohortOrder, type NodePosition } from './tree';

/** Every chart for an error analysis, in reading order. */
export function errorAnalysisCharts(result: Pick<ErrorAnalysisResult, 'tree' | 'heatmap' | 'slices' | 'error_rate'>): ChartEntry[] {
  const charts = [errorTreeChart(result.tree)];
  if (result.heatmap) charts.push(errorHeatmapChart(result.heatmap));
  const slices = slicesChart(result.slices, result.error_rate);
  if (slices) charts.push(slices);
  return charts;
}
