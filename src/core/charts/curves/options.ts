/**
 * Options of the training-curve charts, with their defaults in one place.
 */

/** The x axis: the logged step, or wall-clock time since each run's first point. */
export type CurveXAxis = 'step' | 'wall';

/** Options of {@link curveChart} and {@link curveCharts}. */
export interface CurveChartOptions {
  /** Smoothing weight shown first, in [0, 0.99]; TensorBoard's default 0.6. */
  smoothing?: number;
  /** Step (default) or relative wall time on x. */
  x?: CurveXAxis;
  /** Logarithmic y scale (non-positive values are left out). */
  logY?: boolean;
  /** Points drawn per series at most; longer series are downsampled keeping extremes. */
  maxPoints?: number;
  /** Rows of the chart's data table at most, shared across runs. */
  maxTableRows?: number;
  /** Display names of runs (e.g. MLflow run names); the run key otherwise. */
  runNames?: ReadonlyMap<string, string>;
}

/** Options with every default filled in. */
export type ResolvedCurveOptions = Required<Omit<CurveChartOptions, 'runNames'>> & { runNames: ReadonlyMap<string, string> };

/**
 * Smoothing weights offered by the chart's drop-down. Each is computed on the host over the
 * full series, so the numbers are TensorBoard's exactly; a panel wanting another weight
 * rebuilds the chart with `smoothing` set to it (it is added to the choices).
 */
export const SMOOTHING_CHOICES: readonly number[] = [0, 0.3, 0.6, 0.8, 0.9, 0.95, 0.99];

export const DEFAULT_SMOOTHING = 0.6;
export const DEFAULT_MAX_POINTS = 2000;
export const DEFAULT_MAX_TABLE_ROWS = 500;

/** Fills in defaults and clamps the smoothing weight to [0, 0.99]. */
export function resolveCurveOptions(o: CurveChartOptions = {}): ResolvedCurveOptions {
  const smoothing = Math.min(0.99, Math.max(0, o.smoothing ?? DEFAULT_SMOOTHING));
  return {
    smoothing: Number.isFinite(smoothing) ? smoothing : DEFAULT_SMOOTHING,
    x: o.x ?? 'step',
    logY: o.logY ?? false,
    maxPoints: Math.max(10, o.maxPoints ?? DEFAULT_MAX_POINTS),
    maxTableRows: Math.max(1, o.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS),
    runNames: o.runNames ?? new Map(),
  };
}

/** The weights a chart offers: the standard choices plus the requested one, ascending. */
export function smoothingChoices(requested: number): number[] {
  return [...new Set([...SMOOTHING_CHOICES, requested])].sort((a, b) => a - b);
}
