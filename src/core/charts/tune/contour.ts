/**
 * The objective over two parameters: an interpolated grid (inverse-distance weighting of the
 * completed trials, in the parameters' own scales normalised to [0, 1]) drawn as a heat map,
 * with the trials on top. Numeric parameters only; by default the two most important.
 */
import type { Study } from '../../tune/types';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import type { ChartEntry } from '../types';
import { completed, objectiveTitle, paramAxes } from './common';

/** Cells per side of the interpolated grid. */
export const CONTOUR_GRID = 24;

/**
 * The contour chart of `params` (two numeric parameter names, e.g. the two most important);
 * without them, the first two numeric parameters. Undefined when fewer than two numeric
 * parameters or three trials having both exist.
 */
export function contourChart(study: Study, params?: readonly [string, string]): ChartEntry | undefined {
  const trials = completed(study);
  const numeric = paramAxes(trials).filter((a) => a.kind === 'numeric');
  const pick = params ? params.map((p) => numeric.find((a) => a.name === p)) : numeric.slice(0, 2);
  const [ax, ay] = pick;
  if (!ax || !ay || ax.name === ay.name) return undefined;
  const pts = trials
    .filter((t) => typeof t.params[ax.name] === 'number' && typeof t.params[ay.name] === 'number')
    .map((t) => ({ number: t.number, x: t.params[ax.name] as number, y: t.params[ay.name] as number, value: t.value as number }));
  if (pts.length < 3) return undefined;
  const fx = (v: number) => (ax.log ? Math.log(v) : v);
  const fy = (v: number) => (ay.log ? Math.log(v) : v);
  const span = (vals: number[]) => [Math.min(...vals), Math.max(...vals)] as const;
  const [x0, x1] = span(pts.map((p) => fx(p.x)));
  const [y0, y1] = span(pts.map((p) => fy(p.y)));
  if (!(x1 > x0) || !(y1 > y0)) return undefined;
  const nx = pts.map((p) => (fx(p.x) - x0) / (x1 - x0));
  const ny = pts.map((p) => (fy(p.y) - y0) / (y1 - y0));
  const back = (t: number, lo: number, hi: number, log: boolean) => (log ? Math.exp(lo + t * (hi - lo)) : lo + t * (hi - lo));
  const cells: { x: number; x2: number; y: number; y2: number; value: number }[] = [];
  const n = CONTOUR_GRID;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const cx = (i + 0.5) / n;
      const cy = (j + 0.5) / n;
      // Inverse squared distance weights: exact at a trial, smooth between them.
      let w = 0;
      let s = 0;
      for (let k = 0; k < pts.length; k++) {
        const d2 = (nx[k] - cx) ** 2 + (ny[k] - cy) ** 2;
        const wk = 1 / Math.max(d2, 1e-9);
        w += wk;
        s += wk * pts[k].value;
      }
      cells.push({ x: back(i / n, x0, x1, ax.log), x2: back((i + 1) / n, x0, x1, ax.log), y: back(j / n, y0, y1, ay.log), y2: back((j + 1) / n, y0, y1, ay.log), value: s / w });
    }
  }
  const xs = { type: 'quantitative' as const, title: ax.name, scale: ax.log ? { type: 'log' as const, nice: false } : { zero: false, nice: false } };
  const ys = { type: 'quantitative' as const, title: ay.name, scale: ay.log ? { type: 'log' as const, nice: false } : { zero: false, nice: false } };
  const color = { field: 'value', type: 'quantitative' as const, title: objectiveTitle(study), scale: { scheme: 'viridis', reverse: study.direction === 'maximize' } };
  return {
    id: 'tune-contour',
    title: `Contour: ${ax.name} × ${ay.name}`,
    summary: `Objective over ${ax.name} and ${ay.name}, interpolated from ${pts.length} completed trials (inverse-distance weighting)`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      description: `Objective over ${ax.name} and ${ay.name}: a heat map interpolated from the completed trials (inverse-distance weighting), trials as white-edged points.`,
      ...containerSized(),
      layer: [
        {
          data: { values: cells },
          mark: { type: 'rect', tooltip: true },
          encoding: {
            x: { ...xs, field: 'x' },
            x2: { field: 'x2' },
            y: { ...ys, field: 'y' },
            y2: { field: 'y2' },
            color,
            tooltip: [{ field: 'value', type: 'quantitative', title: 'Interpolated objective', format: '.4~g' }],
          },
        },
        {
          data: { values: pts },
          mark: { type: 'point', filled: true, size: 40, stroke: 'white', strokeWidth: 1, tooltip: true },
          encoding: {
            x: { ...xs, field: 'x' },
            y: { ...ys, field: 'y' },
            color,
            tooltip: [
              { field: 'number', type: 'quantitative', title: 'Trial' },
              { field: 'x', type: 'quantitative', title: ax.name, format: '.4~g' },
              { field: 'y', type: 'quantitative', title: ay.name, format: '.4~g' },
              { field: 'value', type: 'quantitative', title: 'Objective', format: '.6~g' },
            ],
          },
        },
      ],
    },
    table: { columns: ['Trial', ax.name, ay.name, 'Objective'], rows: pts.map((p) => [p.number, p.x, p.y, p.value]) },
  };
}

