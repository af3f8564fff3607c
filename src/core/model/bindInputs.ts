/**
 * Turns table rows into onnxruntime feeds. Two layouts are recognised:
 * - one [N, F] input fed from the feature columns in order (networks, most converters);
 * - one [N, 1] (or [N]) input per column, matched by name (skl2onnx pipelines with a
 *   ColumnTransformer), including string inputs fed from string columns.
 * Feeds are plain `{type, data, dims}` objects so this module needs no onnxruntime.
 */
import { DataError, ModelError, listNames } from '../errors';
import type { TensorSpec } from '../evaluate/types';
import type { Column, Table } from '../data/table';

/** onnxruntime tensor type names for the element types we can feed from a table. */
export type FeedType = 'float32' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'uint16' | 'uint32' | 'bool' | 'string';

/** One input tensor, ready for `new ort.Tensor(type, data, dims)`. */
export interface FeedTensor {
  readonly type: FeedType;
  readonly data: Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array | Uint32Array | string[];
  readonly dims: number[];
}

/** How a table maps onto the model's inputs. */
export interface BindingPlan {
  readonly layout: 'matrix' | 'columns';
  /** Set when the model declares a fixed batch size (often 1): every call must have exactly this many rows. */
  readonly fixedBatch?: number;
  /** Feeds for rows [start, end), padded with zero rows up to `rows` (for fixed batches). */
  bind(start: number, end: number, rows?: number): Record<string, FeedTensor>;
}

const FEED_TYPES: Record<string, FeedType> = {
  float: 'float32', double: 'float64', int64: 'int64', int32: 'int32', int16: 'int16', int8: 'int8',
  uint8: 'uint8', uint16: 'uint16', uint32: 'uint32', bool: 'bool', string: 'string',
};

/** Works out how `table`'s `features` feed `inputs`; throws ModelError/DataError when they cannot. */
export function planBinding(inputs: readonly TensorSpec[], table: Table, features: readonly string[]): BindingPlan {
  if (inputs.length === 0) throw new ModelError('The model declares no inputs.');
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const fixed = inputs[0].shape[0];
  const fixedBatch = typeof fixed === 'number' && fixed > 0 ? fixed : undefined;
  const perColumn = inputs.every((i) => byName.has(i.name) && width(i) === 1);
  if (perColumn && (inputs.length > 1 || !isNumericFeed(inputs[0]) || features.length === 1)) {
    return columnsPlan(inputs, byName, fixedBatch);
  }
  if (inputs.length === 1) return matrixPlan(inputs[0], byName, features, fixedBatch);
  const missing = inputs.filter((i) => !byName.has(i.name)).map((i) => i.name);
  if (missing.length === 0) {
    throw new ModelError(`The model has ${inputs.length} inputs (${listNames(inputs.map((i) => i.name))}); Posthoc can feed several inputs only when each is [N, 1] and named after a column.`);
  }
  throw new ModelError(
    `The model has ${inputs.length} inputs (${listNames(inputs.map((i) => i.name))}); each must match a column by name, ` +
      `but no column is named ${listNames(missing.map((m) => `'${m}'`))}. Columns are: ${listNames(table.columns.map((c) => c.name))}.`,
  );
}

function matrixPlan(input: TensorSpec, byName: Map<string, Column>, features: readonly string[], fixedBatch?: number): BindingPlan {
  const type = feedType(input);
  if (type === 'string') throw new ModelError(`Input '${input.name}' takes strings; feed it from one string column named '${input.name}'.`);
  if (input.shape.length > 2) {
    throw new ModelError(`Input '${input.name}' has shape [${input.shape.join(', ')}]; a table can feed [N, F] inputs only.`);
  }
  const declared = input.shape.length === 2 ? input.shape[1] : input.shape.length === 1 ? 1 : null;
  if (typeof declared === 'number' && declared !== features.length) {
    throw new ModelError(
      `The model expects ${declared} features but ${features.length} were given (features: ${listNames(features)}). ` +
        `Choose exactly ${declared} feature columns, in the order the model was trained on.`,
    );
  }
  const cols = features.map((f) => numericValues(column(byName, f), input.name, type));
  const nF = cols.length;
  const rank1 = input.shape.length === 1;
  return {
    layout: 'matrix',
    fixedBatch,
    bind(start, end, rows = end - start) {
      const data = allocate(type, rows * nF);
      if (data instanceof BigInt64Array) {
        for (let j = 0; j < nF; j++) for (let r = start; r < end; r++) data[(r - start) * nF + j] = BigInt(cols[j][r]);
      } else if (data instanceof Float32Array) {
        packFloat32(cols, start, end, data);
      } else {
        packNumbers(cols, start, end, data as Exclude<FeedTensor['data'], string[] | BigInt64Array>);
      }
      return { [input.name]: { type, data, dims: rank1 ? [rows] : [rows, nF] } };
    },
  };
}

