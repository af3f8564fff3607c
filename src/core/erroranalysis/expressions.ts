/**
 * Cohort expressions for tree paths, bins and slices: `age <= 30.5 and color == "red"`.
 * Names that are not plain identifiers are written in backticks; text values are JSON strings;
 * numbers are written exactly (shortest round-trip form), so the host can rebuild the cohort.
 */
import { formatNumber } from '../charts/format';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words of the cohort language (operators and the model's special names): columns named so need backticks. */
const RESERVED = new Set(['and', 'or', 'not', 'between', 'in', 'is', 'missing', 'true', 'false', 'label', 'predicted', 'score', 'correct', 'error']);

/** A feature name as it appears in an expression: backticks unless a plain, unreserved identifier. */
export function fieldName(name: string): string {
  return IDENTIFIER.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `\`${name.replace(/`/g, '\\`')}\``;
}

/** A number written exactly. */
export function exactNumber(x: number): string {
  return String(x);
}

export type Comparison = '<=' | '>' | '==' | '!=';

/** One condition: exact (`expr`) and shortened for display (`text`). */
export interface Condition {
  expr: string;
  text: string;
}

/** `name op value`, exact and for display; `orMissing` adds "or name is missing". */
export function numericCondition(name: string, op: '<=' | '>', value: number, orMissing = false): Condition {
  const f = fieldName(name);
  const expr = `${f} ${op} ${exactNumber(value)}`;
  const text = `${name} ${op === '<=' ? '≤' : '>'} ${formatNumber(value)}`;
  return orMissing ? { expr: `(${expr} or ${f} is missing)`, text: `${text} or missing` } : { expr, text };
}

/** `name == "value"` or `name != "value"`. */
export function categoryCondition(name: string, op: '==' | '!=', value: string): Condition {
  return { expr: `${fieldName(name)} ${op} ${JSON.stringify(value)}`, text: `${name} ${op === '==' ? '=' : '≠'} ${value}` };
}

/** `name is missing`. */
export function missingCondition(name: string): Condition {
  return { expr: `${fieldName(name)} is missing`, text: `${name} missing` };
}

/** Joins conditions with `and` (parenthesised parts stay as they are). */
export function conjunction(parts: readonly string[]): string {
  return parts.join(' and ');
}
