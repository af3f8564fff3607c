/**
 * Small readers over onnx-proto messages: element type names, TypeProto -> text, shapes, and
 * int64 values that protobufjs may hand back as Long objects.
 */
import { onnx } from 'onnx-proto';

/** An int64 field as protobufjs decodes it: a number, or a Long when the `long` package loads. */
export type Int64 = number | { toNumber(): number } | null | undefined;

/** Converts a protobufjs int64 (number or Long) to a number; null/undefined -> 0. */
export function toNumber(v: Int64): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

// Index = TensorProto.DataType value. Later entries are newer than onnx-proto's schema, but the
// enum travels as a plain number so they still decode.
const ELEMENT_TYPES = [
  'undefined', 'float', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'string', 'bool',
  'float16', 'double', 'uint32', 'uint64', 'complex64', 'complex128', 'bfloat16',
  'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'uint4', 'int4', 'float4e2m1',
];

/** ONNX element type name in lower case ("float", "int64", ...) for a TensorProto.DataType value. */
export function elementTypeName(dataType: number | null | undefined): string {
  return ELEMENT_TYPES[dataType ?? 0] ?? `type${dataType}`;
}

/** Text form of a TypeProto: the element type for tensors, `sequence<map<int64,float>>` and so on otherwise. */
export function typeName(t: onnx.ITypeProto | null | undefined): string {
  if (!t) return 'undefined';
  if (t.tensorType) return elementTypeName(t.tensorType.elemType);
  if (t.sparseTensorType) return `sparse<${elementTypeName(t.sparseTensorType.elemType)}>`;
  if (t.sequenceType) return `sequence<${typeName(t.sequenceType.elemType)}>`;
  if (t.mapType) return `map<${elementTypeName(t.mapType.keyType)},${typeName(t.mapType.valueType)}>`;
  if (t.optionalType) return `optional<${typeName(t.optionalType.elemType)}>`;
  return 'undefined';
}

/** True when the value is a dense tensor, the only kind onnxruntime-node can return. */
export function isTensorType(t: onnx.ITypeProto | null | undefined): boolean {
  return !!t?.tensorType;
}

/** Declared shape of a tensor type: numbers for fixed dims, names for symbolic ones, null if unknown. */
export function shapeOf(t: onnx.ITypeProto | null | undefined): (number | string | null)[] {
  const dims = t?.tensorType?.shape?.dim ?? t?.sparseTensorType?.shape?.dim;
  if (!dims) return [];
  return dims.map((d) => {
    // protobufjs sets fields on decoded messages, including defaults on the prototype; the
    // oneof discriminator `value` tells which one the file actually holds.
    const which = (d as onnx.TensorShapeProto.Dimension).value;
    if (which === 'dimValue' || (which === undefined && d.dimValue !== undefined && d.dimValue !== null)) return toNumber(d.dimValue as Int64);
    if (which === 'dimParam' || d.dimParam) return d.dimParam || null;
    return null;
  });
}
