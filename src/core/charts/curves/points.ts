/**
 * Series → the rows a curve chart draws: downsampled points with the raw value and the
 * smoothed value at each offered weight, plus min/max markers.
 */
import { downsampleIndices, smooth } from '../../curves/smooth';
import { seriesStats, type SeriesStats } from '../../curves/stats';
import type { ScalarSeries } from '../../curves/types';
import { finiteOrNull } from '../common';
import type { CurveXAxis } from './options';

/** One drawn point. `s[k]` is the smoothed value at the chart's k-th smoothing weight. */
export interface CurvePoint {
  run: string;
  x: number;
  step: number;
  value: number | null;
  s: (number | null)[];
}

/** A min or max marker of one run. */
export interface CurveMarker {
  run: string;
  kind: 'min' | 'max';
  x: number;
  step: number;
  value: number;
}

/** Time unit for relative wall time, picked so the axis reads in small numbers. */
export interface TimeUnit {
  name: 's' | 'min' | 'h';
  seconds: number;
}

/** Seconds, minutes or hours, by the longest run's duration. */
export function timeUnit(spanSeconds: number): TimeUnit {
  if (spanSeconds >= 3 * 3600) return { name: 'h', seconds: 3600 };
  if (spanSeconds >= 180) return { name: 'min', seconds: 60 };
  return { name: 's', seconds: 1 };
}

/** Longest wall-clock span of the given series, in seconds (0 without clocks). */
export function wallSpan(series: Iterable<ScalarSeries>): number {
  let span = 0;
  for (const s of series) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of s.wallTimes) if (Number.isFinite(t)) [lo, hi] = [Math.min(lo, t), Math.max(hi, t)];
    if (hi > lo) span = Math.max(span, hi - lo);
  }
  return span;
}

/** The x of every point: the step, or wall time relative to the run's first point in `unit`s. */
function xValues(s: ScalarSeries, x: CurveXAxis, unit: TimeUnit): Float64Array {
  if (x === 'step') return s.steps;
  let t0 = Infinity;
  for (const t of s.wallTimes) if (Number.isFinite(t)) t0 = Math.min(t0, t);
  return s.wallTimes.map((t) => (t - t0) / unit.seconds);
}

/** Drawn points and markers of one run, plus its stats for summaries and tables. */
export function runPoints(run: string, s: ScalarSeries, weights: readonly number[], maxPoints: number, x: CurveXAxis, unit: TimeUnit): { points: CurvePoint[]; markers: CurveMarker[]; stats: SeriesStats } {
  const xs = xValues(s, x, unit);
  const smoothed = weights.map((w) => smooth(s.values, w));
  const keep = downsampleIndices(s.values, maxPoints);
  const points: CurvePoint[] = [];
  for (const i of keep) {
    if (!Number.isFinite(xs[i])) continue;
    points.push({ run, x: xs[i], step: s.steps[i], value: finiteOrNull(s.values[i]), s: smoothed.map((a) => finiteOrNull(a[i])) });
  }
  const stats = seriesStats(s);
  const markers: CurveMarker[] = [];
  for (const [kind, i] of [['min', stats.minIndex], ['max', stats.maxIndex]] as const) {
    if (i >= 0 && Number.isFinite(xs[i]) && (kind === 'min' || stats.maxIndex !== stats.minIndex)) {
      markers.push({ run, kind, x: xs[i], step: s.steps[i], value: s.values[i] });
    }
  }
  return { points, markers, stats };
}
