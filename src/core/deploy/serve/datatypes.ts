/**
 * Conversions between ONNX element types, V2 datatype names, onnxruntime tensor types and the
 * JSON `data` arrays of V2 requests and responses.
 */
import type { V2Datatype } from './types';

interface TypeInfo {
  v2: V2Datatype;
  /** onnxruntime-node's tensor type name. */
  ort: string;
  /** Builds the typed storage onnxruntime expects from already checked JSON values. */
  make(values: readonly (number | string | boolean)[]): ArrayLike<unknown>;
  /** Checks one JSON value; returns a message when it does not fit. */
  check(value: unknown): string | undefined;
  /**
   * Checks and converts in one pass: the typed storage, or the index of the first value that
   * does not fit (then {@link TypeInfo.check} says why).
   */
  convert(values: readonly unknown[]): ArrayLike<unknown> | number;
}

const isNumberOrNaN = (v: unknown) => (typeof v === 'number' || v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? undefined : 'a number');
function isInteger(min: number, max: number) {
  return (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `an integer in [${min}, ${max}]`);
}
// JSON has no NaN/Infinity literals; accept them as strings for float inputs, as KServe servers do.
const toFloat = (v: number | string | boolean) => (typeof v === 'number' ? v : Number(v));

type FloatArray = Float32Array | Float64Array;

/** The hot path of FP32/FP64 requests: one loop, no per-value closure calls or temporary arrays. */
function convertFloats(Ctor: new (n: number) => FloatArray) {
  return (values: readonly unknown[]): FloatArray | number => {
    const out = new Ctor(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'number') out[i] = v;
      else if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') out[i] = Number(v);
      else return i;
    }
    return out;
  };
}

type Spec = Omit<TypeInfo, 'convert'>;

/** check-then-make, for the types off the hot path. */
function withConvert(spec: Spec): TypeInfo {
  return {
    ...spec,
    convert(values) {
      for (let i = 0; i < values.length; i++) if (spec.check(values[i]) !== undefined) return i;
      return spec.make(values as (number | string | boolean)[]);
    },
  };
}

const SPECS: Record<string, Spec> = {
  float: { v2: 'FP32', ort: 'float32', make: (v) => Float32Array.from(v, toFloat), check: isNumberOrNaN },
  double: { v2: 'FP64', ort: 'float64', make: (v) => Float64Array.from(v, toFloat), check: isNumberOrNaN },
  int8: { v2: 'INT8', ort: 'int8', make: (v) => Int8Array.from(v as number[]), check: isInteger(-128, 127) },
  int16: { v2: 'INT16', ort: 'int16', make: (v) => Int16Array.from(v as number[]), check: isInteger(-32768, 32767) },
  int32: { v2: 'INT32', ort: 'int32', make: (v) => Int32Array.from(v as number[]), check: isInteger(-(2 ** 31), 2 ** 31 - 1) },
  // Only integers JSON numbers can carry exactly (|x| < 2^53).
  int64: { v2: 'INT64', ort: 'int64', make: (v) => BigInt64Array.from(v as number[], (x) => BigInt(x)), check: isInteger(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) },
  uint8: { v2: 'UINT8', ort: 'uint8', make: (v) => Uint8Array.from(v as number[]), check: isInteger(0, 255) },
  uint16: { v2: 'UINT16', ort: 'uint16', make: (v) => Uint16Array.from(v as number[]), check: isInteger(0, 65535) },
  uint32: { v2: 'UINT32', ort: 'uint32', make: (v) => Uint32Array.from(v as number[]), check: isInteger(0, 2 ** 32 - 1) },
  uint64: { v2: 'UINT64', ort: 'uint64', make: (v) => BigUint64Array.from(v as number[], (x) => BigInt(x)), check: isInteger(0, Number.MAX_SAFE_INTEGER) },
  bool: { v2: 'BOOL', ort: 'bool', make: (v) => Uint8Array.from(v, (x) => (x === true || x === 1 ? 1 : 0)), check: (v) => (typeof v === 'boolean' || v === 0 || v === 1 ? undefined : 'true/false (or 1/0)') },
  string: { v2: 'BYTES', ort: 'string', make: (v) => v.map(String), check: (v) => (typeof v === 'string' ? undefined : 'a string') },
};

const TYPES: Record<string, TypeInfo> = Object.fromEntries(Object.entries(SPECS).map(([k, spec]) => [k, withConvert(spec)]));
TYPES.float.convert = convertFloats(Float32Array);
TYPES.double.convert = convertFloats(Float64Array);

/** The V2 datatype of an ONNX element type, or undefined when the server cannot carry it (float16, complex, …). */
export function v2Datatype(onnxType: string): V2Datatype | undefined {
  return TYPES[onnxType]?.v2;
}

/** Type conversion helpers for an ONNX element type the server supports. */
export function typeInfo(onnxType: string): TypeInfo | undefined {
  return TYPES[onnxType];
}

/** Converts an output tensor's data to JSON values (int64 → number, bool → boolean). */
export function toJsonData(data: unknown, type: string): (number | string | boolean)[] {
  if (Array.isArray(data)) return data.map(String);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, Number);
  if (type === 'bool') return Array.from(data as Uint8Array, (x) => x !== 0);
  // NaN/Infinity are not JSON; send them as strings, which is what the request side accepts too.
  return Array.from(data as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : String(x)) as number);
}

/**
 * The JSON text of {@link toJsonData}'s array without building it: for float outputs with only
 * finite values, the elements joined by commas (JavaScript's number-to-string is JSON's), which
 * saves an intermediate array per response.
 */
export function jsonDataText(data: unknown, type: string): string {
  if (data instanceof Float32Array || data instanceof Float64Array) {
    let finite = true;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        finite = false;
        break;
      }
    }
    if (finite) return `[${data.join(',')}]`;
  }
  return JSON.stringify(toJsonData(data, type));
}

/**
 * Flattens nested `data` arrays (the V2 spec allows row-major nesting) into one array; throws a
 * message string when an element is neither a scalar nor an array.
 */
export function flattenData(data: unknown): unknown[] {
  if (!Array.isArray(data)) throw new Error('"data" must be an array');
  if (!data.some(Array.isArray)) return data;
  const out: unknown[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else out.push(x);
  };
  walk(data);
  return out;
}
