/**
 * Reading the dataset for an explanation: which column is the label (if any), which are the
 * features in the model's order, and the features as a row-major float64 matrix.
 */
import { getColumn, guessLabelColumn, resolveFeatures, toFloat64Matrix } from '../../data/columns';
import { readTable } from '../../data/readTable';
import type { Column, Table } from '../../data/table';
import { DataError, listNames, UsageError } from '../../errors';
import { kmeansSummary, sampleRows } from '../background';
import type { Matrix, WeightedMatrix } from '../matrix';
import { filterToCohort } from './cohort';
import type { BackgroundSpec, ExplainHooks } from './options';

/** The dataset, split into label and features. */
export interface ExplainData {
  path: string;
  table: Table;
  label?: string;
  labelColumn?: Column;
  features: string[];
  /** Features of every data row, row-major. */
  X: Matrix;
  /** Rows in the file before a cohort filter (equals `table.nRows` without one). */
  nTotal: number;
}

/** Options of {@link loadExplainData}. */
export interface DataRequest {
  path: string;
  label?: string;
  features?: string[];
  /** Feature names the model file declares (tree files); used when every one is a column. */
  declaredFeatures?: string[];
  maxRows?: number;
  /** Keep only this cohort's rows (before anything else looks at the data). */
  cohort?: { name: string; expression: string };
}

/** Reads the data and resolves label and features; `notes` receives the choices made for the user. */
export async function loadExplainData(req: DataRequest, notes: string[], hooks: ExplainHooks = {}): Promise<ExplainData> {
  const read = await readTable(req.path, { maxRows: req.maxRows, signal: hooks.signal, onProgress: (f) => hooks.onProgress?.('Reading data', f) });
  if (read.nRows === 0) throw new DataError(`${req.path} has no data rows.`);
  const { table, nTotal } = req.cohort ? filterToCohort(read, req.cohort) : { table: read, nTotal: read.nRows };
  let label = req.label === undefined ? undefined : getColumn(table, req.label).name;
  if (label === undefined && !req.features) {
    label = guessLabelColumn(table);
    if (label !== undefined) notes.push(`Column '${label}' was taken as the label and left out of the features; pass --label or --features to change that.`);
  }
  let features: string[];
  const declared = req.declaredFeatures;
  const names = new Set(table.columns.map((c) => c.name));
  if (req.features) features = resolveFeatures(table, { label, features: req.features });
  else if (declared && declared.length > 0 && declared.every((f) => names.has(f))) features = [...declared];
  else features = resolveFeatures(table, { label });
  if (declared && declared.length !== features.length) {
    throw new DataError(
      `The model has ${declared.length} features but ${features.length} columns were chosen (${listNames(features)}). ` +
        'Pass the model\'s features in order with --features, and the label with --label.',
    );
  }
  const X = { data: toFloat64Matrix(table, features), nRows: table.nRows, nCols: features.length };
  return { path: req.path, table, label, labelColumn: label === undefined ? undefined : getColumn(table, label), features, X, nTotal };
}

/** The background distribution for SHAP, described for the report. */
export interface Background {
  matrix: Matrix | WeightedMatrix;
  kind: BackgroundSpec['kind'];
  source: string;
}

/** Builds the background: a seeded sample or k-means summary of `data.X`, or another file's rows. */
export async function loadBackground(spec: BackgroundSpec, data: ExplainData, seed: number, hooks: ExplainHooks = {}): Promise<Background> {
  if (spec.kind === 'sample') {
    if (!(Number.isInteger(spec.n) && spec.n >= 1)) throw new UsageError(`The background sample size must be a whole number ≥ 1; got ${spec.n}.`);
    const matrix = sampleRows(data.X, spec.n, seed);
    return { matrix, kind: 'sample', source: matrix.nRows === data.X.nRows ? `all ${matrix.nRows} data rows` : `${matrix.nRows} data rows sampled with seed ${seed}` };
  }
  if (spec.kind === 'kmeans') {
    if (!(Number.isInteger(spec.k) && spec.k >= 1)) throw new UsageError(`kmeans:K needs a whole number K ≥ 1; got ${spec.k}.`);
    const matrix = kmeansSummary(data.X, spec.k, seed);
    return { matrix, kind: 'kmeans', source: `k-means summary of the data (${matrix.nRows} weighted centroids)` };
  }
  const table = await readTable(spec.path, { signal: hooks.signal });
  if (table.nRows === 0) throw new DataError(`The background file ${spec.path} has no data rows.`);
  for (const f of data.features) getColumn(table, f);
  const matrix = { data: toFloat64Matrix(table, data.features), nRows: table.nRows, nCols: data.features.length };
  return { matrix, kind: 'file', source: `${table.nRows} rows of ${spec.path}` };
}

/** Parses the --background argument: a row count N, `kmeans:K`, or a file path. */
export function parseBackground(text: string): BackgroundSpec {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1) throw new UsageError('--background N needs N ≥ 1');
    return { kind: 'sample', n };
  }
  const km = /^kmeans:(.*)$/i.exec(t);
  if (km) {
    if (!/^\d+$/.test(km[1]) || Number(km[1]) < 1) throw new UsageError(`--background kmeans:K needs a whole number K ≥ 1; got '${km[1]}'`);
    return { kind: 'kmeans', k: Number(km[1]) };
  }
  if (t === '') throw new UsageError('--background needs a row count, kmeans:K or a file path');
  return { kind: 'file', path: t };
}
