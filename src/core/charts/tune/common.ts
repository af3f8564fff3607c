/**
 * Pieces the study charts share: trial states and their colours, which trials count, how a
 * parameter is placed on an axis (log scale, categorical choices as ordinal positions).
 */
import type { ParamSpec, ParamValue, Study, Trial, TrialState } from '../../tune/types';

/** States in legend order, with Vega's default category colours (readable on light and dark). */
export const STATE_DOMAIN: TrialState[] = ['COMPLETE', 'PRUNED', 'FAIL', 'RUNNING', 'WAITING'];
export const STATE_RANGE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#9d755d'];

/** The colour encoding of a trial's state. */
export function stateColor(title = 'State') {
  return { field: 'state', type: 'nominal' as const, title, scale: { domain: STATE_DOMAIN, range: STATE_RANGE } };
}

/** COMPLETE trials with a finite objective: what the parameter charts draw. */
export function completed(study: Study): Trial[] {
  return study.trials.filter((t) => t.state === 'COMPLETE' && t.value !== undefined && Number.isFinite(t.value));
}

/** Seconds between a trial's start and completion, or null. */
export function durationSeconds(t: Trial): number | null {
  if (!t.start || !t.complete) return null;
  const s = (Date.parse(t.complete) - Date.parse(t.start)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : null;
}

/** A parameter as an axis: numeric (possibly log) or categorical with its choices in order. */
export interface ParamAxis {
  name: string;
  kind: 'numeric' | 'categorical';
  log: boolean;
  /** Categorical: the choices as labels, in the distribution's order. */
  labels: string[];
}

/** How a value reads on an axis or in a tooltip ("null" stays visible). */
export function valueLabel(v: ParamValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Every parameter of the study's completed trials, in first-seen order, with its axis. A param
 * is categorical when its distribution says so or when any value is not a number.
 */
export function paramAxes(trials: readonly Trial[]): ParamAxis[] {
  const specs = new Map<string, ParamSpec | undefined>();
  const values = new Map<string, ParamValue[]>();
  for (const t of trials) {
    for (const [k, v] of Object.entries(t.params)) {
      if (!specs.has(k)) specs.set(k, t.distributions[k]);
      let list = values.get(k);
      if (!list) values.set(k, (list = []));
      list.push(v);
    }
  }
  return [...specs].map(([name, spec]) => {
    const vals = values.get(name) ?? [];
    if (spec?.type === 'categorical' || vals.some((v) => typeof v !== 'number')) {
      const labels = spec?.type === 'categorical' ? spec.choices.map(valueLabel) : [...new Set(vals.map(valueLabel))];
      return { name, kind: 'categorical' as const, log: false, labels };
    }
    const log = spec !== undefined && spec.log === true && vals.every((v) => (v as number) > 0);
    return { name, kind: 'numeric' as const, log, labels: [] };
  });
}

/** A position in [0, 1] for each value on the axis (min–max over `values`, log where the param is). */
export function normaliser(axis: ParamAxis, values: readonly ParamValue[]): (v: ParamValue) => number | null {
  if (axis.kind === 'categorical') {
    const n = axis.labels.length;
    return (v) => {
      const i = axis.labels.indexOf(valueLabel(v));
      return i < 0 ? null : n <= 1 ? 0.5 : i / (n - 1);
    };
  }
  const f = (v: number) => (axis.log ? Math.log(v) : v);
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map(f);
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  return (v) => (typeof v !== 'number' || !Number.isFinite(v) ? null : hi > lo ? (f(v) - lo) / (hi - lo) : 0.5);
}

/** A DOM- and file-safe piece of a chart id. */
export function idPart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'param';
}

/** "Objective" with the direction, for axis titles. */
export function objectiveTitle(study: Study): string {
  return `Objective (${study.direction === 'minimize' ? 'lower' : 'higher'} is better)`;
}
