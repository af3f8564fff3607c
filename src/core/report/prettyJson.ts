/**
 * The JSON text every `--json` output shares: pretty-printed at full precision, with NaN and
 * ±Infinity as null (JSON has no such numbers) and typed arrays as plain arrays (JSON.stringify
 * would otherwise write them as index-keyed objects).
 */

/** JSON.stringify replacer: typed arrays → plain arrays (JSON.stringify itself writes non-finite numbers as null). */
export function finiteJsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/** `value` as pretty JSON (two-space indent) with a final newline, through {@link finiteJsonReplacer}. */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, finiteJsonReplacer, 2)}\n`;
}
