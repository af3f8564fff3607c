/**
 * Explanation charts: method results → Vega-Lite specs with inline data, tooltips and a data
 * table, following the evaluation charts' conventions (container width, theme-neutral colours).
 */
import type { Explanation } from '../../explain/pipeline/options';
import type { ChartEntry } from '../types';
import { aleChart, pdp2dChart, pdpChart } from './effects';
import { anchorsChart, limeChart } from './local';
import { permutationChart } from './permutation';
import { shapBarChart, shapBeeswarmChart } from './shap';
import { shapDependenceChart, shapWaterfallChart } from './shapRow';

export { aleChart, pdp2dChart, pdpChart } from './effects';
export { anchorsChart, anchorSentence, limeChart } from './local';
export { permutationChart } from './permutation';
export { shapBarChart, shapBeeswarmChart } from './shap';
export { shapDependenceChart, shapWaterfallChart, strongestInteraction } from './shapRow';
export { meanAbs, rankByMeanAbs, outputTitle, slug } from './common';

/** Options of {@link explainCharts}. */
export interface ExplainChartOptions {
  /** Rows (positions in the result) that get a waterfall or LIME chart; default the first 3. */
  maxRowCharts?: number;
}

/** Every chart for an explanation, in reading order. */
export function explainCharts(explanation: Explanation, opts: ExplainChartOptions = {}): ChartEntry[] {
  const perRow = opts.maxRowCharts ?? 3;
  const firstRows = (n: number): number[] => Array.from({ length: Math.min(n, perRow) }, (_, i) => i);
  switch (explanation.method) {
    case 'permutation':
      return explanation.importances.length ? [permutationChart(explanation)] : [];
    case 'kernel-shap':
    case 'tree-shap':
    case 'tree-shap-path':
    case 'exact-shap': {
      if (explanation.rows.length === 0) return [];
      const charts = [shapBeeswarmChart(explanation), shapBarChart(explanation)];
      charts.push(...firstRows(explanation.rows.length).map((i) => shapWaterfallChart(explanation, i)));
      if (explanation.rows.length >= 2) charts.push(shapDependenceChart(explanation));
      return charts;
    }
    case 'lime':
      return firstRows(explanation.rows.length).map((i) => limeChart(explanation, i));
    case 'anchors':
      return explanation.anchors.length ? [anchorsChart(explanation)] : [];
    case 'pdp':
      return explanation.results.map((r) => (r.features.length === 2 ? pdp2dChart(r, explanation.space) : pdpChart(r, explanation.space)));
    case 'ale':
      return explanation.results.map((r) => aleChart(r, explanation.space));
  }
}
