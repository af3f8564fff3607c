/**
 * Charts of objective against parameters: parallel coordinates (every completed trial across
 * all parameters) and one slice plot per parameter (objective vs that parameter alone).
 */
import type { Study } from '../../tune/types';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { Cell, ChartEntry } from '../types';
import { completed, idPart, normaliser, objectiveTitle, paramAxes, valueLabel } from './common';

/** More parameters than this are left out of the per-parameter slice plots (the table has them all). */
export const MAX_SLICE_PARAMS = 12;

/**
 * One line per completed trial across the objective and every parameter, each axis scaled to
 * [0, 1] over its own range (log for log parameters; categorical choices as evenly spaced
 * ordinal positions), coloured by objective. Each axis's end labels show its real range.
 */
export function parallelChart(study: Study): ChartEntry | undefined {
  const trials = completed(study);
  const axes = paramAxes(trials);
  if (trials.length === 0 || axes.length === 0) return undefined;
  const names = ['Objective', ...axes.map((a) => a.name)];
  const objNorm = normaliser({ name: 'Objective', kind: 'numeric', log: false, labels: [] }, trials.map((t) => t.value as number));
  const rows: { number: number; axis: string; y: number; raw: string; objective: number }[] = [];
  const labels: { axis: string; y: number; label: string }[] = [];
  const norms = axes.map((a) => normaliser(a, trials.map((t) => t.params[a.name]).filter((v) => v !== undefined)));
  for (const t of trials) {
    const obj = t.value as number;
    rows.push({ number: t.number, axis: 'Objective', y: objNorm(obj) ?? 0.5, raw: formatNumber(obj), objective: obj });
    axes.forEach((a, j) => {
      if (!(a.name in t.params)) return; // conditional parameter not set in this trial
      const y = norms[j](t.params[a.name]);
      if (y !== null) rows.push({ number: t.number, axis: a.name, y, raw: valueLabel(t.params[a.name]), objective: obj });
    });
  }
  // End labels: min and max of numeric axes, every choice of categorical ones.
  for (const name of names) {
    const a = axes.find((x) => x.name === name);
    if (a?.kind === 'categorical') {
      a.labels.forEach((l, i) => labels.push({ axis: name, y: a.labels.length <= 1 ? 0.5 : i / (a.labels.length - 1), label: l }));
      continue;
    }
    const own = rows.filter((r) => r.axis === name);
    if (own.length === 0) continue;
    const lo = own.reduce((m, r) => (r.y < m.y ? r : m));
    const hi = own.reduce((m, r) => (r.y > m.y ? r : m));
    labels.push({ axis: name, y: lo.y, label: lo.raw }, { axis: name, y: hi.y, label: hi.raw });
  }
  const x = { field: 'axis', type: 'nominal' as const, title: null, sort: names, scale: { domain: names, padding: 0.3 }, axis: { labelAngle: 0, domain: false, ticks: false, labelLimit: 120 } };
  const y = { field: 'y', type: 'quantitative' as const, axis: null, scale: { domain: [0, 1] } };
  return {
    id: 'tune-parallel',
    title: 'Parallel coordinates',
    summary: `${trials.length} completed trials across ${axes.length} parameters`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      description: 'Each completed trial as a line across the objective and every parameter; each axis spans its own range (labels at the ends), colour shows the objective.',
      ...containerSized(),
      layer: [
        {
          data: { values: names.map((axis) => ({ axis })) },
          mark: { type: 'rule', opacity: 0.4 },
          encoding: { x, y: { datum: 0, type: 'quantitative', axis: null, scale: { domain: [0, 1] } }, y2: { datum: 1 } },
        },
        {
          data: { values: rows },
          mark: { type: 'line', opacity: 0.6, strokeWidth: 1.5, tooltip: true },
          encoding: {
            x,
            y,
            detail: { field: 'number', type: 'nominal' },
            color: { field: 'objective', type: 'quantitative', title: 'Objective', scale: { scheme: 'viridis', reverse: study.direction === 'maximize' } },
            tooltip: [
              { field: 'number', type: 'quantitative', title: 'Trial' },
              { field: 'axis', type: 'nominal', title: 'Axis' },
              { field: 'raw', type: 'nominal', title: 'Value' },
              { field: 'objective', type: 'quantitative', title: 'Objective', format: '.6~g' },
            ],
          },
        },
        {
          data: { values: labels },
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, opacity: 0.8 },
          encoding: { x, y, text: { field: 'label', type: 'nominal' } },
        },
      ],
    },
    table: {
      columns: ['Trial', 'Objective', ...axes.map((a) => a.name)],
      rows: trials.map((t): Cell[] => [t.number, t.value as number, ...axes.map((a) => cell(t.params[a.name]))]),
    },
  };
}

function cell(v: unknown): Cell {
  return typeof v === 'number' || typeof v === 'string' ? v : v === undefined ? null : JSON.stringify(v);
}

/**
 * Objective against each parameter alone (one chart per parameter, the first
 * {@link MAX_SLICE_PARAMS}), coloured by trial number so the sampler's drift shows.
 */
export function sliceCharts(study: Study): ChartEntry[] {
  const trials = completed(study);
  return paramAxes(trials).slice(0, MAX_SLICE_PARAMS).map((a) => {
    const rows = trials.filter((t) => a.name in t.params).map((t) => ({ number: t.number, x: a.kind === 'categorical' ? valueLabel(t.params[a.name]) : t.params[a.name], value: t.value as number }));
    const x = a.kind === 'categorical'
      ? { field: 'x', type: 'nominal' as const, title: a.name, sort: a.labels, scale: { domain: a.labels }, axis: { labelAngle: 0 } }
      : { field: 'x', type: 'quantitative' as const, title: a.name, scale: a.log ? { type: 'log' as const } : { zero: false } };
    return {
      id: `tune-slice-${idPart(a.name)}`,
      title: `Slice: ${a.name}`,
      summary: `Objective against ${a.name} over ${rows.length} completed trials`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        description: `Objective of each completed trial against ${a.name}; colour is the trial number.`,
        ...containerSized(240),
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 45, opacity: 0.8, tooltip: true },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: objectiveTitle(study), scale: { zero: false } },
          color: { field: 'number', type: 'quantitative', title: 'Trial', scale: { scheme: 'blues' } },
          ...(a.kind === 'categorical' ? { xOffset: { field: 'number', type: 'quantitative', scale: { range: [-8, 8] } } } : {}),
          tooltip: [
            { field: 'number', type: 'quantitative', title: 'Trial' },
            { field: 'x', type: a.kind === 'categorical' ? 'nominal' : 'quantitative', title: a.name },
            { field: 'value', type: 'quantitative', title: 'Objective', format: '.6~g' },
          ],
        },
      },
      table: { columns: ['Trial', a.name, 'Objective'], rows: rows.map((r): Cell[] => [r.number, cell(r.x), r.value]) },
    } satisfies ChartEntry;
  });
}
