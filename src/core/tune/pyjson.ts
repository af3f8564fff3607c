/**
 * JSON as Python's `json` module writes and reads it: `NaN`, `Infinity` and `-Infinity` are
 * allowed, and floats that happen to be whole keep a `.0` so Python reads them back as floats.
 */

/** Marks a number to be written as a Python float (`3.0`, not `3`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

function number(n: number, float: boolean): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (float && Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n);
}

/** Serialises like Python's `json.dumps` (", " and ": " separators, non-finite numbers allowed). */
export function pyDumps(value: unknown): string {
  if (value instanceof PyFloat) return number(value.value, true);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return number(value, false);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyDumps(v)}`).join(', ')}}`;
}

const SENTINEL = '\u0000posthoc-nonfinite:';

/** Parses JSON that may hold Python's `NaN`, `Infinity` and `-Infinity`. */
export function pyLoads(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!/NaN|Infinity/.test(text)) throw e;
  }
  const replaced = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) => (m.startsWith('"') ? m : JSON.stringify(SENTINEL + m)));
  return JSON.parse(replaced, (_k, v: unknown) => {
    if (typeof v === 'string' && v.startsWith(SENTINEL)) return Number(v.slice(SENTINEL.length));
    return v;
  });
}
