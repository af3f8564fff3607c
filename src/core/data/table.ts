/**
 * The columnar table every dataset reader produces. Numeric columns are Float64Array with NaN
 * for missing cells; string columns keep `null` for missing cells.
 */

export interface NumericColumn {
  readonly name: string;
  readonly kind: 'number';
  readonly values: Float64Array;
}

export interface StringColumn {
  readonly name: string;
  readonly kind: 'string';
  readonly values: (string | null)[];
}

export type Column = NumericColumn | StringColumn;

export interface Table {
  readonly columns: Column[];
  readonly nRows: number;
}

/** Options shared by all readers. */
export interface ReadOptions {
  /** Stop after this many data rows (0 or undefined: all rows). */
  readonly maxRows?: number;
  readonly signal?: AbortSignal;
  /** Called now and then with the fraction of the file read, 0..1. */
  readonly onProgress?: (fraction: number) => void;
}
