/**
 * Helpers over a {@link Table}: find columns by name, pick label and features, count
 * missing cells and pack features into the row-major matrices models take.
 */

import { DataError, listNames } from '../errors';
import { parseNumericCell } from './builder';
import type { Column, Table } from './table';

/**
 * The column called `name`.
 * @throws DataError "column 'x' not found; columns are: a, b, c"
 */
export function getColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new DataError(`column '${name}' not found; columns are: ${listNames(table.columns.map((c) => c.name))}`);
  }
  return column;
}

/** Names that usually hold the label, most telling first. */
const LABEL_NAMES = ['target', 'label', 'y', 'class', 'labels', 'outcome', 'ground_truth'];

/**
 * Guesses the label column from its name: an exact match of a usual name first, then a
 * case-insensitive one ("Target", "LABEL"); undefined when nothing fits.
 */
export function guessLabelColumn(table: Table): string | undefined {
  const names = table.columns.map((c) => c.name);
  for (const candidate of LABEL_NAMES) if (names.includes(candidate)) return candidate;
  for (const candidate of LABEL_NAMES) {
    const hit = names.find((n) => n.toLowerCase() === candidate);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Which columns play which role; see {@link resolveFeatures}. */
export interface ColumnRoles {
  readonly label?: string;
  /** Explicit feature list; by default every column that is neither label nor weight. */
  readonly features?: readonly string[];
  readonly weight?: string;
}

/**
 * The feature column names: the explicit list after checking it (every name exists, no
 * duplicates, neither label nor weight), or all other columns in file order.
 * @throws DataError naming the offending column, or when no feature is left.
 */
export function resolveFeatures(table: Table, roles: ColumnRoles): string[] {
  const { label, weight } = roles;
  if (label !== undefined) getColumn(table, label);
  if (weight !== undefined) getColumn(table, weight);
  if (label !== undefined && label === weight) {
    throw new DataError(`column '${label}' cannot be both the label and the sample weight.`);
  }
  if (!roles.features) {
    const features = table.columns.map((c) => c.name).filter((n) => n !== label && n !== weight);
    if (features.length === 0) throw new DataError('no feature columns left once the label and weight columns are set aside.');
    return features;
  }
  if (roles.features.length === 0) throw new DataError('the feature list is empty; name at least one column.');
  const seen = new Set<string>();
  for (const name of roles.features) {
    getColumn(table, name);
    if (seen.has(name)) throw new DataError(`feature '${name}' is listed twice.`);
    if (name === label) throw new DataError(`column '${name}' is the label; it cannot also be a feature.`);
    if (name === weight) throw new DataError(`column '${name}' is the sample weight; it cannot also be a feature.`);
    seen.add(name);
  }
  return [...roles.features];
}

/** Missing cells per column (NaN in numeric columns, null in string columns); only columns with some. */
export function missingCounts(table: Table): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const column of table.columns) {
    let n = 0;
    if (column.kind === 'number') {
      const v = column.values;
      for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) n++;
    } else {
      for (const s of column.values) if (s === null) n++;
    }
    if (n > 0) counts[column.name] = n;
  }
  return counts;
}

/**
 * Packs the feature columns into a row-major `nRows × features.length` Float32Array, the
 * usual ONNX input. Missing cells become NaN. String columns are accepted only when every
 * value reads as a number.
 * @throws DataError "column 'x' has non-numeric values (row 17: 'abc'); ..." (1-based data row)
 */
export function toFloat32Matrix(table: Table, features: readonly string[]): Float32Array {
  return fillMatrix(table, features, new Float32Array(table.nRows * features.length));
}

/** Like {@link toFloat32Matrix}, in double precision (for metrics and explanations). */
export function toFloat64Matrix(table: Table, features: readonly string[]): Float64Array {
  return fillMatrix(table, features, new Float64Array(table.nRows * features.length));
}

function fillMatrix<T extends Float32Array | Float64Array>(table: Table, features: readonly string[], out: T): T {
  const nCols = features.length;
  const nRows = table.nRows;
  for (let j = 0; j < nCols; j++) {
    const column = getColumn(table, features[j]);
    // Column by column: sequential reads, one strided write per cell.
    const values = column.kind === 'number' ? column.values : stringsToNumbers(column.name, column.values);
    for (let i = 0, k = j; i < nRows; i++, k += nCols) out[k] = values[i];
  }
  return out;
}

function stringsToNumbers(name: string, values: readonly (string | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = values[i];
    const x = s === null ? NaN : parseNumericCell(s);
    if (x === undefined) {
      const shown = s!.length > 40 ? `${s!.slice(0, 40)}…` : s;
      throw new DataError(
        `column '${name}' has non-numeric values (row ${i + 1}: '${shown}'); ` +
        'encode it as numbers first or leave it out of the features.',
      );
    }
    out[i] = x;
  }
  return out;
}
