/** Checking a `kind: "explain"` run and turning it into an {@link ExplainRun}. */
import { getNodeValue, type Node } from './jsonc';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { parseBackground } from '../explain/pipeline/data';
import type { BackgroundSpec, ExplainOptions } from '../explain/pipeline/options';
import { parseRowSpec } from '../explain/pipeline/rows';
import { type CheckContext, properties, report } from './context';
import { EXPLAIN_FIELDS, EXPLAIN_REQUIRED } from './explainFields';
import { describeField, type FieldSpec, fitsField, REPORT_KEYS, showValue } from './fields';
import { readReports } from './runEntry';
import { didYouMean } from './suggest';
import type { ExplainRun, RunReports } from './types';

const EXAMPLES: Record<(typeof EXPLAIN_REQUIRED)[number], string> = {
  kind: '"kind": "explain"',
  model: '"model": "path/to/model.onnx"',
  data: '"data": "path/to/test.csv"',
  method: '"method": "kernel-shap"',
};

/** `rows`: a selection like "0-9" or "0,3,7", or a list of 0-based row numbers. */
function readRows(ctx: CheckContext, node: Node, v: unknown): number[] | undefined {
  if (Array.isArray(v) && v.length > 0 && v.every((x) => Number.isInteger(x) && (x as number) >= 0)) return [...new Set(v as number[])];
  if (typeof v === 'string') {
    try {
      return parseRowSpec(v);
    } catch (e) {
      report(ctx, node, `'rows': ${(e as Error).message.replace(/^--rows:? ?/, '')}`);
      return undefined;
    }
  }
  report(ctx, node, `'rows' must be a selection of 0-based rows like "0-9" or "0,3,7", or a list like [0, 3, 7]; got ${showValue(v)}`);
  return undefined;
}

/** `background`: a row count, "kmeans:K", or a file relative to the run file. */
function readBackground(ctx: CheckContext, node: Node, v: unknown): BackgroundSpec | undefined {
  const what = `'background' must be a number of sampled rows ≥ 1 (e.g. 100), "kmeans:K", or a data file relative to this file; got ${showValue(v)}`;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1) return { kind: 'sample', n: v };
  } else if (typeof v === 'string' && v.trim() !== '') {
    try {
      const spec = parseBackground(v);
      return spec.kind === 'file' ? { kind: 'file', path: path.resolve(ctx.dir, spec.path) } : spec;
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      report(ctx, node, `'background': ${e.message.replace(/^--background /, '')}`);
      return undefined;
    }
  }
  report(ctx, node, what);
  return undefined;
}

/** `cohort`: the name of a cohort under the file's top-level `cohorts`. */
function readCohort(ctx: CheckContext, node: Node, v: unknown): { name: string; expression: string } | undefined {
  const known = ctx.cohorts?.declared ?? [];
  if (typeof v !== 'string' || v.trim() === '') {
    report(ctx, node, `'cohort' must name a cohort defined under "cohorts" at the top of the file; got ${showValue(v)}`);
    return undefined;
  }
  const expression = ctx.cohorts?.valid[v];
  if (expression !== undefined) return { name: v, expression };
  // A declared cohort that does not parse is reported where it is defined.
  if (known.includes(v)) return undefined;
  const where = known.length > 0 ? `; cohorts: ${known.join(', ')}` : '; the file defines no "cohorts", e.g. "cohorts": { "young": "age < 30" }';
  report(ctx, node, `no cohort '${v}'${didYouMean(v, known)}${where}`);
  return undefined;
}

function checkPlain(ctx: CheckContext, key: string, node: Node, v: unknown): boolean {
  const spec = EXPLAIN_FIELDS[key] as FieldSpec;
  if (fitsField(spec, v)) return true;
  const hint = spec.type === 'enum' && typeof v === 'string' ? didYouMean(v, spec.values) : '';
  report(ctx, node, `'${key}' must be ${describeField(spec)}; got ${showValue(v)}${hint}`);
  return false;
}

/** Checks one explain run; returns it when it has no problems, else records them and returns undefined. */
export function readExplainRun(ctx: CheckContext, key: Node, value: Node): ExplainRun | undefined {
  const name = key.value as string;
  const before = ctx.problems.length;
  const fields: Record<string, unknown> = {};
  const seen = new Set<string>();
  let reports: RunReports = {};
  for (const prop of properties(ctx, value, `in run '${name}'`)) {
    const k = prop.key.value as string;
    if (!(k in EXPLAIN_FIELDS)) {
      const format = (REPORT_KEYS as readonly string[]).includes(k);
      const hint = format ? `; report files go under 'reports', e.g. "reports": { "${k}": "reports/${name}.${k}" }` : didYouMean(k, Object.keys(EXPLAIN_FIELDS));
      report(ctx, prop.key, `unknown key '${k}' in explain run '${name}'${hint || `; allowed keys: ${Object.keys(EXPLAIN_FIELDS).join(', ')}`}`);
      continue;
    }
    seen.add(k);
    if (!prop.value) continue;
    const v: unknown = getNodeValue(prop.value);
    const type = EXPLAIN_FIELDS[k].type;
    let parsed: unknown;
    if (type === 'rows') parsed = readRows(ctx, prop.value, v);
    else if (type === 'background') parsed = readBackground(ctx, prop.value, v);
    else if (type === 'cohort') parsed = readCohort(ctx, prop.value, v);
    else if (!checkPlain(ctx, k, prop.value, v)) parsed = undefined;
    else if (type === 'reports') reports = readReports(ctx, name, prop.value);
    else parsed = v;
    if (parsed !== undefined) fields[k] = parsed;
  }
  for (const required of EXPLAIN_REQUIRED) {
    if (!seen.has(required)) report(ctx, key, `explain run '${name}' has no '${required}'; add ${EXAMPLES[required]}`);
  }
  if (ctx.problems.length > before) return undefined;
  const { kind: _kind, model, data, ...rest } = fields;
  const options = { model: path.resolve(ctx.dir, model as string), data: path.resolve(ctx.dir, data as string), ...rest } as ExplainOptions;
  return { name, kind: 'explain', options, reports, range: ctx.lines.range(key.offset, key.length) };
}
