/**
 * The top-level `"cohorts"` of a run file: named filters, e.g. `"cohorts": { "young": "age < 30" }`.
 * Each expression is parsed here, so a syntax error is reported at its place in posthoc.json.
 * Column names are checked later, against the dataset a command reads.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CohortExpressionError } from '../cohorts/errors';
import { parseExpression } from '../cohorts/parser';
import { DataError, UsageError } from '../errors';
import { type CheckContext, properties, report } from './context';
import { RUN_NAME_PATTERN } from './fields';
import { type Node, parseTree } from './jsonc';
import { LineMap } from './positions';
import { PARSE_OPTIONS } from './syntax';

const EXAMPLE = '"cohorts": { "young": "age < 30", "uncertain": "score between 0.4 and 0.6" }';

/** Offset in the file of the `index`-th character of a JSON string node's value (escapes counted). */
function rawOffset(node: Node, text: string | undefined, index: number): number {
  if (text === undefined) return node.offset + 1 + index;
  let raw = node.offset + 1;
  for (let k = 0; k < index && raw < node.offset + node.length - 1; k++) {
    raw += text[raw] !== '\\' ? 1 : text[raw + 1] === 'u' ? 6 : 2;
  }
  return raw;
}

/**
 * Checks the `cohorts` object: names like run names, values non-empty expressions that parse.
 * Problems go to `ctx`; returns the cohorts that are fine.
 */
export function readCohorts(ctx: CheckContext, node: Node, text?: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (node.type !== 'object') {
    report(ctx, node, `'cohorts' must be an object of named filters, e.g. ${EXAMPLE}`);
    return out;
  }
  for (const { key, value } of properties(ctx, node, "in 'cohorts'")) {
    const name = key.value as string;
    if (!RUN_NAME_PATTERN.test(name)) {
      report(ctx, key, `cohort name '${name}' may use letters, digits, '_', '.' and '-' (it is typed after --cohort)`);
      continue;
    }
    if (!value || value.type !== 'string' || (value.value as string).trim() === '') {
      if (value) report(ctx, value, `cohort '${name}' must be a filter expression in a string, e.g. "age < 30 and sex == \\"F\\""`);
      continue;
    }
    const expression = value.value as string;
    try {
      parseExpression(expression);
      out[name] = expression;
    } catch (e) {
      if (!(e instanceof CohortExpressionError)) throw e;
      const at = rawOffset(value, text, e.offset);
      ctx.problems.push({ message: `cohort '${name}': ${e.detail}`, range: ctx.lines.range(at, 1) });
    }
  }
  return out;
}

/**
 * The cohorts defined in a run file, for `--cohort NAME`. Reads only the `cohorts` key, so a
 * problem elsewhere in the file does not block a cohort. Returns undefined when the default file
 * (`required` false) does not exist.
 * @throws UsageError for a missing file named by the user or a problem in `cohorts` (file:line:col).
 */
export function loadCohorts(filePath: string, required: boolean): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    if (code === 'ENOENT') throw new UsageError(`${filePath} not found; give the path of the posthoc.json that defines your cohorts with --config`);
    throw new DataError(`cannot read ${filePath}: ${(e as Error).message}`);
  }
  const ctx: CheckContext = { lines: new LineMap(text), problems: [], dir: path.dirname(path.resolve(filePath)), targets: new Map() };
  const root = parseTree(text, [], PARSE_OPTIONS);
  const node = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'cohorts')?.children?.[1] : undefined;
  if (!root) throw new UsageError(`${filePath} is not valid JSON; run 'posthoc run ${filePath}' to see where`);
  if (!node) return {};
  const cohorts = readCohorts(ctx, node, text);
  if (ctx.problems.length > 0) {
    throw new UsageError(ctx.problems.map((p) => `${filePath}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`).join('\n'));
  }
  return cohorts;
}
