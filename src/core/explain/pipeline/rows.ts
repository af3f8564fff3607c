/**
 * Row selections ("0,3,7", "0-9", "0-4,12") and the feature-of-interest syntax ("a,b:c"), parsed
 * the same way for the CLI, run files and the editor.
 */
import { UsageError, listNames } from '../../errors';

/** Largest number of rows a selection may name: local explanations cost per row. */
export const MAX_SELECTED_ROWS = 100_000;

/**
 * Parses a row selection of 0-based indices: comma-separated items, each an index or an
 * inclusive range `a-b`. Order is kept; duplicates are dropped. Throws UsageError when malformed.
 */
export function parseRowSpec(text: string): number[] {
  const items = text.split(',').map((s) => s.trim());
  if (text.trim() === '' || items.some((s) => s === '')) {
    throw new UsageError(`--rows must list 0-based row numbers or ranges separated by commas, e.g. 0,3,7 or 0-9; got '${text}'`);
  }
  const seen = new Set<number>();
  const out: number[] = [];
  const add = (i: number): void => {
    if (!seen.has(i)) {
      seen.add(i);
      out.push(i);
    }
  };
  for (const item of items) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(item);
    if (!m) throw new UsageError(`--rows: '${item}' is not a row number or a range like 0-9 (rows are 0-based, non-negative)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new UsageError(`--rows: the range '${item}' ends before it starts`);
    if (b - a + 1 + out.length > MAX_SELECTED_ROWS) throw new UsageError(`--rows selects more than ${MAX_SELECTED_ROWS} rows; explain fewer at a time`);
    for (let i = a; i <= b; i++) add(i);
  }
  return out;
}

/** Checks a selection against the data size; the error says how many rows there are. */
export function checkRows(rows: readonly number[], nRows: number): void {
  if (rows.length === 0) throw new UsageError('No rows to explain were selected.');
  const bad = rows.filter((r) => !Number.isInteger(r) || r < 0 || r >= nRows);
  if (bad.length > 0) {
    throw new UsageError(`Row ${bad[0]} is out of range: the data has ${nRows} rows, numbered 0 to ${nRows - 1}.`);
  }
}

/** The default selection: the first `n` rows, or all of them when there are fewer. */
export function firstRows(nRows: number, n: number): number[] {
  return Array.from({ length: Math.min(n, nRows) }, (_, i) => i);
}

/**
 * Resolves features of interest to column indices: each item is a feature name, or `a:b` for a
 * 2-D pair (an item that is itself a feature name is taken as one feature, even with a colon).
 */
export function resolveFeaturesOfInterest(items: readonly string[], featureNames: readonly string[]): number[][] {
  const index = (name: string): number => {
    const j = featureNames.indexOf(name);
    if (j < 0) throw new UsageError(`--features-of-interest: '${name}' is not a feature; features are: ${listNames(featureNames)}`);
    return j;
  };
  return items.map((item) => {
    if (featureNames.includes(item) || !item.includes(':')) return [index(item)];
    const parts = item.split(':').map((s) => s.trim());
    if (parts.length !== 2 || parts.some((p) => p === '')) throw new UsageError(`--features-of-interest: '${item}' must be one feature or a pair 'a:b'`);
    const pair = parts.map(index);
    if (pair[0] === pair[1]) throw new UsageError(`--features-of-interest: the pair '${item}' names the same feature twice`);
    return pair;
  });
}
