/** The error of a cohort expression that does not parse or does not fit the data, at a place in its text. */
import { UsageError } from '../errors';

/** 1-based line and column of a 0-based offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * A problem in a cohort expression. The message ends with ` at LINE:COL` (1-based), e.g.
 * `unknown column 'agee' (did you mean 'age'?) at 1:1`; `offset` lets an editor underline it.
 */
export class CohortExpressionError extends UsageError {
  readonly line: number;
  readonly column: number;

  constructor(
    readonly detail: string,
    readonly expression: string,
    readonly offset: number,
    /** The cohort's name, when it has one; it prefixes the message. */
    readonly cohort?: string,
  ) {
    const { line, column } = lineColumn(expression, offset);
    super(`${cohort !== undefined ? `cohort '${cohort}': ` : ''}${detail} at ${line}:${column}`);
    this.line = line;
    this.column = column;
    // Named as its base class so it crosses worker threads (rebuilt by name) as a UsageError.
    this.name = 'UsageError';
  }

  /** The same error, named after the cohort it belongs to. */
  withCohort(name: string): CohortExpressionError {
    return new CohortExpressionError(this.detail, this.expression, this.offset, name);
  }
}
