/**
 * What a cohort expression can name: the dataset's columns and the special names computed from
 * the model's outputs (`label`, `predicted`, `score`, `correct`, `error`).
 */
import type { Column, Table } from '../data/table';

/**
 * Value types. `category` is a class name (label or predicted class of a classifier): it compares
 * with quoted texts as text and with numbers as a number, so `label == 1` and `label == "cat"` both work.
 */
export type ValueType = 'number' | 'string' | 'category' | 'bool';

/** One nameable column with its values for every row. Missing: NaN for numbers, null for texts. */
export type FrameColumn =
  | { type: 'number'; values: Float64Array }
  | { type: 'string' | 'category'; values: readonly (string | null)[] }
  | { type: 'bool'; values: Uint8Array };

/** A special name that does not exist for this model or task, and why. */
export interface Unavailable {
  unavailable: string;
}

/** Types only: enough to check an expression before the model runs. */
export interface CohortSchema {
  columns: ReadonlyMap<string, ValueType>;
  special: ReadonlyMap<string, ValueType | Unavailable>;
}

/** Values for every row: what an expression is evaluated over. */
export interface CohortFrame {
  nRows: number;
  columns: ReadonlyMap<string, FrameColumn>;
  special: ReadonlyMap<string, FrameColumn | Unavailable>;
}

/** The special names, in the order error messages list them. */
export const SPECIAL_NAMES = ['label', 'predicted', 'score', 'correct', 'error'] as const;

/** Dataset columns as frame columns (no copies). */
export function tableColumns(table: Table): Map<string, FrameColumn> {
  const out = new Map<string, FrameColumn>();
  for (const c of table.columns) out.set(c.name, columnOf(c));
  return out;
}

function columnOf(c: Column): FrameColumn {
  return c.kind === 'number' ? { type: 'number', values: c.values } : { type: 'string', values: c.values };
}

/** The types of a frame, for {@link CohortSchema} checks. */
export function schemaOf(frame: CohortFrame): CohortSchema {
  const typeOf = (c: FrameColumn | Unavailable) => ('unavailable' in c ? c : c.type);
  return {
    columns: new Map([...frame.columns].map(([k, c]) => [k, c.type])),
    special: new Map([...frame.special].map(([k, c]) => [k, typeOf(c)])),
  };
}

/**
 * The schema of a table before the model has run: dataset columns, and special names typed by
 * the task alone (so a misspelt column is reported before a long model run).
 */
export function provisionalSchema(table: Table, task: 'binary' | 'multiclass' | 'regression'): CohortSchema {
  const columns = new Map<string, ValueType>(table.columns.map((c) => [c.name, c.kind === 'number' ? 'number' : 'string']));
  const special = new Map<string, ValueType | Unavailable>(
    task === 'regression'
      ? [['label', 'number'], ['predicted', 'number'], ['score', 'number'], ['error', 'number'],
        ['correct', { unavailable: "'correct' is defined for classifiers; for regression filter on 'error' (|label − predicted|)" }]]
      : [['label', 'category'], ['predicted', 'category'], ['score', 'number'], ['correct', 'bool'], ['error', 'bool']],
  );
  return { columns, special };
}
