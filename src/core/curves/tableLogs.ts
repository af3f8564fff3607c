/**
 * Scalar logs kept as tables: PyTorch Lightning's and Keras' CSVLogger files, and JSON Lines
 * logs (one object per line). One tag per numeric metric column; the step comes from a
 * step-like column, else the row number. Blank cells mean "not logged at this row".
 */
import { readDelimited } from '../data/csv';
import { readJsonLines } from '../data/jsonl';
import type { NumericColumn, Table } from '../data/table';
import { DataError } from '../errors';
import { TagBuilders } from './seriesBuilder';
import type { RunTags } from './types';

/** Column names tried, in order, for the step of a row. */
const STEP_COLUMNS = ['step', 'global_step', 'iteration', 'iter', 'epoch'];
/** Column names tried for a wall-clock time in seconds since the epoch. */
const TIME_COLUMNS = ['wall_time', 'timestamp', 'time'];
/** Step-like columns that are never metrics themselves. */
const NOT_METRICS = new Set([...STEP_COLUMNS, ...TIME_COLUMNS, 'created_at']);

function numericColumn(table: Table, names: readonly string[]): NumericColumn | undefined {
  for (const name of names) {
    const c = table.columns.find((col) => col.name === name);
    if (c?.kind === 'number') return c;
  }
  return undefined;
}

/**
 * Turns a table into tags: each numeric column other than step/epoch/time is a tag, and a
 * missing cell (blank or NaN) is skipped rather than drawn as a gap at zero.
 * @throws DataError when the table has no numeric metric column.
 */
export function tagsFromTable(table: Table, path: string): RunTags {
  const stepCol = numericColumn(table, STEP_COLUMNS);
  const timeCol = numericColumn(table, TIME_COLUMNS);
  const metrics = table.columns.filter((c): c is NumericColumn => c.kind === 'number' && !NOT_METRICS.has(c.name));
  if (metrics.length === 0) {
    throw new DataError(`${path}: no numeric metric columns; columns are: ${table.columns.map((c) => c.name).join(', ')}.`);
  }
  const builders = new TagBuilders();
  for (const col of metrics) {
    for (let i = 0; i < table.nRows; i++) {
      const v = col.values[i];
      if (Number.isNaN(v)) continue;
      const step = stepCol && !Number.isNaN(stepCol.values[i]) ? stepCol.values[i] : i;
      builders.push(col.name, step, v, timeCol ? timeCol.values[i] : NaN);
    }
  }
  return builders.toTags();
}

/** Reads a Lightning or Keras CSVLogger file (or any CSV of metrics per step/epoch). */
export async function readCsvLog(path: string, signal?: AbortSignal): Promise<RunTags> {
  return tagsFromTable(await readDelimited(path, { signal }), path);
}

/** Reads a JSON Lines log: each line an object with `step`/`epoch`/`iteration` and numbers. */
export async function readJsonlLog(path: string, signal?: AbortSignal): Promise<RunTags> {
  return tagsFromTable(await readJsonLines(path, { signal }), path);
}
