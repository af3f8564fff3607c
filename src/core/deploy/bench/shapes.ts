/**
 * Concrete input shapes for a benchmark: the model's declared shapes with every dynamic
 * dimension filled in — the first (batch) one with the batch size, the others with 1 or a
 * user override (`--shape NAME=DIMS` for a whole input, `--shape SYMBOL=N` for a named dim).
 */
import { ModelError, UsageError, listNames } from '../../errors';
import type { TensorSpec } from '../../evaluate/types';

/** Overrides: input name → full shape (−1 marks the batch dim), or symbolic dim name → size. */
export type ShapeOverrides = Record<string, number[]>;

/**
 * Parses `--shape` values: `NAME=D0xD1x…` (D may be `N` or `-1` for the batch size) or
 * `SYMBOL=N`. Checked against the model's inputs later, by {@link resolveShape}.
 */
export function parseShapeOverrides(values: readonly string[]): ShapeOverrides {
  const out: ShapeOverrides = {};
  for (const raw of values) {
    const eq = raw.lastIndexOf('=');
    const name = raw.slice(0, eq).trim();
    const dims = raw.slice(eq + 1).trim();
    if (eq <= 0 || dims === '') throw new UsageError(`--shape must look like NAME=1x3x224x224 or SYMBOL=128; got '${raw}'`);
    out[name] = dims.split(/[x×,]/).map((d) => {
      const t = d.trim();
      if (t === 'N' || t === 'n' || t === '-1') return -1;
      const v = Number(t);
      if (!Number.isInteger(v) || v < 1) throw new UsageError(`--shape ${name}: '${t}' is not a size; use whole numbers ≥ 1, or N for the batch size`);
      return v;
    });
  }
  return out;
}

/** Checks that every override names an input or a symbolic dim of the model. */
export function checkOverrides(inputs: readonly TensorSpec[], overrides: ShapeOverrides): void {
  const symbols = new Set(inputs.flatMap((i) => i.shape.filter((d): d is string => typeof d === 'string')));
  const names = new Set(inputs.map((i) => i.name));
  for (const [key, dims] of Object.entries(overrides)) {
    if (names.has(key)) continue;
    if (symbols.has(key)) {
      if (dims.length !== 1 || dims[0] < 1) throw new UsageError(`--shape ${key}=… names a symbolic dimension; give one size, e.g. ${key}=128`);
      continue;
    }
    throw new UsageError(
      `--shape ${key}: the model has no input or dimension of that name. Inputs: ${listNames([...names])}` +
        (symbols.size ? `; symbolic dimensions: ${listNames([...symbols])}` : ''),
    );
  }
}

/**
 * The batch size the model fixes on its first input, if any (e.g. 1 for an input [1, 4]);
 * undefined when the first dimension is dynamic.
 */
export function fixedBatchSize(inputs: readonly TensorSpec[]): number | undefined {
  const d = inputs[0]?.shape[0];
  return typeof d === 'number' && d > 0 ? d : undefined;
}

/** The concrete shape of `input` for one call with `batch` rows. */
export function resolveShape(input: TensorSpec, batch: number, overrides: ShapeOverrides = {}): number[] {
  const full = overrides[input.name];
  if (full) {
    if (input.shape.length > 0 && full.length !== input.shape.length) {
      throw new UsageError(`--shape ${input.name} has ${full.length} dims but the model declares ${input.shape.length}: [${input.shape.map(dimText).join(', ')}]`);
    }
    return full.map((d, i) => {
      const declared = input.shape[i];
      const size = d === -1 ? batch : d;
      if (typeof declared === 'number' && declared > 0 && declared !== size) {
        throw new UsageError(`--shape ${input.name}: dim ${i} is fixed at ${declared} by the model; got ${size}`);
      }
      return size;
    });
  }
  return input.shape.map((d, i) => {
    if (typeof d === 'number' && d > 0) return d;
    if (i === 0) return batch;
    if (typeof d === 'string' && overrides[d]) return overrides[d][0];
    return 1;
  });
}

function dimText(d: number | string | null): string {
  return d === null ? '?' : String(d);
}

/** Throws a ModelError when an input cannot be fed with generated values. */
export function checkFeedable(input: TensorSpec): void {
  if (input.type.includes('<')) throw new ModelError(`Input '${input.name}' is a ${input.type}, not a tensor; Posthoc can only benchmark tensor inputs.`);
}
