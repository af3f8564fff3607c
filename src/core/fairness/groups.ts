/** Turning a sensitive column into group indices: one group per distinct value, missing cells in a group of their own. */
import type { Column } from '../data/table';
import { DataError } from '../errors';
import { labelText } from '../evaluate/labels';

/** The name of the group of rows whose sensitive value is missing. */
export const MISSING_GROUP = '(missing)';

/** Distinct values as group names (numbers in numeric order, texts sorted, missing last) and each row's group. */
export function encodeGroups(column: Column, maxGroups = 100): { names: string[]; group: Int32Array } {
  const n = column.values.length;
  const keys: (string | null)[] = Array.from(column.values as ArrayLike<number | string | null>, (v) =>
    v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : labelText(v));
  const distinct = [...new Set(keys.filter((k): k is string => k !== null))];
  if (column.kind === 'number') distinct.sort((a, b) => Number(a) - Number(b));
  else distinct.sort();
  const names = keys.includes(null) ? [...distinct, MISSING_GROUP] : distinct;
  if (names.length > maxGroups) {
    throw new DataError(
      `sensitive column '${column.name}' has ${names.length} distinct values; fairness compares groups, so pick a column with at most ${maxGroups} ` +
        '(bin a numeric column first, e.g. into age bands).',
    );
  }
  if (names.length < 2) throw new DataError(`sensitive column '${column.name}' has a single value (${names[0] ?? 'none'}); fairness needs at least two groups.`);
  const index = new Map(names.map((g, i) => [g, i] as const));
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = index.get(keys[i] ?? MISSING_GROUP)!;
  return { names, group };
}
