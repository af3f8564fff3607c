/** Turning character offsets (what jsonc-parser reports) into line/character positions. */
import type { RunFilePosition, RunFileRange } from './types';

/** Maps offsets of one text to 0-based positions; built once per text. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \r\n counts as one line break; a lone \r or \n also ends a line.
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** The 0-based position of an offset (clamped to the text). */
  position(offset: number): RunFilePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.max(0, offset - this.starts[lo]) };
  }

  /** The range covering `length` characters from `offset`. */
  range(offset: number, length: number): RunFileRange {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
}

/** `file:line:col` with 1-based line and column, as compilers and editors print them. */
export function formatLocation(file: string, position: RunFilePosition): string {
  return `${file}:${position.line + 1}:${position.character + 1}`;
}
