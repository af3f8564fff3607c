/**
 * Evaluation of a checked cohort expression over a frame: each node compiles to a small closure
 * reading row i (no code generation, no eval). Missing values never satisfy a comparison,
 * `between` or `in` (so `not (x >= 3)` keeps rows where x is missing); `is missing` finds them.
 */
import { compareMode, resolveName, typeOf } from './check';
import type { CohortFrame, CohortSchema, FrameColumn, ValueType } from './frame';
import type { CompareOp, Expr } from './parser';

type Value = number | string | null | boolean;
type Getter = (i: number) => Value;

const isMissing = (v: Value): boolean => v === null || (typeof v === 'number' && Number.isNaN(v));

/** A class name or number as a number (NaN when it does not read as one). */
function asNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v);
  return NaN;
}

function compare(a: Value, b: Value, op: CompareOp, mode: 'number' | 'string' | 'bool'): boolean {
  if (isMissing(a) || isMissing(b)) return false;
  let x: number | string | boolean = a as number | string | boolean;
  let y: number | string | boolean = b as number | string | boolean;
  if (mode === 'number') {
    x = asNumber(a);
    y = asNumber(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
  } else if (mode === 'string') {
    x = String(a);
    y = String(b);
  }
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

function columnGetter(c: FrameColumn): Getter {
  if (c.type === 'bool') return (i) => c.values[i] === 1;
  const v = c.values;
  return (i) => v[i];
}

class Compiler {
  constructor(private readonly frame: CohortFrame, private readonly schema: CohortSchema, private readonly text: string) {}

  private type(e: Expr): ValueType {
    return typeOf(e, this.schema, this.text);
  }

  compile(e: Expr): Getter {
    switch (e.type) {
      case 'number':
      case 'string':
      case 'bool': {
        const value = e.value;
        return () => value;
      }
      case 'name': {
        resolveName(e, this.schema, this.text);
        const special = e.quoted ? undefined : this.frame.special.get(e.name);
        const column = special && !('unavailable' in special) ? special : this.frame.columns.get(e.name)!;
        return columnGetter(column);
      }
      case 'negate': {
        const f = this.compile(e.operand);
        return (i) => -(f(i) as number);
      }
      case 'arith': {
        const l = this.compile(e.left);
        const r = this.compile(e.right);
        if (e.op === '+') return (i) => (l(i) as number) + (r(i) as number);
        if (e.op === '-') return (i) => (l(i) as number) - (r(i) as number);
        if (e.op === '*') return (i) => (l(i) as number) * (r(i) as number);
        return (i) => (l(i) as number) / (r(i) as number);
      }
      case 'not': {
        const f = this.compile(e.operand);
        return (i) => !f(i);
      }
      case 'logical': {
        const l = this.compile(e.left);
        const r = this.compile(e.right);
        return e.op === 'and' ? (i) => !!l(i) && !!r(i) : (i) => !!l(i) || !!r(i);
      }
      case 'compare': {
        const l = this.compile(e.left);
        const r = this.compile(e.right);
        const mode = compareMode(this.type(e.left), this.type(e.right))!;
        const op = e.op;
        return (i) => compare(l(i), r(i), op, mode);
      }
      case 'between': {
        const v = this.compile(e.value);
        const lo = this.compile(e.low);
        const hi = this.compile(e.high);
        const tv = this.type(e.value);
        const modeLo = compareMode(tv, this.type(e.low))!;
        const modeHi = compareMode(tv, this.type(e.high))!;
        const negated = e.negated;
        return (i) => {
          const x = v(i);
          if (isMissing(x)) return false;
          const inside = compare(x, lo(i), '>=', modeLo) && compare(x, hi(i), '<=', modeHi);
          return negated ? !inside : inside;
        };
      }
      case 'in': {
        const v = this.compile(e.value);
        const tv = this.type(e.value);
        const items = e.items.map((item) => ({ get: this.compile(item), mode: compareMode(tv, this.type(item))! }));
        const negated = e.negated;
        return (i) => {
          const x = v(i);
          if (isMissing(x)) return false;
          const hit = items.some((it) => compare(x, it.get(i), '==', it.mode));
          return negated ? !hit : hit;
        };
      }
      case 'missing': {
        const v = this.compile(e.value);
        return e.negated ? (i) => !isMissing(v(i)) : (i) => isMissing(v(i));
      }
    }
  }
}

/** 1 where the (already checked) condition holds, 0 elsewhere. */
export function evaluateCondition(e: Expr, frame: CohortFrame, schema: CohortSchema, text: string): Uint8Array {
  const f = new Compiler(frame, schema, text).compile(e);
  const mask = new Uint8Array(frame.nRows);
  for (let i = 0; i < mask.length; i++) mask[i] = f(i) ? 1 : 0;
  return mask;
}