function columnsPlan(inputs: readonly TensorSpec[], byName: Map<string, Column>, fixedBatch?: number): BindingPlan {
  const sources = inputs.map((input) => {
    const type = feedType(input);
    const col = byName.get(input.name)!;
    if (type === 'string') {
      const values = col.kind === 'string' ? col.values : Array.from(col.values, (v) => (Number.isNaN(v) ? '' : String(v)));
      return { input, type, strings: values.map((v) => v ?? ''), numbers: undefined };
    }
    return { input, type, strings: undefined, numbers: numericValues(col, input.name, type) };
  });
  return {
    layout: 'columns',
    fixedBatch,
    bind(start, end, rows = end - start) {
      const feeds: Record<string, FeedTensor> = {};
      for (const s of sources) {
        const dims = s.input.shape.length === 1 ? [rows] : [rows, 1];
        if (s.strings) {
          const data = s.strings.slice(start, end);
          while (data.length < rows) data.push('');
          feeds[s.input.name] = { type: 'string', data, dims };
        } else {
          const data = allocate(s.type, rows);
          const v = s.numbers!;
          if (data instanceof BigInt64Array) for (let r = start; r < end; r++) data[r - start] = BigInt(v[r]);
          else (data as Float64Array).set(v.subarray(start, end));
          feeds[s.input.name] = { type: s.type, data, dims };
        }
      }
      return feeds;
    },
  };
}

// Column-major table -> row-major tensor. Tiles of rows keep both the column reads and the
// strided writes in cache; the float32 copy is its own function so its element access stays
// monomorphic (it is the hot path: the common case for networks).
const TILE = 64;

function packFloat32(cols: readonly Float64Array[], start: number, end: number, out: Float32Array): void {
  const nF = cols.length;
  for (let r0 = start; r0 < end; r0 += TILE) {
    const r1 = Math.min(end, r0 + TILE);
    for (let j = 0; j < nF; j++) {
      const v = cols[j];
      for (let r = r0, o = (r0 - start) * nF + j; r < r1; r++, o += nF) out[o] = v[r];
    }
  }
}

function packNumbers(cols: readonly Float64Array[], start: number, end: number, out: Exclude<FeedTensor['data'], string[] | BigInt64Array>): void {
  const nF = cols.length;
  for (let j = 0; j < nF; j++) {
    const v = cols[j];
    for (let r = start, o = j; r < end; r++, o += nF) out[o] = v[r];
  }
}

function width(input: TensorSpec): number | null {
  if (input.shape.length === 1) return 1;
  if (input.shape.length === 2) return typeof input.shape[1] === 'number' ? input.shape[1] : null;
  return null;
}

function isNumericFeed(input: TensorSpec): boolean {
  return FEED_TYPES[input.type] !== undefined && FEED_TYPES[input.type] !== 'string';
}

function feedType(input: TensorSpec): FeedType {
  const t = FEED_TYPES[input.type];
  if (!t) throw new ModelError(`Input '${input.name}' has element type ${input.type}, which Posthoc cannot feed from a table.`);
  return t;
}

function column(byName: Map<string, Column>, name: string): Column {
  const c = byName.get(name);
  if (!c) throw new DataError(`Column '${name}' not found; columns are: ${listNames([...byName.keys()])}.`);
  return c;
}

/** Numeric values of a column for a numeric input: text is parsed, and must parse. */
function numericValues(col: Column, inputName: string, type: FeedType): Float64Array {
  let values: Float64Array;
  if (col.kind === 'number') {
    values = col.values;
  } else {
    values = new Float64Array(col.values.length);
    for (let r = 0; r < col.values.length; r++) {
      const s = col.values[r];
      const v = s === null || s.trim() === '' ? NaN : Number(s);
      if (s !== null && s.trim() !== '' && Number.isNaN(v)) {
        throw new DataError(
          `Column '${col.name}' holds text ('${s}' in row ${r + 1}) but model input '${inputName}' takes ${type} numbers. ` +
            `Encode the column as numbers or leave it out of the features.`,
        );
      }
      values[r] = v;
    }
  }
  if (type === 'float32' || type === 'float64') return values;
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new DataError(`Column '${col.name}' has a missing or non-finite value in row ${bad + 1}, but model input '${inputName}' takes ${type}.`);
  }
  return type === 'bool' ? values.map((v) => (v !== 0 ? 1 : 0)) : values.map(Math.round);
}

function allocate(type: FeedType, n: number): Exclude<FeedTensor['data'], string[]> {
  switch (type) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'int32': return new Int32Array(n);
    case 'int16': return new Int16Array(n);
    case 'int8': return new Int8Array(n);
    case 'uint8': case 'bool': return new Uint8Array(n);
    case 'uint16': return new Uint16Array(n);
    case 'uint32': return new Uint32Array(n);
    default: throw new ModelError(`Cannot allocate a ${type} tensor.`);
  }
}
