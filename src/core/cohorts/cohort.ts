/**
 * Cohorts: named filters over a dataset's columns and a model's outputs. Parse once, check
 * against a schema (before the model runs when possible), then select rows from a frame.
 */
import { UsageError, listNames } from '../errors';
import { didYouMean } from '../runfile/suggest';
import { checkCondition } from './check';
import { CohortExpressionError } from './errors';
import { evaluateCondition } from './evaluate';
import { schemaOf, type CohortFrame, type CohortSchema } from './frame';
import { parseExpression, type Expr } from './parser';

/** A named filter, as in posthoc.json's `"cohorts": { "young": "age < 30" }`. */
export interface Cohort {
  name: string;
  expression: string;
}

/** A cohort whose expression has parsed. */
export interface ParsedCohort extends Cohort {
  ast: Expr;
}

function named<T>(cohort: Cohort, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof CohortExpressionError && e.cohort === undefined && cohort.name !== cohort.expression) throw e.withCohort(cohort.name);
    throw e;
  }
}

/** Parses a cohort's expression. @throws CohortExpressionError naming the cohort and the place. */
export function parseCohort(cohort: Cohort): ParsedCohort {
  return named(cohort, () => ({ ...cohort, ast: parseExpression(cohort.expression) }));
}

/** Checks a parsed cohort's names and types. @throws CohortExpressionError */
export function checkCohort(cohort: ParsedCohort, schema: CohortSchema): void {
  named(cohort, () => checkCondition(cohort.ast, schema, cohort.expression));
}

/** 1 for every row in the cohort. Checks the expression against the frame first. */
export function cohortMask(cohort: ParsedCohort, frame: CohortFrame): Uint8Array {
  const schema = schemaOf(frame);
  checkCohort(cohort, schema);
  return evaluateCondition(cohort.ast, frame, schema, cohort.expression);
}

/** The row indices (ascending) in the cohort. */
export function cohortRows(cohort: ParsedCohort, frame: CohortFrame): Int32Array {
  const mask = cohortMask(cohort, frame);
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  const rows = new Int32Array(n);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) rows[k++] = i;
  return rows;
}

/**
 * The cohorts a command asked for: `--cohort NAME` looked up in the run file's `cohorts`, then
 * each `--where EXPR` (named by its text), all parsed.
 * @throws UsageError for an unknown name (listing the known ones), CohortExpressionError for bad syntax.
 */
export function resolveCohorts(names: readonly string[], wheres: readonly string[], defined: Readonly<Record<string, string>> | undefined, source = 'posthoc.json'): ParsedCohort[] {
  const out: ParsedCohort[] = [];
  const known = Object.keys(defined ?? {});
  for (const name of names) {
    const expression = defined?.[name];
    if (expression === undefined) {
      const where = known.length > 0 ? `; cohorts in ${source}: ${listNames(known)}` : `; ${source} defines no "cohorts"`;
      throw new UsageError(`no cohort '${name}'${didYouMean(name, known)}${where}. Define it under "cohorts" or pass --where EXPR.`);
    }
    out.push(parseCohort({ name, expression }));
  }
  for (const expression of wheres) out.push(parseCohort({ name: expression, expression }));
  return out;
}
