/**
 * Charts over trial number and step: the optimization history (each trial's objective and the
 * best value so far) and the intermediate values every trial reported (its learning curve).
 */
import type { Study } from '../../tune/types';
import { containerSized, VEGA_LITE_SCHEMA } from '../common';
import { formatNumber } from '../format';
import type { Cell, ChartEntry } from '../types';
import { objectiveTitle, STATE_DOMAIN, stateColor } from './common';

/**
 * Objective per finished trial (pruned trials at their last reported value, a different shape),
 * the best-so-far as a step line, and failed trials as dashed vertical rules (they have no value).
 */
export function historyChart(study: Study): ChartEntry {
  const points: { number: number; value: number; state: string }[] = [];
  const best: { number: number; best: number }[] = [];
  const failed: { number: number; state: string }[] = [];
  let b: number | undefined;
  for (const t of study.trials) {
    const finite = t.value !== undefined && Number.isFinite(t.value);
    if (t.state === 'FAIL') failed.push({ number: t.number, state: t.state });
    else if (finite && (t.state === 'COMPLETE' || t.state === 'PRUNED')) points.push({ number: t.number, value: t.value as number, state: t.state });
    if (t.state === 'COMPLETE' && finite) {
      const v = t.value as number;
      if (b === undefined || (study.direction === 'minimize' ? v < b : v > b)) b = v;
    }
    if (b !== undefined) best.push({ number: t.number, best: b });
  }
  const x = { field: 'number', type: 'quantitative' as const, title: 'Trial', scale: { zero: false, nice: false }, axis: { tickMinStep: 1, format: 'd' } };
  const y = { type: 'quantitative' as const, title: objectiveTitle(study), scale: { zero: false } };
  const bestAt = new Map(best.map((r) => [r.number, r.best]));
  const nComplete = points.filter((p) => p.state === 'COMPLETE').length;
  return {
    id: 'tune-history',
    title: 'Optimization history',
    summary: b === undefined
      ? `No completed trial yet (${study.trials.length} trials)`
      : `Best ${formatNumber(b)} after ${study.trials.length} trials (${nComplete} completed, ${points.length - nComplete} pruned, ${failed.length} failed)`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      description: 'Objective of each trial by trial number, with the best value so far as a step line; pruned trials are shown at their last reported value, failed trials as dashed rules.',
      ...containerSized(),
      layer: [
        {
          data: { values: failed },
          mark: { type: 'rule', strokeDash: [4, 3], opacity: 0.6, tooltip: true },
          encoding: { x, color: stateColor(), tooltip: [{ field: 'number', type: 'quantitative', title: 'Trial' }, { field: 'state', type: 'nominal', title: 'State' }] },
        },
        {
          data: { values: best },
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, color: '#54a24b' },
          encoding: { x, y: { ...y, field: 'best' }, tooltip: [{ field: 'number', type: 'quantitative', title: 'Trial' }, { field: 'best', type: 'quantitative', title: 'Best so far', format: '.6~g' }] },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 50, opacity: 0.85, tooltip: true },
          encoding: {
            x,
            y: { ...y, field: 'value' },
            color: stateColor(),
            shape: { field: 'state', type: 'nominal', scale: { domain: STATE_DOMAIN, range: ['circle', 'triangle-down', 'cross', 'circle', 'circle'] } },
            tooltip: [
              { field: 'number', type: 'quantitative', title: 'Trial' },
              { field: 'state', type: 'nominal', title: 'State' },
              { field: 'value', type: 'quantitative', title: 'Value', format: '.6~g' },
            ],
          },
        },
      ],
    },
    table: {
      columns: ['Trial', 'State', 'Value', 'Best so far'],
      rows: study.trials.map((t): Cell[] => [t.number, t.state, t.value !== undefined && Number.isFinite(t.value) ? t.value : null, bestAt.get(t.number) ?? null]),
    },
  };
}

/** At most this many points across all learning curves; longer curves are thinned evenly. */
const MAX_POINTS = 20_000;

/** Every trial's intermediate values by step; pruned trials highlighted. Undefined when none reported any. */
export function intermediateChart(study: Study): ChartEntry | undefined {
  const withSteps = study.trials.filter((t) => t.intermediate.size > 0);
  if (withSteps.length === 0) return undefined;
  const total = withSteps.reduce((n, t) => n + t.intermediate.size, 0);
  const stride = Math.max(1, Math.ceil(total / MAX_POINTS));
  const rows: { number: number; step: number; value: number; state: string }[] = [];
  for (const t of withSteps) {
    const steps = [...t.intermediate.keys()].sort((a, b) => a - b);
    steps.forEach((s, i) => {
      const v = t.intermediate.get(s) as number;
      if ((i % stride === 0 || i === steps.length - 1) && Number.isFinite(v)) rows.push({ number: t.number, step: s, value: v, state: t.state });
    });
  }
  const pruned = withSteps.filter((t) => t.state === 'PRUNED').length;
  return {
    id: 'tune-intermediate',
    title: 'Intermediate values',
    summary: `${withSteps.length} trials reported intermediate values; ${pruned} were pruned`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      description: 'Intermediate values each trial reported, by step: one line per trial, coloured by state, pruned trials drawn bolder.',
      ...containerSized(),
      data: { values: rows },
      mark: { type: 'line', point: { size: 18 }, tooltip: true },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'Step', scale: { zero: false, nice: false } },
        y: { field: 'value', type: 'quantitative', title: 'Intermediate value', scale: { zero: false } },
        color: stateColor(),
        detail: { field: 'number', type: 'nominal' },
        strokeWidth: { condition: { test: "datum.state === 'PRUNED'", value: 2.5 }, value: 1.2 },
        opacity: { condition: { test: "datum.state === 'PRUNED'", value: 0.95 }, value: 0.55 },
        tooltip: [
          { field: 'number', type: 'quantitative', title: 'Trial' },
          { field: 'state', type: 'nominal', title: 'State' },
          { field: 'step', type: 'quantitative', title: 'Step' },
          { field: 'value', type: 'quantitative', title: 'Value', format: '.6~g' },
        ],
      },
    },
    table: { columns: ['Trial', 'State', 'Step', 'Value'], rows: rows.map((r) => [r.number, r.state, r.step, r.value]) },
  };
}
