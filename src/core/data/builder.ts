/**
 * Growable column builders shared by the readers. A column starts out numeric (a growing
 * Float64Array, so no string is kept per numeric cell) and turns into a string column the first
 * time it meets a value that is not a number and not missing.
 */

import type { Column } from './table';

/** Cell texts read as missing in delimited files (a subset of the pandas defaults). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '', 'NA', 'N/A', 'n/a', '#N/A', '<NA>', 'null', 'NULL', 'NaN', 'nan', '-nan', '-NaN',
]);

const INFINITY_TOKENS: ReadonlyMap<string, number> = new Map([
  ['inf', Infinity], ['+inf', Infinity], ['-inf', -Infinity],
  ['infinity', Infinity], ['+infinity', Infinity], ['-infinity', -Infinity],
]);

/**
 * Parses one delimited-text cell: a number, NaN for a missing token, or undefined when the
 * text is not numeric. Stricter than `Number()`, which also accepts blanks and hex literals.
 */
export function parseNumericCell(text: string): number | undefined {
  if (text.length === 0) return NaN;
  const x = Number(text);
  if (x === x) {
    if (x === 0 && text.trim() === '') return NaN;
    // "0x1f", "0b101", "0o17": Number() reads them, a data file does not mean them as numbers.
    if (text.length > 2 && text.charCodeAt(0) === 48) {
      const c = text.charCodeAt(1) | 0x20;
      if (c === 0x78 || c === 0x62 || c === 0x6f) return undefined;
    }
    return x;
  }
  if (MISSING_TOKENS.has(text)) return NaN;
  return INFINITY_TOKENS.get(text.toLowerCase());
}

/** Builds one column row by row; see the module comment for the numeric-to-string switch. */
export class ColumnBuilder {
  private numbers: Float64Array | null;
  private strings: (string | null)[] | null = null;
  private count = 0;
  private nonMissing = 0;
  /**
   * True once the column switched to strings after numeric cells: their original text is
   * gone (e.g. "1.50" became "1.5"), so a text reader may want to read the file again.
   */
  lossy = false;

  constructor(readonly name: string, forceString = false, capacity = 1024) {
    this.numbers = forceString ? null : new Float64Array(Math.max(16, capacity));
    if (forceString) this.strings = [];
  }

  get length(): number {
    return this.count;
  }

  /** Adds a cell of delimited text. */
  pushText(text: string): void {
    if (this.numbers) {
      const x = parseNumericCell(text);
      if (x !== undefined) {
        this.pushNumber(x);
        return;
      }
      this.switchToStrings();
    }
    this.strings!.push(MISSING_TOKENS.has(text) ? null : text);
    this.count++;
  }

  /** Adds a decoded value (JSON, Parquet): numbers, bigints and booleans stay numeric. */
  pushValue(value: unknown): void {
    if (value === null || value === undefined) {
      this.pushMissing();
      return;
    }
    const t = typeof value;
    if (this.numbers && (t === 'number' || t === 'bigint' || t === 'boolean')) {
      this.pushNumber(Number(value));
      return;
    }
    if (this.numbers) this.switchToStrings();
    this.strings!.push(valueToString(value));
    this.count++;
  }

  /** Adds a missing cell. */
  pushMissing(): void {
    if (this.numbers) {
      this.grow();
      this.numbers[this.count] = NaN;
    } else {
      this.strings!.push(null);
    }
    this.count++;
  }

  /** The finished column, trimmed to its length. */
  finish(): Column {
    if (this.numbers) return { name: this.name, kind: 'number', values: this.numbers.slice(0, this.count) };
    return { name: this.name, kind: 'string', values: this.strings! };
  }

  private pushNumber(x: number): void {
    this.grow();
    this.numbers![this.count++] = x;
    if (x === x) this.nonMissing++;
  }

  private grow(): void {
    const buf = this.numbers!;
    if (this.count < buf.length) return;
    const next = new Float64Array(buf.length * 2);
    next.set(buf);
    this.numbers = next;
  }

  private switchToStrings(): void {
    const nums = this.numbers!;
    const strings = new Array<string | null>(this.count);
    for (let i = 0; i < this.count; i++) strings[i] = nums[i] === nums[i] ? String(nums[i]) : null;
    this.strings = strings;
    this.numbers = null;
    this.lossy = this.nonMissing > 0;
  }
}

function valueToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
  return String(value);
}
