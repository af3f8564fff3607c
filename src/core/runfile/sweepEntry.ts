/** Checking a `kind: "tune"` run (a sweep) and turning it into a {@link SweepRun}. */
import { getNodeValue, type Node } from './jsonc';
import * as path from 'node:path';
import { placeholders, splitCommand } from '../tune/command';
import { gridPoints } from '../tune/samplers/grid';
import { defaultStorage } from '../tune/storage';
import type { Direction, ObjectiveSpec, PrunerSpec, SamplerSpec, SearchSpace, Sweep } from '../tune/types';
import { type CheckContext, properties, report } from './context';
import { describeField, type FieldSpec, fitsField, showValue } from './fields';
import { didYouMean } from './suggest';
import { readObjectiveSpec, readPruner, readSampler, readSpace } from './sweepSpace';
import { SWEEP_DEFAULTS, TUNE_FIELDS, TUNE_REQUIRED } from './sweepFields';
import type { SweepRun } from './types';

const EXAMPLES: Record<string, string> = {
  kind: '"kind": "tune"',
  command: '"command": "python train.py --lr {lr}"',
  space: '"space": { "lr": { "type": "float", "low": 0.0001, "high": 0.1, "log": true } }',
  objective: '"objective": { "json": "val_loss" }',
};

function checkCommand(ctx: CheckContext, node: Node, v: unknown): boolean {
  if (typeof v === 'string' && v.trim() !== '') {
    try {
      splitCommand(v);
    } catch (e) {
      report(ctx, node, `'command': ${(e as Error).message}`);
      return false;
    }
    return true;
  }
  if (Array.isArray(v) && v.length > 0 && v.every((w) => typeof w === 'string') && (v[0] as string).trim() !== '') return true;
  report(ctx, node, `'command' must be a command line ("python train.py --lr {lr}") or a list of words (["python", "train.py", "--lr", "{lr}"]); got ${showValue(v)}`);
  return false;
}

function checkSimple(ctx: CheckContext, key: string, node: Node, v: unknown): boolean {
  const spec = TUNE_FIELDS[key];
  let ok: boolean;
  let what: string;
  if (spec.type === 'boolean') [ok, what] = [typeof v === 'boolean', 'true or false'];
  else if (spec.type === 'seconds') [ok, what] = [typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a number of seconds ≥ 0 (0: no limit)'];
  else if (spec.type === 'env') {
    ok = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
    what = 'an object of environment variables with string values, e.g. { "CUDA_VISIBLE_DEVICES": "0" }';
  } else if (spec.type === 'command' || spec.type === 'space' || spec.type === 'objective' || spec.type === 'sampler' || spec.type === 'pruner') {
    return true;
  } else [ok, what] = [fitsField(spec as FieldSpec, v), describeField(spec as FieldSpec)];
  if (!ok) {
    const hint = spec.type === 'enum' && typeof v === 'string' ? didYouMean(v, spec.values) : '';
    report(ctx, node, `'${key}' must be ${what}; got ${showValue(v)}${hint}`);
  }
  return ok;
}

/** Checks one tune run; returns it when it has no problems, else records them and returns undefined. */
export function readSweepRun(ctx: CheckContext, key: Node, value: Node): SweepRun | undefined {
  const name = key.value as string;
  const before = ctx.problems.length;
  const fields: Record<string, unknown> = {};
  const nodes: Record<string, Node> = {};
  for (const prop of properties(ctx, value, `in run '${name}'`)) {
    const k = prop.key.value as string;
    if (!(k in TUNE_FIELDS)) {
      const hint = didYouMean(k, Object.keys(TUNE_FIELDS));
      report(ctx, prop.key, `unknown key '${k}' in tune run '${name}'${hint || `; allowed keys: ${Object.keys(TUNE_FIELDS).join(', ')}`}`);
      continue;
    }
    if (!prop.value) continue;
    const v: unknown = getNodeValue(prop.value);
    nodes[k] = prop.value;
    let parsed: unknown = v;
    if (k === 'command') parsed = checkCommand(ctx, prop.value, v) ? v : undefined;
    else if (k === 'space') parsed = readSpace(ctx, prop.value, name);
    else if (k === 'objective') parsed = readObjectiveSpec(ctx, prop.value);
    else if (k === 'sampler') parsed = readSampler(ctx, prop.value);
    else if (k === 'pruner') parsed = readPruner(ctx, prop.value);
    else if (!checkSimple(ctx, k, prop.value, v)) parsed = undefined;
    if (parsed !== undefined) fields[k] = parsed;
  }
  for (const required of TUNE_REQUIRED) {
    if (required in nodes) continue;
    report(ctx, key, `tune run '${name}' has no '${required}'; add ${EXAMPLES[required]}`);
  }
  if (ctx.problems.length > before) return undefined;
  const space = fields.space as SearchSpace;
  const command = fields.command as string | string[];
  for (const used of placeholders(command)) {
    if (used in space || used === 'trial') continue;
    report(ctx, nodes.command, `'command' uses {${used}}, which is not a parameter of the space${didYouMean(used, Object.keys(space)) || `; parameters: ${Object.keys(space).join(', ')}`}`);
  }
  const sampler = (fields.sampler as SamplerSpec | undefined) ?? { type: 'tpe' };
  if (sampler.type === 'grid') {
    try {
      gridPoints(space);
    } catch (e) {
      report(ctx, nodes.sampler, (e as Error).message);
    }
  }
  if (ctx.problems.length > before) return undefined;
  const storage = typeof fields.storage === 'string' ? resolveStorage(ctx.dir, fields.storage) : defaultStorage(ctx.dir, name);
  const sweep: Sweep = {
    name,
    space,
    command,
    shell: (fields.shell as boolean | undefined) ?? SWEEP_DEFAULTS.shell,
    cwd: path.resolve(ctx.dir, (fields.cwd as string | undefined) ?? '.'),
    env: (fields.env as Record<string, string> | undefined) ?? {},
    objective: fields.objective as ObjectiveSpec,
    direction: (fields.direction as Direction | undefined) ?? SWEEP_DEFAULTS.direction,
    trials: (fields.trials as number | undefined) ?? SWEEP_DEFAULTS.trials,
    parallel: (fields.parallel as number | undefined) ?? SWEEP_DEFAULTS.parallel,
    timeout: (fields.timeout as number | undefined) ?? SWEEP_DEFAULTS.timeout,
    seed: (fields.seed as number | undefined) ?? SWEEP_DEFAULTS.seed,
    sampler,
    pruner: (fields.pruner as PrunerSpec | undefined) ?? { type: 'none' },
    storage,
    study: (fields.study as string | undefined) ?? name,
  };
  return { name, kind: 'tune', sweep, range: ctx.lines.range(key.offset, key.length) };
}

/** A storage URL with a relative journal path made absolute against the run file's folder. */
export function resolveStorage(dir: string, url: string): string {
  if (/^[a-z][a-z0-9+]*:\/\//i.test(url)) return url;
  const file = url.startsWith('journal:') ? url.slice('journal:'.length) : url;
  return `journal:${path.resolve(dir, file)}`;
}
