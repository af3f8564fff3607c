/**
 * One chart per tag: every run's raw series drawn faint, its TensorBoard-smoothed series bold,
 * min/max markers, a smoothing drop-down, and the same data as a (capped) table.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Runs, ScalarSeries } from '../../curves/types';
import { containerSized, thinnedIndices, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { Cell, ChartEntry } from '../types';
import { resolveCurveOptions, smoothingChoices, type CurveChartOptions, type ResolvedCurveOptions } from './options';
import { runPoints, timeUnit, wallSpan, type CurveMarker, type CurvePoint } from './points';
import type { SeriesStats } from '../../curves/stats';

/** Tag → run → series: the per-chart view of {@link Runs}, tags in sorted order. */
export function seriesByTag(runs: Runs): Map<string, Map<string, ScalarSeries>> {
  const out = new Map<string, Map<string, ScalarSeries>>();
  for (const [run, tags] of runs) {
    for (const [tag, s] of tags) {
      let m = out.get(tag);
      if (!m) out.set(tag, (m = new Map()));
      m.set(run, s);
    }
  }
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** A DOM- and file-safe id for a tag's chart. */
export function curveChartId(tag: string): string {
  return `curve-${tag.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'tag'}`;
}

/** Every tag's chart, in tag order; ids are unique even when tags differ only in punctuation. */
export function curveCharts(runs: Runs, options: CurveChartOptions = {}): ChartEntry[] {
  const used = new Set<string>();
  return [...seriesByTag(runs)].map(([tag, byRun]) => {
    const chart = curveChart(tag, byRun, options);
    let id = chart.id;
    for (let k = 2; used.has(id); k++) id = `${chart.id}-${k}`;
    used.add(id);
    return { ...chart, id };
  });
}

/** The chart of one tag across runs (run key → series). */
export function curveChart(tag: string, byRun: ReadonlyMap<string, ScalarSeries>, options: CurveChartOptions = {}): ChartEntry {
  const o = resolveCurveOptions(options);
  const span = wallSpan(byRun.values());
  // Logs without clocks (CSV) cannot go on a time axis: fall back to steps rather than draw nothing.
  const x = o.x === 'wall' && span > 0 ? 'wall' : 'step';
  const unit = timeUnit(span);
  const weights = smoothingChoices(o.smoothing);
  const perSeries = Math.max(200, Math.min(o.maxPoints, Math.floor(20_000 / Math.max(1, byRun.size))));
  const points: CurvePoint[] = [];
  const markers: CurveMarker[] = [];
  const stats = new Map<string, SeriesStats>();
  const label = (run: string) => o.runNames.get(run) ?? run;
  for (const [run, s] of byRun) {
    const r = runPoints(label(run), s, weights, perSeries, x, unit);
    points.push(...r.points);
    markers.push(...r.markers);
    stats.set(label(run), r.stats);
  }
  const xTitle = x === 'step' ? 'Step' : `Relative time (${unit.name})`;
  return {
    id: curveChartId(tag),
    title: tag,
    summary: curveSummary(tag, stats),
    spec: curveSpec(tag, points, markers, weights, o, xTitle, byRun.size),
    table: curveTable(points, weights, o, xTitle, x === 'wall', byRun.size),
  };
}

function curveSpec(tag: string, points: CurvePoint[], markers: CurveMarker[], weights: number[], o: ResolvedCurveOptions, xTitle: string, nRuns: number): TopLevelSpec {
  const yScale = o.logY ? { type: 'log' as const } : { zero: false };
  const keepY = o.logY ? [{ filter: 'isValid(datum.y) && datum.y > 0' }] : [{ filter: 'isValid(datum.y)' }];
  const x = { field: 'x', type: 'quantitative' as const, title: xTitle, scale: { zero: false, nice: false }, axis: { format: '~s' } };
  // Legend below the plot (curves fill every corner sooner or later), with full-opacity symbols
  // since the first layer, the raw lines, is faint.
  const legend = nRuns > 1 ? { orient: 'bottom' as const, symbolOpacity: 1, symbolType: 'stroke', symbolStrokeWidth: 3 } : null;
  const color = { field: 'run', type: 'nominal' as const, title: 'Run', legend };
  const tooltip = [
    { field: 'run', type: 'nominal' as const, title: 'Run' },
    { field: 'step', type: 'quantitative' as const, title: 'Step' },
    ...(xTitle === 'Step' ? [] : [{ field: 'x', type: 'quantitative' as const, title: xTitle, format: '.4~g' }]),
    { field: 'value', type: 'quantitative' as const, title: 'Value', format: '.6~g' },
    { field: 'smoothed', type: 'quantitative' as const, title: 'Smoothed', format: '.6~g' },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `${tag} over ${xTitle.toLowerCase()}: raw values faint, TensorBoard smoothing bold; triangles mark each run's minimum and maximum.`,
    ...containerSized(),
    params: [{
      name: 'smoothing',
      value: o.smoothing,
      bind: { input: 'select', options: weights, name: 'Smoothing ' },
    }],
    layer: [
      {
        data: { values: points },
        // Pick the precomputed smoothing for the selected weight (exact TensorBoard numbers).
        transform: [{ calculate: `datum.s[indexof(${JSON.stringify(weights)}, +smoothing)]`, as: 'smoothed' }],
        layer: [
          {
            transform: [{ calculate: 'datum.value', as: 'y' }, ...keepY],
            mark: { type: 'line', opacity: 0.25, strokeWidth: 1, interpolate: 'linear' },
            encoding: { x, y: { field: 'y', type: 'quantitative', title: tag, scale: yScale }, color, detail: { field: 'run' } },
          },
          {
            transform: [{ calculate: 'datum.smoothed', as: 'y' }, ...keepY],
            mark: { type: 'line', strokeWidth: 2 },
            encoding: { x, y: { field: 'y', type: 'quantitative', title: tag, scale: yScale }, color },
          },
          {
            transform: [{ calculate: 'datum.smoothed', as: 'y' }, ...keepY],
            mark: { type: 'point', opacity: 0, size: 60, tooltip: true },
            encoding: { x, y: { field: 'y', type: 'quantitative', scale: yScale }, color, tooltip },
          },
        ],
      },
      {
        data: { values: markers },
        transform: [{ calculate: 'datum.value', as: 'y' }, ...keepY],
        mark: { type: 'point', filled: true, size: 70, tooltip: true, opacity: 0.9 },
        encoding: {
          x,
          y: { field: 'y', type: 'quantitative', scale: yScale },
          color,
          shape: { field: 'kind', type: 'nominal', scale: { domain: ['min', 'max'], range: ['triangle-down', 'triangle-up'] }, legend: null },
          tooltip: [
            { field: 'run', type: 'nominal', title: 'Run' },
            { field: 'kind', type: 'nominal', title: 'Marker' },
            { field: 'step', type: 'quantitative', title: 'Step' },
            { field: 'value', type: 'quantitative', title: 'Value', format: '.6~g' },
          ],
        },
      },
    ],
  };
}

function curveTable(points: CurvePoint[], weights: number[], o: ResolvedCurveOptions, xTitle: string, wall: boolean, nRuns: number) {
  const k = weights.indexOf(o.smoothing);
  const columns = ['Run', 'Step', ...(wall ? [xTitle] : []), 'Value', `Smoothed (${o.smoothing})`];
  const byRun = new Map<string, CurvePoint[]>();
  for (const p of points) {
    const list = byRun.get(p.run);
    if (list) list.push(p);
    else byRun.set(p.run, [p]);
  }
  const perRun = Math.max(2, Math.floor(o.maxTableRows / Math.max(1, nRuns)));
  const rows: Cell[][] = [];
  for (const list of byRun.values()) {
    for (const i of thinnedIndices(list.length, perRun)) {
      const p = list[i];
      rows.push([p.run, p.step, ...(wall ? [p.x] : []), p.value, p.s[k]]);
    }
  }
  return { columns, rows };
}

/** formatNumber without trailing zeros: "0.15", not "0.1500". */
function short(v: number): string {
  return formatNumber(v).replace(/(\.\d*?)0+(?=$|e)/, '$1').replace(/\.(?=$|e)/, '');
}

/** "loss: last 0.123 at step 5000, min 0.101 at step 4200" (one run), or the extremes across runs. */
export function curveSummary(tag: string, stats: ReadonlyMap<string, SeriesStats>): string {
  const entries = [...stats].filter(([, s]) => s.minIndex >= 0);
  if (entries.length === 0) return `${tag}: no finite values`;
  if (stats.size === 1) {
    const s = entries[0][1];
    return `${tag}: last ${short(s.last)} at step ${short(s.lastStep)}, min ${short(s.min)} at step ${short(s.minStep)}, max ${short(s.max)} at step ${short(s.maxStep)}`;
  }
  const [minRun, min] = entries.reduce((a, b) => (b[1].min < a[1].min ? b : a));
  const [maxRun, max] = entries.reduce((a, b) => (b[1].max > a[1].max ? b : a));
  return `${tag}, ${stats.size} runs: min ${short(min.min)} (${minRun}, step ${short(min.minStep)}), max ${short(max.max)} (${maxRun}, step ${short(max.maxStep)})`;
}
