/**
 * Training-curve charts: one Vega-Lite chart per tag, runs overlaid, TensorBoard smoothing.
 */
export { curveChart, curveChartId, curveCharts, curveSummary, seriesByTag } from './curveChart';
export { resolveCurveOptions, smoothingChoices, SMOOTHING_CHOICES, DEFAULT_SMOOTHING, type CurveChartOptions, type CurveXAxis } from './options';
export { runPoints, timeUnit, type CurveMarker, type CurvePoint } from './points';
