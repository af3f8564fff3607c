/**
 * Tokenizer of the cohort expression language (`age < 30 and sex == "F"`). Hand-written so the
 * language stays small and safe: nothing here ever reaches `eval` or `Function`.
 */
import { CohortExpressionError } from './errors';

/** Kinds of token. Keywords are recognised case-insensitively (`AND`, `and`). */
export type TokenKind = 'number' | 'string' | 'name' | 'keyword' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

/** One token with its 0-based offset in the expression text. */
export interface Token {
  kind: TokenKind;
  /** Numbers: the source text; strings: the unquoted value; names: the name; keywords: lower case. */
  text: string;
  offset: number;
  /** Names written in backticks always mean a dataset column, never a special name. */
  quoted?: boolean;
}

/** Reserved words of the language. */
export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'between', 'is', 'missing', 'null', 'true', 'false']);

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/'];

/** Operators people type from other languages, with what to write instead. */
const FOREIGN: Record<string, string> = {
  '&&': "use 'and'",
  '||': "use 'or'",
  '=': "use '==' to compare",
  '!': "use 'not'",
  '<>': "use '!='",
};

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => /[A-Za-z_]/.test(c);
const isNamePart = (c: string) => /[A-Za-z0-9_]/.test(c);

function readString(src: string, start: number): [string, number] {
  const quote = src[start];
  let out = '';
  let i = start + 1;
  while (i < src.length && src[i] !== quote) {
    if (src[i] === '\\' && i + 1 < src.length) {
      const next = src[i + 1];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
    } else {
      out += src[i++];
    }
  }
  if (i >= src.length) throw new CohortExpressionError(`the text starting here has no closing ${quote}`, src, start);
  return [out, i + 1];
}

function readNumber(src: string, start: number): number {
  const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(start));
  if (!m) throw new CohortExpressionError(`'${src[start]}' does not start a number`, src, start);
  const end = start + m[0].length;
  if (end < src.length && isNamePart(src[end])) {
    throw new CohortExpressionError(`'${src.slice(start, end + 1)}…' is not a number; quote column names that start with a digit in backticks`, src, start);
  }
  return end;
}

/** Splits an expression into tokens, ending with an `end` token. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      const end = readNumber(src, i);
      tokens.push({ kind: 'number', text: src.slice(i, end), offset: i });
      i = end;
    } else if (c === '"' || c === "'") {
      const [value, end] = readString(src, i);
      tokens.push({ kind: 'string', text: value, offset: i });
      i = end;
    } else if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) throw new CohortExpressionError('the column name starting here has no closing `', src, i);
      if (close === i + 1) throw new CohortExpressionError('empty column name ``', src, i);
      tokens.push({ kind: 'name', text: src.slice(i + 1, close), offset: i, quoted: true });
      i = close + 1;
    } else if (isNameStart(c)) {
      let end = i + 1;
      while (end < src.length && isNamePart(src[end])) end++;
      const word = src.slice(i, end);
      const lower = word.toLowerCase();
      tokens.push(KEYWORDS.has(lower) ? { kind: 'keyword', text: lower, offset: i } : { kind: 'name', text: word, offset: i });
      i = end;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, offset: i });
      i++;
    } else {
      const two = src.slice(i, i + 2);
      const foreign = FOREIGN[two] !== undefined ? two : OPERATORS.includes(two) ? undefined : FOREIGN[c] !== undefined ? c : undefined;
      if (foreign !== undefined) throw new CohortExpressionError(`'${foreign}' is not an operator here; ${FOREIGN[foreign]}`, src, i);
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) throw new CohortExpressionError(`unexpected character '${c}'`, src, i);
      tokens.push({ kind: 'op', text: op, offset: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', offset: src.length });
  return tokens;
}
