/**
 * detectDrift: read a reference and a current dataset (or a serving log), test every shared
 * column for drift, count data-quality problems, and optionally compare a model's predictions.
 */
import { extname } from 'node:path';
import { getColumn, guessLabelColumn } from '../data/columns';
import { readTable } from '../data/readTable';
import type { Table } from '../data/table';
import { DataError, listNames, throwIfAborted, UsageError } from '../errors';
import { VERSION } from '../version';
import { columnDrift, columnQuality, columnSamples } from './columnDrift';
import { predictionDrift } from './predictionDrift';
import { looksLikeServingLog, readServingLog } from './servingLog';
import { DRIFT_TESTS, type ColumnDrift, type DriftDatasetInfo, type DriftHooks, type DriftOptions, type DriftResult } from './types';

/** Dataset drift when at least this share of columns drifted, unless the caller says otherwise. */
export const DEFAULT_DRIFT_SHARE = 0.5;

function checkOptions(opts: DriftOptions): void {
  if (opts.test !== undefined && opts.test !== 'auto' && !DRIFT_TESTS.includes(opts.test)) {
    throw new UsageError(`unknown drift test '${String(opts.test)}'; use one of auto, ${DRIFT_TESTS.join(', ')}.`);
  }
  if (opts.threshold !== undefined && !(opts.threshold > 0)) throw new UsageError(`the threshold must be a number > 0; got ${opts.threshold}.`);
  if (opts.driftShare !== undefined && !(opts.driftShare > 0 && opts.driftShare <= 1)) {
    throw new UsageError(`the drift share must be in (0, 1]; got ${opts.driftShare}.`);
  }
}

/** Reads a data table, or a serving log when `format` says so or auto-detection finds one. */
async function readDataset(
  path: string,
  format: DriftOptions['currentFormat'],
  opts: DriftOptions,
  hooks: DriftHooks,
): Promise<{ table: Table; info: DriftDatasetInfo; notes: string[] }> {
  const jsonl = ['.jsonl', '.ndjson', '.json', '.log'].includes(extname(path).toLowerCase());
  const isLog = format === 'serve-log' || ((format ?? 'auto') === 'auto' && jsonl && (await looksLikeServingLog(path).catch(() => false)));
  if (!isLog) {
    const table = await readTable(path, { maxRows: opts.maxRows, signal: hooks.signal });
    return { table, info: { path, format: 'table', n_rows: table.nRows, n_columns: table.columns.length }, notes: [] };
  }
  const log = await readServingLog(path, { features: opts.features, maxRows: opts.maxRows, signal: hooks.signal });
  const info: DriftDatasetInfo = { path, format: 'serve-log', n_rows: log.table.nRows, n_columns: log.table.columns.length, skipped_lines: log.skippedLines };
  const notes = log.skipReasons.map((r) => `serving log ${path}: skipped ${r}`);
  return { table: log.table, info, notes };
}

function pickColumns(reference: Table, current: Table, requested: string[] | undefined, notes: string[]): string[] {
  if (requested) {
    if (requested.length === 0) throw new UsageError('the column list is empty; name at least one column.');
    for (const name of requested) {
      if (!reference.columns.some((c) => c.name === name)) {
        throw new DataError(`the reference dataset has no column '${name}'; its columns are: ${listNames(reference.columns.map((c) => c.name))}`);
      }
      if (!current.columns.some((c) => c.name === name)) {
        throw new DataError(`the current dataset has no column '${name}'; its columns are: ${listNames(current.columns.map((c) => c.name))}`);
      }
    }
    return [...new Set(requested)];
  }
  const curNames = new Set(current.columns.map((c) => c.name));
  const shared = reference.columns.map((c) => c.name).filter((n) => curNames.has(n));
  const onlyRef = reference.columns.map((c) => c.name).filter((n) => !curNames.has(n));
  const refNames = new Set(reference.columns.map((c) => c.name));
  const onlyCur = current.columns.map((c) => c.name).filter((n) => !refNames.has(n));
  if (shared.length === 0) {
    throw new DataError(
      `the datasets share no column (reference: ${listNames([...refNames], 8)}; current: ${listNames([...curNames], 8)}). ` +
        'For a serving log, name its features in order with --features.',
    );
  }
  if (onlyRef.length) notes.push(`only in the reference, not compared: ${listNames(onlyRef)}`);
  if (onlyCur.length) notes.push(`only in the current dataset, not compared: ${listNames(onlyCur)}`);
  return shared;
}

/**
 * Compares two datasets column by column.
 * @throws DataError for unreadable files or missing columns; UsageError for bad options;
 *   ModelError when the model cannot run on the data; CancelledError when `hooks.signal` fires.
 */
export async function detectDrift(opts: DriftOptions, hooks: DriftHooks = {}): Promise<DriftResult> {
  const started = Date.now();
  checkOptions(opts);
  const test = opts.test ?? 'auto';
  const driftShare = opts.driftShare ?? DEFAULT_DRIFT_SHARE;
  hooks.onProgress?.('reading the reference data', 0);
  const ref = await readDataset(opts.reference, 'auto', opts, hooks);
  const reference = ref.table;
  if (reference.nRows === 0) throw new DataError(`${opts.reference} has no data rows.`);
  hooks.onProgress?.('reading the current data', 0.1);
  const cur = await readDataset(opts.current, opts.currentFormat, opts, hooks);
  if (cur.table.nRows === 0) throw new DataError(`${opts.current} has no data rows.`);
  const notes = [...ref.notes, ...cur.notes];
  const names = pickColumns(reference, cur.table, opts.columns, notes);
  const columns: ColumnDrift[] = [];
  const quality = [];
  for (let i = 0; i < names.length; i++) {
    throwIfAborted(hooks.signal);
    hooks.onProgress?.(`testing ${names[i]}`, 0.2 + (0.6 * i) / names.length);
    const samples = columnSamples(getColumn(reference, names[i]), getColumn(cur.table, names[i]));
    const drift = columnDrift(samples, test, reference.nRows, opts.threshold);
    if (drift.note) notes.push(drift.note);
    columns.push(drift);
    quality.push(columnQuality(samples));
  }
  const nDrifted = columns.filter((c) => c.drift).length;
  const share = nDrifted / columns.length;
  const result: DriftResult = {
    kind: 'drift',
    posthoc_version: VERSION,
    created: new Date().toISOString(),
    reference: ref.info,
    current: cur.info,
    test,
    drift_share_threshold: driftShare,
    columns,
    n_columns: columns.length,
    n_drifted: nDrifted,
    share_drifted: share,
    dataset_drift: share >= driftShare,
    quality,
    notes,
    elapsed_ms: 0,
  };
  if (opts.model) {
    hooks.onProgress?.('running the model', 0.8);
    const label = guessLabelColumn(reference);
    // The model reads every shared column but the label, whatever --columns restricts the tests to.
    const curNames = new Set(cur.table.columns.map((c) => c.name));
    const features = opts.features ?? reference.columns.map((c) => c.name).filter((n) => n !== label && curNames.has(n));
    result.prediction = await predictionDrift(opts.model, reference, cur.table, features, { test, threshold: opts.threshold, task: opts.task }, {
      signal: hooks.signal,
      onProgress: (m, f) => hooks.onProgress?.(m, 0.8 + 0.2 * (f ?? 0)),
    });
  }
  hooks.onProgress?.('done', 1);
  result.elapsed_ms = Date.now() - started;
  return result;
}
