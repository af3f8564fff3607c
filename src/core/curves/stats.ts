/**
 * Headline numbers of a series: last, minimum and maximum values with their steps.
 */
import type { ScalarSeries } from './types';

/** Last/min/max of a series over its finite values (NaN when it has none). */
export interface SeriesStats {
  points: number;
  last: number;
  lastStep: number;
  min: number;
  minStep: number;
  max: number;
  maxStep: number;
  /** Index of the min and max in the series, -1 when there is no finite value. */
  minIndex: number;
  maxIndex: number;
}

/** Computes {@link SeriesStats}; the first occurrence wins for ties. */
export function seriesStats(s: ScalarSeries): SeriesStats {
  let minIndex = -1;
  let maxIndex = -1;
  let lastIndex = -1;
  const v = s.values;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) continue;
    lastIndex = i;
    if (minIndex < 0 || v[i] < v[minIndex]) minIndex = i;
    if (maxIndex < 0 || v[i] > v[maxIndex]) maxIndex = i;
  }
  const at = (a: Float64Array, i: number) => (i >= 0 ? a[i] : NaN);
  return {
    points: v.length,
    last: at(v, lastIndex),
    lastStep: at(s.steps, lastIndex),
    min: at(v, minIndex),
    minStep: at(s.steps, minIndex),
    max: at(v, maxIndex),
    maxStep: at(s.steps, maxIndex),
    minIndex,
    maxIndex,
  };
}
