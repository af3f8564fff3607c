/** Checking the nested parts of a sweep: the search space, the objective, the sampler and the pruner. */
import { getNodeValue, type Node } from './jsonc';
import type { Choice, Condition, ObjectiveSpec, ParamSpec, PrunerSpec, SamplerSpec, SearchSpace } from '../tune/types';
import { type CheckContext, properties, report } from './context';
import { showValue } from './fields';
import { didYouMean } from './suggest';
import { PARAM_KEYS, PARAM_TYPES, PRUNER_KEYS, PRUNER_TYPES, SAMPLER_KEYS, SAMPLER_TYPES } from './sweepFields';

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const EXAMPLE_PARAM = '{ "type": "float", "low": 0.0001, "high": 0.1, "log": true }';

/** The value of each key of an object node, reporting unknown keys. */
function entries(ctx: CheckContext, node: Node, where: string, allowed: readonly string[]): Map<string, { key: Node; value: Node; v: unknown }> {
  const out = new Map<string, { key: Node; value: Node; v: unknown }>();
  for (const { key, value } of properties(ctx, node, where)) {
    const k = key.value as string;
    if (!allowed.includes(k)) {
      report(ctx, key, `unknown key '${k}' ${where}${didYouMean(k, allowed) || `; allowed keys: ${allowed.join(', ')}`}`);
    } else if (value) out.set(k, { key, value, v: getNodeValue(value) });
  }
  return out;
}

function isChoice(v: unknown): v is Choice {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function readCondition(ctx: CheckContext, node: Node, param: string, earlier: SearchSpace): Condition | undefined {
  if (node.type !== 'object' || !node.children?.length) {
    report(ctx, node, `'when' of parameter '${param}' must be an object naming earlier parameters and their values, e.g. { "optimizer": "sgd" }`);
    return undefined;
  }
  const out: Record<string, Choice | Choice[]> = {};
  for (const { key, value } of properties(ctx, node, `in 'when' of parameter '${param}'`)) {
    const name = key.value as string;
    const spec = earlier[name];
    if (!spec) {
      const hint = didYouMean(name, Object.keys(earlier));
      report(ctx, key, `'when' of parameter '${param}' names '${name}', which is not a parameter defined before it${hint}`);
      continue;
    }
    if (!value) continue;
    const v: unknown = getNodeValue(value);
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0 || !list.every(isChoice)) {
      report(ctx, value, `'when.${name}' must be a value (or a list of values) of '${name}'; got ${showValue(v)}`);
      continue;
    }
    if (spec.type === 'categorical') {
      const bad = list.find((x) => !spec.choices.includes(x));
      if (bad !== undefined) {
        report(ctx, value, `'when.${name}': ${showValue(bad)} is not a choice of '${name}' (${spec.choices.map((c) => showValue(c)).join(', ')})`);
        continue;
      }
    }
    out[name] = Array.isArray(v) ? (v as Choice[]) : (v as Choice);
  }
  return out;
}

