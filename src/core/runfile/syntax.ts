/** Plain-words messages for jsonc-parser's syntax error codes. */
import { type ParseError, printParseErrorCode } from './jsonc';

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a key in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the key",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the list",
  EndOfFileExpected: 'unexpected text after the end of the file\'s object',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: "comment is not closed (missing '*/')",
  UnexpectedEndOfString: "string is not closed (missing '\"')",
  UnexpectedEndOfNumber: 'number is incomplete',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape character in a string',
  InvalidCharacter: 'invalid character in a string (line breaks and control characters must be escaped)',
};

/** "not valid JSON (comments and trailing commas are fine): expected ',' between entries". */
export function syntaxMessage(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return `not valid JSON (comments and trailing commas are fine): ${MESSAGES[name] ?? name}`;
}

/** Options for jsonc-parser: JSON with comments and trailing commas, as VS Code's `jsonc` allows. */
export const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false } as const;
