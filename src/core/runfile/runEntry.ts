/** Checking one entry under `runs` and turning it into a {@link Run}. */
import { getNodeValue, type Node } from './jsonc';
import * as path from 'node:path';
import type { EvaluateOptions } from '../evaluate/options';
import { type CheckContext, properties, report } from './context';
import {
  describeField,
  EVALUATE_FIELDS,
  EVALUATE_REQUIRED,
  fitsField,
  REPORT_KEYS,
  RUN_KINDS,
  RUN_NAME_PATTERN,
  showValue,
} from './fields';
import { didYouMean } from './suggest';
import { readExplainRun } from './explainEntry';
import { readSweepRun } from './sweepEntry';
import type { ExplainRun, Run, RunReports, SweepRun } from './types';

const EXAMPLE_RUN = '{ "kind": "evaluate", "model": "model.onnx", "data": "test.csv" }';

function unknownKey(name: string, key: string): string {
  if ((REPORT_KEYS as readonly string[]).includes(key)) {
    return `'${key}' is not a run key; report files go under 'reports', e.g. "reports": { "${key}": "reports/${name}.${key}" }`;
  }
  const hint = didYouMean(key, Object.keys(EVALUATE_FIELDS));
  return hint
    ? `unknown key '${key}' in run '${name}'${hint}`
    : `unknown key '${key}' in run '${name}'; allowed keys: ${Object.keys(EVALUATE_FIELDS).join(', ')}`;
}

function badValue(key: string, value: unknown): string {
  const spec = EVALUATE_FIELDS[key];
  let hint = spec.type === 'enum' && typeof value === 'string' ? didYouMean(value, spec.values) : '';
  if (key === 'kind') {
    hint = typeof value === 'string' ? didYouMean(value, RUN_KINDS) : '';
    return `'kind' must be one of ${RUN_KINDS.map((k) => `'${k}'`).join(', ')}; got ${showValue(value)}${hint}`;
  }
  return `'${key}' must be ${describeField(spec)}; got ${showValue(value)}${hint}`;
}

function resolve(ctx: CheckContext, file: string): string {
  return path.resolve(ctx.dir, file);
}

/** Checks `reports` and resolves its paths; reports files another output already writes. */
export function readReports(ctx: CheckContext, name: string, node: Node): RunReports {
  const reports: RunReports = {};
  for (const { key, value } of properties(ctx, node, `in the reports of run '${name}'`)) {
    const format = key.value as string;
    if (!(REPORT_KEYS as readonly string[]).includes(format)) {
      const hint = didYouMean(format, REPORT_KEYS);
      report(ctx, key, `unknown report format '${format}'${hint || `; formats are: ${REPORT_KEYS.join(', ')}`}`);
      continue;
    }
    if (!value) continue;
    const file: unknown = getNodeValue(value);
    if (typeof file !== 'string' || file.trim() === '') {
      report(ctx, value, `'reports.${format}' must be a non-empty string: the file to write, relative to this file; got ${showValue(file)}`);
      continue;
    }
    const target = resolve(ctx, file);
    const who = `'reports.${format}' of run '${name}'`;
    const other = ctx.targets.get(target);
    if (other) {
      report(ctx, value, `${who} writes ${file}, which ${other} also writes; give each report its own file`);
      continue;
    }
    ctx.targets.set(target, who);
    reports[format as keyof RunReports] = target;
  }
  return reports;
}

/**
 * Checks one run (`key: value` under `runs`); `"kind": "tune"` runs go to the sweep checker and
 * `"kind": "explain"` runs to the explain checker. Returns the run when it has no problems;
 * otherwise records them in the context and returns undefined.
 */
export function readRun(ctx: CheckContext, key: Node, value: Node): Run | SweepRun | ExplainRun | undefined {
  const name = key.value as string;
  const before = ctx.problems.length;
  if (!RUN_NAME_PATTERN.test(name)) {
    report(ctx, key, `run name '${name}' may only hold letters, digits, '.', '_' and '-' (and not start with '.' or '-'), so it can be given to posthoc run --only`);
  }
  if (value.type !== 'object') {
    report(ctx, value, `run '${name}' must be an object, e.g. ${EXAMPLE_RUN}; got ${showValue(getNodeValue(value))}`);
    return undefined;
  }
  const kind = value.children?.find((p) => p.children?.[0]?.value === 'kind')?.children?.[1];
  if (kind?.type === 'string' && kind.value === 'tune') {
    const sweep = readSweepRun(ctx, key, value);
    return ctx.problems.length > before ? undefined : sweep;
  }
  if (kind?.type === 'string' && kind.value === 'explain') return readExplainRun(ctx, key, value);
  const fields: Record<string, unknown> = {};
  let reports: RunReports = {};
  for (const prop of properties(ctx, value, `in run '${name}'`)) {
    const k = prop.key.value as string;
    if (!(k in EVALUATE_FIELDS)) {
      report(ctx, prop.key, unknownKey(name, k));
      continue;
    }
    if (!prop.value) continue;
    const v: unknown = getNodeValue(prop.value);
    if (!fitsField(EVALUATE_FIELDS[k], v)) {
      report(ctx, prop.value, badValue(k, v));
      continue;
    }
    if (k === 'reports') reports = readReports(ctx, name, prop.value);
    else fields[k] = v;
  }
  for (const required of EVALUATE_REQUIRED) {
    if (required in fields || value.children?.some((p) => p.children?.[0]?.value === required)) continue;
    const example = required === 'kind' ? '"kind": "evaluate"' : `"${required}": "${required === 'model' ? 'path/to/model.onnx' : 'path/to/test.csv'}"`;
    report(ctx, key, `run '${name}' has no '${required}'; add ${example}`);
  }
  if (ctx.problems.length > before) return undefined;
  const { kind: _kind, model, data, ...rest } = fields;
  const options = { model: resolve(ctx, model as string), data: resolve(ctx, data as string), ...rest } as EvaluateOptions;
  return { name, kind: 'evaluate', options, reports, range: ctx.lines.range(key.offset, key.length) };
}