function readNumericParam(ctx: CheckContext, node: Node, name: string, type: 'float' | 'int', e: ReturnType<typeof entries>): ParamSpec | undefined {
  const before = ctx.problems.length;
  const int = type === 'int';
  const num = (k: string, required: boolean): number | undefined => {
    const f = e.get(k);
    if (!f) {
      if (required) report(ctx, node, `parameter '${name}' has no '${k}'; e.g. ${int ? '{ "type": "int", "low": 1, "high": 8 }' : EXAMPLE_PARAM}`);
      return undefined;
    }
    if (typeof f.v !== 'number' || !Number.isFinite(f.v) || (int && !Number.isInteger(f.v))) {
      report(ctx, f.value, `'${k}' of parameter '${name}' must be ${int ? 'a whole number' : 'a number'}; got ${showValue(f.v)}`);
      return undefined;
    }
    return f.v;
  };
  const low = num('low', true);
  const high = num('high', true);
  const step = num('step', false);
  const logNode = e.get('log');
  if (logNode && typeof logNode.v !== 'boolean') report(ctx, logNode.value, `'log' of parameter '${name}' must be true or false; got ${showValue(logNode.v)}`);
  const log = logNode?.v === true;
  if (e.has('choices')) report(ctx, e.get('choices')!.key, `'choices' is for categorical parameters; '${name}' is ${type}`);
  if (low === undefined || high === undefined || ctx.problems.length > before) return undefined;
  const at = e.get('high')!.value;
  if (int ? high < low : high <= low) return void report(ctx, at, `'high' of parameter '${name}' must be ${int ? '≥' : '>'} 'low' (${low}); got ${high}`);
  if (log && low <= 0) return void report(ctx, e.get('low')!.value, `'low' of log parameter '${name}' must be > 0; got ${low}`);
  if (step !== undefined) {
    const stepNode = e.get('step')!.value;
    if (step <= 0) return void report(ctx, stepNode, `'step' of parameter '${name}' must be > 0; got ${step}`);
    if (log && step !== 1) return void report(ctx, stepNode, `parameter '${name}' cannot have both 'log' and 'step'${int ? ' other than 1' : ''}`);
    const n = (high - low) / step;
    if (Math.abs(n - Math.round(n)) > 1e-8 * Math.max(1, n)) {
      const fixed = low + Math.floor(n + 1e-9) * step;
      return void report(ctx, at, `'high' of parameter '${name}' must be 'low' plus a whole number of steps (${step}); e.g. ${Number(fixed.toPrecision(12))}`);
    }
  }
  return { type, low, high, ...(log ? { log } : {}), ...(step !== undefined ? { step } : {}) };
}

/** Checks `space`: each parameter's type, bounds or choices, and `when` conditions on earlier parameters. */
export function readSpace(ctx: CheckContext, node: Node, run: string): SearchSpace | undefined {
  if (node.type !== 'object' || !node.children?.length) {
    report(ctx, node, `'space' of run '${run}' must be an object of parameters, e.g. { "lr": ${EXAMPLE_PARAM} }`);
    return undefined;
  }
  const before = ctx.problems.length;
  const space: Record<string, ParamSpec> = {};
  for (const { key, value } of properties(ctx, node, `in the space of run '${run}'`)) {
    const name = key.value as string;
    if (!PARAM_NAME.test(name) || name === 'trial') {
      report(ctx, key, `parameter name '${name}' must start with a letter or '_' and hold letters, digits, '_', '.', '-' ('trial' is reserved for the trial number)`);
      continue;
    }
    if (!value) continue;
    if (value.type !== 'object') {
      report(ctx, value, `parameter '${name}' must be an object, e.g. ${EXAMPLE_PARAM}; got ${showValue(getNodeValue(value))}`);
      continue;
    }
    const e = entries(ctx, value, `in parameter '${name}'`, PARAM_KEYS);
    const type = e.get('type')?.v;
    if (!(PARAM_TYPES as readonly unknown[]).includes(type)) {
      const hint = typeof type === 'string' ? didYouMean(type, PARAM_TYPES) : '';
      report(ctx, e.get('type')?.value ?? key, `'type' of parameter '${name}' must be one of 'float', 'int', 'categorical'; got ${showValue(type)}${hint}`);
      continue;
    }
    let spec: ParamSpec | undefined;
    if (type === 'categorical') {
      const choices = e.get('choices');
      for (const k of ['low', 'high', 'log', 'step'] as const) if (e.has(k)) report(ctx, e.get(k)!.key, `'${k}' is for float and int parameters; '${name}' is categorical`);
      if (!choices) report(ctx, value, `parameter '${name}' has no 'choices'; e.g. "choices": ["adam", "sgd"]`);
      else if (!Array.isArray(choices.v) || choices.v.length === 0 || !choices.v.every(isChoice) || new Set(choices.v).size !== choices.v.length) {
        report(ctx, choices.value, `'choices' of parameter '${name}' must be a non-empty list of distinct strings, numbers, booleans or null; got ${showValue(choices.v)}`);
      } else spec = { type, choices: choices.v as Choice[] };
    } else spec = readNumericParam(ctx, value, name, type as 'float' | 'int', e);
    const when = e.get('when');
    if (spec && when) {
      const condition = readCondition(ctx, when.value, name, space);
      if (condition) spec.when = condition;
    }
    if (spec) space[name] = spec;
  }
  return ctx.problems.length > before ? undefined : space;
}

