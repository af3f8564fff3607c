/**
 * Charts of a tuning study (Optuna-style): optimization history, parameter importance,
 * parallel coordinates, contour of the two most important parameters, slice plots and
 * intermediate values, plus the trials table.
 */
import type { ImportanceResult } from '../../tune/analysis/fanova';
import type { Study } from '../../tune/types';
import type { ChartEntry } from '../types';
import { contourChart } from './contour';
import { historyChart, intermediateChart } from './history';
import { importanceChart } from './importance';
import { parallelChart, sliceCharts } from './params';

export { contourChart, CONTOUR_GRID } from './contour';
export { historyChart, intermediateChart } from './history';
export { importanceChart } from './importance';
export { MAX_SLICE_PARAMS, parallelChart, sliceCharts } from './params';
export { trialsTable } from './trials';

/**
 * Every study chart that has data, in reading order. With `importance`, the contour shows the
 * two most important numeric parameters and the importance chart is included.
 */
export function studyCharts(study: Study, importance?: ImportanceResult): ChartEntry[] {
  const ranked = importance?.importances.map((p) => p.param) ?? [];
  const numeric = new Set(study.trials.flatMap((t) => Object.entries(t.params).filter(([, v]) => typeof v === 'number').map(([k]) => k)));
  const pair = ranked.filter((p) => numeric.has(p) && study.trials.every((t) => t.distributions[p]?.type !== 'categorical')).slice(0, 2);
  const charts = [
    historyChart(study),
    importance ? importanceChart(importance) : undefined,
    parallelChart(study),
    contourChart(study, pair.length === 2 ? [pair[0], pair[1]] : undefined),
    ...sliceCharts(study),
    intermediateChart(study),
  ];
  return charts.filter((c): c is ChartEntry => c !== undefined);
}
