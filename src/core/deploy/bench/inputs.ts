/**
 * Inputs for a benchmark, of the model's declared types and shapes: random values (seeded, so
 * runs are repeatable) or rows of a real table, repeated when the table is shorter than the batch.
 */
import type { onnx } from 'onnx-proto';
import { ModelError } from '../../errors';
import type { TensorSpec } from '../../evaluate/types';
import type { Table } from '../../data/table';
import { planBinding, type FeedTensor, type FeedType } from '../../model/bindInputs';
import { checkFeedable, resolveShape, type ShapeOverrides } from './shapes';

const FEED_TYPES: Record<string, FeedType> = {
  float: 'float32', double: 'float64', int64: 'int64', int32: 'int32', int16: 'int16', int8: 'int8',
  uint8: 'uint8', uint16: 'uint16', uint32: 'uint32', bool: 'bool', string: 'string',
};

/** A small, fast seeded generator (mulberry32): uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Strings worth feeding each string input: the categories of a OneHotEncoder / LabelEncoder /
 * CategoryMapper that reads the input directly, so encoders that reject unknown categories
 * still run. Inputs without such a node get no entry (a placeholder string is used).
 */
export function stringCategories(model: onnx.IModelProto): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const decode = (bytes: Uint8Array[]) => bytes.map((b) => Buffer.from(b).toString('utf8'));
  for (const node of model.graph?.node ?? []) {
    for (const attr of node.attribute ?? []) {
      if (!['cats_strings', 'keys_strings', 'classes_strings'].includes(attr.name ?? '') || !attr.strings?.length) continue;
      for (const input of node.input ?? []) if (!out.has(input)) out.set(input, decode(attr.strings as Uint8Array[]));
    }
  }
  return out;
}

/** Random feeds for one call with `batch` rows. Floats are uniform in [0, 1), integers in 0..9. */
export function randomFeeds(
  inputs: readonly TensorSpec[],
  batch: number,
  opts: { overrides?: ShapeOverrides; seed?: number; categories?: Map<string, string[]> } = {},
): Record<string, FeedTensor> {
  const rand = seededRandom(opts.seed ?? 0);
  const feeds: Record<string, FeedTensor> = {};
  for (const input of inputs) {
    checkFeedable(input);
    const type = FEED_TYPES[input.type];
    if (!type) throw new ModelError(`Input '${input.name}' has element type ${input.type}, which Posthoc cannot generate; benchmark it from --data instead.`);
    const dims = resolveShape(input, batch, opts.overrides);
    const n = dims.reduce((a, b) => a * b, 1);
    feeds[input.name] = { type, dims, data: randomData(type, n, rand, opts.categories?.get(input.name)) };
  }
  return feeds;
}

function randomData(type: FeedType, n: number, rand: () => number, categories?: string[]): FeedTensor['data'] {
  const int = () => Math.floor(rand() * 10);
  switch (type) {
    case 'float32': return Float32Array.from({ length: n }, rand);
    case 'float64': return Float64Array.from({ length: n }, rand);
    case 'int64': return BigInt64Array.from({ length: n }, () => BigInt(int()));
    case 'int32': return Int32Array.from({ length: n }, int);
    case 'int16': return Int16Array.from({ length: n }, int);
    case 'int8': return Int8Array.from({ length: n }, int);
    case 'uint8': return Uint8Array.from({ length: n }, int);
    case 'uint16': return Uint16Array.from({ length: n }, int);
    case 'uint32': return Uint32Array.from({ length: n }, int);
    case 'bool': return Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0));
    case 'string': {
      const pool = categories && categories.length > 0 ? categories : ['a', 'b', 'c'];
      return Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]);
    }
  }
}

/**
 * Feeds for one call with `batch` rows taken from `table` (first rows, repeated cyclically when
 * the table is shorter), bound to the inputs the way `posthoc evaluate` binds them.
 */
export function tableFeeds(inputs: readonly TensorSpec[], table: Table, features: readonly string[], batch: number): Record<string, FeedTensor> {
  if (table.nRows === 0) throw new ModelError('The benchmark table has no rows.');
  const plan = planBinding(inputs, table, features);
  const rows = Math.min(batch, table.nRows);
  const feeds = plan.bind(0, rows, rows);
  if (rows === batch) return feeds;
  const out: Record<string, FeedTensor> = {};
  for (const [name, f] of Object.entries(feeds)) out[name] = { type: f.type, dims: [batch, ...f.dims.slice(1)], data: tile(f.data, rows, batch) };
  return out;
}

/** Repeats a row-major buffer of `rows` rows until it holds `batch` rows. */
function tile(data: FeedTensor['data'], rows: number, batch: number): FeedTensor['data'] {
  const width = data.length / rows;
  if (Array.isArray(data)) return Array.from({ length: batch * width }, (_, i) => data[i % data.length]);
  const Ctor = data.constructor as new (n: number) => typeof data;
  const out = new Ctor(batch * width);
  for (let r = 0; r < batch; r += rows) {
    const take = Math.min(rows, batch - r);
    (out as Float64Array).set((data as Float64Array).subarray(0, take * width), r * width);
  }
  return out;
}