/** Checks `objective`: `{ "json": "key" }` or `{ "regex": "pattern with (one group)" }`. */
export function readObjectiveSpec(ctx: CheckContext, node: Node): ObjectiveSpec | undefined {
  const example = '{ "json": "val_loss" } (the last stdout line that is JSON with that key) or { "regex": "loss=([0-9.eE+-]+)" }';
  const v: unknown = getNodeValue(node);
  const o = v as Record<string, unknown>;
  if (node.type !== 'object' || Object.keys(o).length !== 1 || !(typeof o.json === 'string' || typeof o.regex === 'string') || String(o.json ?? o.regex).trim() === '') {
    report(ctx, node, `'objective' must be ${example}; got ${showValue(v)}`);
    return undefined;
  }
  if (typeof o.json === 'string') return { json: o.json };
  try {
    const groups = new RegExp(`${o.regex as string}|`).exec('')!.length - 1;
    if (groups < 1) throw new Error('it has no capture group');
  } catch (e) {
    report(ctx, node, `'objective.regex' must be a regular expression with one capture group around the number: ${(e as Error).message}`);
    return undefined;
  }
  return { regex: o.regex as string };
}

function readOptions<T extends string>(ctx: CheckContext, node: Node, what: string, keys: readonly string[], types: readonly T[]): ({ type: T } & Record<string, unknown>) | undefined {
  if (node.type !== 'object') {
    report(ctx, node, `'${what}' must be an object, e.g. { "type": "${types[1]}" }; types: ${types.join(', ')}`);
    return undefined;
  }
  const before = ctx.problems.length;
  const e = entries(ctx, node, `in '${what}'`, keys);
  const type = e.get('type')?.v ?? types[0];
  if (!(types as readonly unknown[]).includes(type)) {
    report(ctx, e.get('type')!.value, `'${what}.type' must be one of ${types.map((t) => `'${t}'`).join(', ')}; got ${showValue(type)}${typeof type === 'string' ? didYouMean(type, types) : ''}`);
  }
  const out: Record<string, unknown> = { type };
  for (const [k, f] of e) {
    if (k === 'type') continue;
    if (k === 'multivariate') {
      if (typeof f.v !== 'boolean') report(ctx, f.value, `'${what}.${k}' must be true or false; got ${showValue(f.v)}`);
    } else {
      const min = k === 'warmupSteps' || k === 'startupTrials' ? 0 : k === 'reductionFactor' ? 2 : 1;
      if (typeof f.v !== 'number' || !Number.isInteger(f.v) || f.v < min) report(ctx, f.value, `'${what}.${k}' must be a whole number ≥ ${min}; got ${showValue(f.v)}`);
    }
    out[k] = f.v;
  }
  return ctx.problems.length > before ? undefined : (out as { type: T } & Record<string, unknown>);
}

/** Checks `sampler`: `{ "type": "tpe" | "random" | "grid", … }`. */
export function readSampler(ctx: CheckContext, node: Node): SamplerSpec | undefined {
  return readOptions(ctx, node, 'sampler', SAMPLER_KEYS, SAMPLER_TYPES) as SamplerSpec | undefined;
}

/** Checks `pruner`: `{ "type": "none" | "median" | "halving", … }`. */
export function readPruner(ctx: CheckContext, node: Node): PrunerSpec | undefined {
  return readOptions(ctx, node, 'pruner', PRUNER_KEYS, PRUNER_TYPES) as PrunerSpec | undefined;
}
