/**
 * The error heat map: one or two features cut into bins (quantiles for numbers, values for
 * text), with the size, error count and error rate of every cell.
 */
import { conjunction } from './expressions';
import type { BinnedFeature } from './encode';
import type { ErrorHeatmap, HeatmapCell } from './types';

/** Builds the heat map over one or two binned features. */
export function errorHeatmap(binned: readonly BinnedFeature[], isError: Uint8Array): ErrorHeatmap {
  if (binned.length < 1 || binned.length > 2) throw new RangeError('a heat map takes one or two features');
  const [a, b] = binned;
  const nx = a.labels.length;
  const ny = b ? b.labels.length : 1;
  const size = new Float64Array(nx * ny);
  const errors = new Float64Array(nx * ny);
  for (let i = 0; i < isError.length; i++) {
    const k = a.codes[i] * ny + (b ? b.codes[i] : 0);
    size[k]++;
    errors[k] += isError[i];
  }
  const cells: HeatmapCell[] = [];
  for (let x = 0; x < nx; x++) {
    for (let y = 0; y < ny; y++) {
      const k = x * ny + y;
      const cx = a.conditions[x];
      const cy = b ? b.conditions[y] : undefined;
      const cohort = cx === null || cy === null ? null : conjunction([cx.expr, ...(cy ? [cy.expr] : [])]);
      cells.push({
        x: a.labels[x],
        ...(b ? { y: b.labels[y] } : {}),
        size: size[k],
        errors: errors[k],
        error_rate: size[k] > 0 ? errors[k] / size[k] : NaN,
        cohort,
      });
    }
  }
  return { features: binned.map((f) => f.feature), bins: binned.map((f) => f.labels), cells };
}
