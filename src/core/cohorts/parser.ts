/**
 * Recursive-descent parser of cohort expressions into an AST. Precedence, loosest first:
 * `or`, `and`, `not`, comparisons (`== != < <= > >=`, `between … and …`, `[not] in (…)`,
 * `is [not] missing`), `+ -`, `* /`, unary minus. Comparisons do not chain (`a < b < c` is an error).
 */
import { CohortExpressionError } from './errors';
import { tokenize, type Token } from './tokens';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';

/** A node of the expression tree; `offset` is where it starts in the text (0-based). */
export type Expr =
  | { type: 'number'; value: number; offset: number }
  | { type: 'string'; value: string; offset: number }
  | { type: 'bool'; value: boolean; offset: number }
  | { type: 'name'; name: string; quoted: boolean; offset: number }
  | { type: 'negate'; operand: Expr; offset: number }
  | { type: 'not'; operand: Expr; offset: number }
  | { type: 'arith'; op: ArithOp; left: Expr; right: Expr; offset: number }
  | { type: 'compare'; op: CompareOp; left: Expr; right: Expr; offset: number; opOffset: number }
  | { type: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr; offset: number }
  | { type: 'between'; value: Expr; low: Expr; high: Expr; negated: boolean; offset: number }
  | { type: 'in'; value: Expr; items: Expr[]; negated: boolean; offset: number }
  | { type: 'missing'; value: Expr; negated: boolean; offset: number };

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private pos = 0;
  constructor(private readonly src: string, private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private fail(message: string, token: Token = this.peek()): never {
    throw new CohortExpressionError(message, this.src, token.offset);
  }

  private describe(t: Token): string {
    if (t.kind === 'end') return 'the end of the expression';
    if (t.kind === 'string') return `the text "${t.text}"`;
    return `'${t.kind === 'name' && t.quoted ? `\`${t.text}\`` : t.text}'`;
  }

  private isKeyword(word: string, t: Token = this.peek()): boolean {
    return t.kind === 'keyword' && t.text === word;
  }

  private expectKeyword(word: string, context: string): void {
    if (!this.isKeyword(word)) this.fail(`expected '${word}' ${context}, found ${this.describe(this.peek())}`);
    this.pos++;
  }

  parse(): Expr {
    if (this.peek().kind === 'end') this.fail('the expression is empty; write a condition such as age < 30');
    const e = this.or();
    if (this.peek().kind !== 'end') {
      const t = this.peek();
      const hint = COMPARE_OPS.has(t.text) ? " (comparisons do not chain: write 'a < b and b < c')" : " (missing 'and' or 'or'?)";
      this.fail(`unexpected ${this.describe(t)}${hint}`);
    }
    return e;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isKeyword('or')) {
      this.pos++;
      left = { type: 'logical', op: 'or', left, right: this.and(), offset: left.offset };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword('and')) {
      this.pos++;
      left = { type: 'logical', op: 'and', left, right: this.not(), offset: left.offset };
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword('not')) {
      const offset = this.peek().offset;
      this.pos++;
      return { type: 'not', operand: this.not(), offset };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'op' && COMPARE_OPS.has(t.text)) {
      this.pos++;
      return { type: 'compare', op: t.text as CompareOp, left, right: this.additive(), offset: left.offset, opOffset: t.offset };
    }
    if (this.isKeyword('is')) {
      this.pos++;
      const negated = this.isKeyword('not');
      if (negated) this.pos++;
      if (!this.isKeyword('missing') && !this.isKeyword('null')) this.fail(`expected 'missing' after 'is${negated ? ' not' : ''}', found ${this.describe(this.peek())}`);
      this.pos++;
      return { type: 'missing', value: left, negated, offset: left.offset };
    }
    let negated = false;
    if (this.isKeyword('not') && (this.isKeyword('in', this.tokens[this.pos + 1]) || this.isKeyword('between', this.tokens[this.pos + 1]))) {
      negated = true;
      this.pos++;
    }
    if (this.isKeyword('between')) {
      this.pos++;
      const low = this.additive();
      this.expectKeyword('and', "between the bounds of 'between' (x between 1 and 5)");
      const high = this.additive();
      return { type: 'between', value: left, low, high, negated, offset: left.offset };
    }
    if (this.isKeyword('in')) {
      this.pos++;
      return { type: 'in', value: left, items: this.list(), negated, offset: left.offset };
    }
    return left;
  }

  private list(): Expr[] {
    if (this.peek().kind !== 'lparen') this.fail(`expected '(' after 'in', as in label in ("a", "b"); found ${this.describe(this.peek())}`);
    this.pos++;
    const items: Expr[] = [];
    for (;;) {
      const t = this.peek();
      const item = this.additive();
      if (item.type !== 'number' && item.type !== 'string' && item.type !== 'bool' && !(item.type === 'negate' && item.operand.type === 'number')) {
        this.fail("the list after 'in' holds only numbers and quoted texts", t);
      }
      items.push(item);
      if (this.peek().kind === 'comma') {
        this.pos++;
        continue;
      }
      if (this.peek().kind === 'rparen') break;
      this.fail(`expected ',' or ')' in the list after 'in', found ${this.describe(this.peek())}`);
    }
    this.pos++;
    return items;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.peek().kind === 'op' && (this.peek().text === '+' || this.peek().text === '-')) {
      const op = this.peek().text as ArithOp;
      this.pos++;
      left = { type: 'arith', op, left, right: this.multiplicative(), offset: left.offset };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.peek().kind === 'op' && (this.peek().text === '*' || this.peek().text === '/')) {
      const op = this.peek().text as ArithOp;
      this.pos++;
      left = { type: 'arith', op, left, right: this.unary(), offset: left.offset };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '-') {
      this.pos++;
      return { type: 'negate', operand: this.unary(), offset: t.offset };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    this.pos++;
    switch (t.kind) {
      case 'number':
        return { type: 'number', value: Number(t.text), offset: t.offset };
      case 'string':
        return { type: 'string', value: t.text, offset: t.offset };
      case 'name':
        return { type: 'name', name: t.text, quoted: t.quoted ?? false, offset: t.offset };
      case 'lparen': {
        const inner = this.or();
        if (this.peek().kind !== 'rparen') this.fail(`expected ')' to close the '(' at column ${t.offset + 1}, found ${this.describe(this.peek())}`);
        this.pos++;
        return inner;
      }
      case 'keyword':
        if (t.text === 'true' || t.text === 'false') return { type: 'bool', value: t.text === 'true', offset: t.offset };
        if (t.text === 'missing' || t.text === 'null') this.fail(`'${t.text}' is not a value; test for it with 'x is missing'`, t);
        this.fail(`expected a column, number or quoted text, found the keyword '${t.text}' (quote a column of that name in backticks: \`${t.text}\`)`, t);
      // falls through: fail() never returns
      default:
        this.fail(`expected a column, number or quoted text, found ${this.describe(t)}`, t);
    }
  }
}

/** Parses a cohort expression. @throws CohortExpressionError with the place of the first problem. */
export function parseExpression(text: string): Expr {
  return new Parser(text, tokenize(text)).parse();
}
