/**
 * Turning a label column into class indices: which classes exist, in what order, and which
 * label values are unusable (missing, unknown to the model).
 */
import type { Column } from '../data/table';
import { DataError, listNames } from '../errors';

/** How a label cell is spelled as a class name: integers without a trailing ".0". */
export function labelText(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

/** Throws a DataError if any label is missing (empty or NaN), naming how many and the first row. */
export function assertLabelsPresent(column: Column): void {
  let missing = 0;
  let first = -1;
  for (let i = 0; i < column.values.length; i++) {
    const v = column.values[i];
    const absent = column.kind === 'number' ? Number.isNaN(v as number) : v === null || v === '';
    if (absent) {
      missing++;
      if (first < 0) first = i;
    }
  }
  if (missing > 0) {
    throw new DataError(
      `label column '${column.name}' has ${missing} empty or NaN value(s) (first at data row ${first + 1}). ` +
        'Remove those rows or fill in their labels.',
    );
  }
}

/** Distinct label values as class names, sorted as scikit-learn sorts `classes_` (numbers numerically). */
export function distinctLabels(column: Column): string[] {
  if (column.kind === 'number') {
    const set = new Set<number>(column.values);
    return [...set].sort((a, b) => a - b).map(labelText);
  }
  const set = new Set<string>();
  for (const v of column.values) if (v !== null) set.add(v);
  return [...set].sort();
}

/** True if every value of a numeric column is an integer (a plausible class id). */
export function isIntegerValued(column: Column): boolean {
  if (column.kind !== 'number') return false;
  for (const v of column.values) if (!Number.isInteger(v)) return false;
  return true;
}

/**
 * Maps each label to its index in `classes`. Unknown labels are an error naming the value, its row
 * and the known classes, with the flag that fixes a wrong class order or naming.
 */
export function encodeLabels(column: Column, classes: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  classes.forEach((c, i) => index.set(c, i));
  const out = new Int32Array(column.values.length);
  for (let i = 0; i < out.length; i++) {
    const raw = column.values[i];
    const key = labelText(raw as number | string);
    const k = index.get(key);
    if (k === undefined) {
      throw new DataError(
        `label '${key}' in column '${column.name}' (data row ${i + 1}) is not one of the model's classes: ` +
          `${listNames(classes)}. If the model's classes are named differently, pass them in order with --classes.`,
      );
    }
    out[i] = k;
  }
  return out;
}
