/**
 * `explain --cohort/--where`: keep only a cohort's data rows before explaining. The filter sees the
 * dataset's columns; the model-output names (`predicted`, `score`, …) would need a model run
 * first, so they are refused with a pointer to evaluate's cohorts.
 */
import { cohortRows, parseCohort, type Cohort } from '../../cohorts/cohort';
import { SPECIAL_NAMES, tableColumns, type CohortFrame, type FrameColumn, type Unavailable } from '../../cohorts/frame';
import { subsetColumn } from '../../cohorts/subset';
import type { Table } from '../../data/table';
import { DataError } from '../../errors';

/** The cohort's rows of a table (order kept) and how many rows the table had. */
export interface CohortTable {
  table: Table;
  nTotal: number;
}

/** The frame an explain cohort is evaluated over: dataset columns only. */
function dataFrame(table: Table): CohortFrame {
  const columns = tableColumns(table);
  const special = new Map<string, FrameColumn | Unavailable>();
  for (const name of SPECIAL_NAMES) {
    // A dataset column of that name is still usable (special names would shadow it).
    if (!columns.has(name)) special.set(name, { unavailable: `'${name}' is computed from the model's predictions, which explain filters cannot use; filter on dataset columns, or find the rows with posthoc cohorts first` });
  }
  return { nRows: table.nRows, columns, special };
}

/**
 * Filters a table to a cohort's rows.
 * @throws CohortExpressionError for a bad expression or unknown column, DataError when no row matches.
 */
export function filterToCohort(table: Table, cohort: Cohort): CohortTable {
  const parsed = parseCohort(cohort);
  const rows = cohortRows(parsed, dataFrame(table));
  if (rows.length === 0) {
    const label = cohort.name === cohort.expression ? `'${cohort.expression}'` : `'${cohort.name}' (${cohort.expression})`;
    throw new DataError(`cohort ${label} selects none of the ${table.nRows} rows; loosen the condition or check the column values.`);
  }
  return { table: { columns: table.columns.map((c) => subsetColumn(c, rows)), nRows: rows.length }, nTotal: table.nRows };
}
