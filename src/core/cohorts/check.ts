/**
 * Type checking of a cohort expression against the names a dataset and model provide: unknown
 * columns (with a suggestion), text compared with numbers, conditions that are not true/false.
 */
import { didYouMean } from '../runfile/suggest';
import { CohortExpressionError } from './errors';
import { SPECIAL_NAMES, type CohortSchema, type Unavailable, type ValueType } from './frame';
import type { Expr } from './parser';

/** How a type is named in messages. */
export function typeName(t: ValueType): string {
  return t === 'number' ? 'a number' : t === 'string' ? 'text' : t === 'category' ? 'a class name' : 'true/false';
}

/** How a node is named in messages: the column, the literal, or "the expression". */
export function nodeName(e: Expr): string {
  if (e.type === 'name') return `'${e.name}'`;
  if (e.type === 'number') return String(e.value);
  if (e.type === 'string') return JSON.stringify(e.value);
  if (e.type === 'bool') return String(e.value);
  return 'the expression';
}

/** The type a name resolves to: special names first unless quoted in backticks, then dataset columns. */
export function resolveName(e: Extract<Expr, { type: 'name' }>, schema: CohortSchema, text: string): ValueType {
  const special = e.quoted ? undefined : schema.special.get(e.name);
  if (special !== undefined) {
    if (typeof special === 'object') throw new CohortExpressionError((special as Unavailable).unavailable, text, e.offset);
    return special;
  }
  const column = schema.columns.get(e.name);
  if (column !== undefined) return column;
  const candidates = [...schema.columns.keys(), ...SPECIAL_NAMES.filter((n) => schema.special.has(n))];
  const hint = didYouMean(e.name, candidates);
  throw new CohortExpressionError(`unknown column '${e.name}'${hint}`, text, e.offset);
}

/** Whether two types can be compared, and how: as numbers, as texts or as booleans. */
export function compareMode(a: ValueType, b: ValueType): 'number' | 'string' | 'bool' | undefined {
  if (a === 'bool' || b === 'bool') return a === b ? 'bool' : undefined;
  if (a === 'number' || b === 'number') return a === 'string' || b === 'string' ? undefined : 'number';
  return 'string';
}

/** Infers the type of every node, throwing at the first misuse. Returns the root's type. */
export function typeOf(e: Expr, schema: CohortSchema, text: string): ValueType {
  const fail = (message: string, at: Expr | number = e): never => {
    throw new CohortExpressionError(message, text, typeof at === 'number' ? at : at.offset);
  };
  const expect = (child: Expr, want: ValueType, role: string): void => {
    const t = typeOf(child, schema, text);
    if (t !== want) fail(`${role} needs ${typeName(want)}; ${nodeName(child)} is ${typeName(t)}`, child);
  };
  const comparable = (a: Expr, b: Expr, at: Expr | number): void => {
    const ta = typeOf(a, schema, text);
    const tb = typeOf(b, schema, text);
    if (!compareMode(ta, tb)) {
      const hint = ta === 'string' || tb === 'string' ? ' (quote texts: sex == "F")' : '';
      fail(`cannot compare ${nodeName(a)} (${typeName(ta)}) with ${nodeName(b)} (${typeName(tb)})${hint}`, at);
    }
  };
  switch (e.type) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'name':
      return resolveName(e, schema, text);
    case 'negate':
      expect(e.operand, 'number', "'-'");
      return 'number';
    case 'arith':
      expect(e.left, 'number', `'${e.op}'`);
      expect(e.right, 'number', `'${e.op}'`);
      return 'number';
    case 'not':
      expect(e.operand, 'bool', "'not'");
      return 'bool';
    case 'logical':
      expect(e.left, 'bool', `'${e.op}'`);
      expect(e.right, 'bool', `'${e.op}'`);
      return 'bool';
    case 'compare': {
      comparable(e.left, e.right, e.opOffset);
      const tl = typeOf(e.left, schema, text);
      if (tl === 'bool' && e.op !== '==' && e.op !== '!=') fail(`'${e.op}' does not order true/false values; use == or !=`, e.opOffset);
      return 'bool';
    }
    case 'between': {
      comparable(e.value, e.low, e.low);
      comparable(e.value, e.high, e.high);
      if (typeOf(e.value, schema, text) === 'bool') fail("'between' needs numbers or texts, not true/false", e.value);
      return 'bool';
    }
    case 'in':
      for (const item of e.items) comparable(e.value, item, item);
      return 'bool';
    case 'missing':
      typeOf(e.value, schema, text);
      return 'bool';
  }
}

/** Checks that an expression is a condition over the schema's names. @throws CohortExpressionError */
export function checkCondition(e: Expr, schema: CohortSchema, text: string): void {
  const t = typeOf(e, schema, text);
  if (t !== 'bool') {
    const example = t === 'number' ? `${nodeName(e)} > 0` : `${nodeName(e)} == "…"`;
    throw new CohortExpressionError(
      `a cohort needs a condition that is true or false for each row; ${nodeName(e)} is ${typeName(t)} (compare it, e.g. ${example})`,
      text,
      e.offset,
    );
  }
}
