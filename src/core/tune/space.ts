/**
 * Search-space helpers: which parameters are active, Optuna's distribution JSON and internal
 * representation (floats for numbers, the choice index for categoricals), and grids.
 */
import { DataError } from '../errors';
import type { Choice, Condition, ParamSpec, ParamValue, SearchSpace } from './types';

/** Whether two choices are the same value (1 and 1.0 are; "1" and 1 are not). */
export function sameChoice(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/** Whether a condition holds for the parameters sampled so far. */
export function conditionHolds(when: Condition | undefined, params: Readonly<Record<string, ParamValue>>): boolean {
  if (!when) return true;
  for (const [name, want] of Object.entries(when)) {
    if (!(name in params)) return false;
    const wanted = Array.isArray(want) ? (want as readonly Choice[]) : [want as Choice];
    if (!wanted.some((w) => sameChoice(w, params[name]))) return false;
  }
  return true;
}

/** Resolves the active parameters of a space for given values: inactive ones are dropped. */
export function activeParams(space: SearchSpace, params: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(space)) {
    if (name in params && conditionHolds(spec.when, out)) out[name] = params[name];
  }
  return out;
}

/** Optuna's JSON form of a distribution, e.g. {"name": "FloatDistribution", "attributes": {...}}. */
export function distributionToOptuna(spec: ParamSpec): { name: string; attributes: Record<string, unknown> } {
  if (spec.type === 'categorical') return { name: 'CategoricalDistribution', attributes: { choices: [...spec.choices] } };
  if (spec.type === 'int') {
    return { name: 'IntDistribution', attributes: { log: spec.log ?? false, step: spec.step ?? 1, low: spec.low, high: spec.high } };
  }
  return { name: 'FloatDistribution', attributes: { step: spec.step ?? null, low: spec.low, high: spec.high, log: spec.log ?? false } };
}

/** Reads Optuna's distribution JSON (also the pre-3.0 names Optuna still accepts). */
export function distributionFromOptuna(json: string | { name: string; attributes: Record<string, unknown> }): ParamSpec {
  const d = typeof json === 'string' ? (JSON.parse(json) as { name: string; attributes: Record<string, unknown> }) : json;
  const a = d.attributes;
  const num = (k: string) => Number(a[k]);
  switch (d.name) {
    case 'FloatDistribution':
      return { type: 'float', low: num('low'), high: num('high'), log: Boolean(a.log), ...(a.step == null ? {} : { step: num('step') }) };
    case 'UniformDistribution':
      return { type: 'float', low: num('low'), high: num('high') };
    case 'LogUniformDistribution':
      return { type: 'float', low: num('low'), high: num('high'), log: true };
    case 'DiscreteUniformDistribution':
      return { type: 'float', low: num('low'), high: num('high'), step: num('q') };
    case 'IntDistribution':
      return { type: 'int', low: num('low'), high: num('high'), log: Boolean(a.log), step: a.step == null ? 1 : num('step') };
    case 'IntUniformDistribution':
      return { type: 'int', low: num('low'), high: num('high'), step: a.step == null ? 1 : num('step') };
    case 'IntLogUniformDistribution':
      return { type: 'int', low: num('low'), high: num('high'), log: true, step: 1 };
    case 'CategoricalDistribution':
      return { type: 'categorical', choices: a.choices as Choice[] };
    default:
      throw new DataError(`unknown Optuna distribution '${d.name}'`);
  }
}

/** The value Optuna stores (`param_value_internal`) for an external value. */
export function toInternal(spec: ParamSpec, value: ParamValue): number {
  if (spec.type !== 'categorical') return Number(value);
  const index = spec.choices.findIndex((c) => sameChoice(c, value));
  if (index < 0) throw new DataError(`${JSON.stringify(value)} is not one of the choices ${JSON.stringify(spec.choices)}`);
  return index;
}

/** The external value for Optuna's internal representation. */
export function toExternal(spec: ParamSpec, internal: number): ParamValue {
  if (spec.type === 'categorical') return spec.choices[Math.trunc(internal)];
  if (spec.type === 'int') return Math.trunc(internal);
  return internal;
}

/** The values of a parameter on a grid: every choice, or low..high by step (int step defaults to 1). */
export function gridValues(name: string, spec: ParamSpec): ParamValue[] {
  if (spec.type === 'categorical') return [...spec.choices];
  const step = spec.step ?? (spec.type === 'int' ? 1 : undefined);
  if (step === undefined) {
    throw new DataError(`the grid sampler needs a 'step' for float parameter '${name}' (or make it categorical)`);
  }
  const n = Math.floor((spec.high - spec.low) / step + 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => (spec.type === 'int' ? spec.low + i * step : roundStep(spec.low + i * step, step)));
}

/** Rounds a float to the decimals of its step, so 0.1 * 3 prints as 0.3. */
export function roundStep(value: number, step: number): number {
  const decimals = Math.min(15, Math.max(0, -Math.floor(Math.log10(step)) + 2));
  return Number(value.toFixed(decimals));
}
