/**
 * Builds the {@link ModelCard} of an ONNX model: what the file declares, for display and for
 * matching the model to a dataset.
 */
import * as path from 'node:path';
import type { onnx } from 'onnx-proto';
import type { ModelCard, TensorSpec } from '../evaluate/types';
import { shapeOf, toNumber, typeName, type Int64 } from './protoTypes';

/** metadata_props key under which Posthoc's examples store class labels, as a JSON list of strings. */
export const CLASS_LABELS_METADATA_KEY = 'class_labels';

/** Operators whose attributes name the classes, and the attribute names they use. */
const LABEL_ATTRIBUTES: Record<string, string[]> = {
  ZipMap: ['classlabels_strings', 'classlabels_int64s'],
  LinearClassifier: ['classlabels_strings', 'classlabels_ints'],
  TreeEnsembleClassifier: ['classlabels_strings', 'classlabels_int64s'],
  SVMClassifier: ['classlabels_strings', 'classlabels_ints'],
};

/** The card of a decoded model. */
export function modelCard(model: onnx.IModelProto, filePath: string, sizeBytes: number): ModelCard {
  const graph = model.graph ?? {};
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name));
  const operators: Record<string, number> = {};
  for (const node of graph.node ?? []) {
    const op = node.domain && node.domain !== 'ai.onnx' ? `${node.domain}.${node.opType}` : (node.opType ?? '?');
    operators[op] = (operators[op] ?? 0) + 1;
  }
  const metadata: Record<string, string> = {};
  for (const p of model.metadataProps ?? []) if (p.key) metadata[p.key] = p.value ?? '';
  const card: ModelCard = {
    path: filePath,
    file_name: path.basename(filePath),
    size_bytes: sizeBytes,
    format: 'onnx',
    ir_version: toNumber(model.irVersion as Int64),
    producer: model.producerName ?? '',
    producer_version: model.producerVersion ?? '',
    opsets: (model.opsetImport ?? []).map((o) => ({ domain: o.domain || 'ai.onnx', version: toNumber(o.version as Int64) })),
    // Old exporters list initializers among the inputs too; those are weights, not inputs.
    inputs: (graph.input ?? []).filter((v) => !initializerNames.has(v.name)).map(tensorSpec),
    outputs: (graph.output ?? []).map(tensorSpec),
    metadata,
    operators,
    parameter_count: parameterCount(graph),
  };
  const labels = classLabels(graph) ?? metadataClassLabels(metadata);
  if (labels) card.class_labels = labels;
  return card;
}

/** A graph input/output as a {@link TensorSpec}. */
export function tensorSpec(v: onnx.IValueInfoProto): TensorSpec {
  return { name: v.name ?? '', type: typeName(v.type), shape: shapeOf(v.type) };
}

/**
 * Class labels declared by the classifier operators of the graph (ZipMap first, since it is
 * the last word on output order), or undefined.
 */
export function classLabels(graph: onnx.IGraphProto): string[] | undefined {
  const nodes = [...(graph.node ?? [])].sort((a, b) => Number(b.opType === 'ZipMap') - Number(a.opType === 'ZipMap'));
  for (const node of nodes) {
    const names = LABEL_ATTRIBUTES[node.opType ?? ''];
    if (!names) continue;
    for (const attr of node.attribute ?? []) {
      if (!names.includes(attr.name ?? '')) continue;
      if (attr.strings?.length) return attr.strings.map((s) => Buffer.from(s).toString('utf8'));
      if (attr.ints?.length) return attr.ints.map((i) => String(toNumber(i as Int64)));
    }
  }
  return undefined;
}

function metadataClassLabels(metadata: Record<string, string>): string[] | undefined {
  const raw = metadata[CLASS_LABELS_METADATA_KEY];
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.length > 0) return parsed.map(String);
  } catch {
    // Not JSON: accept a comma-separated list.
    return raw.split(',').map((s) => s.trim());
  }
  return undefined;
}

/**
 * Number of weights: elements of the initializers, plus the float-list attributes of ONNX-ML
 * operators (LinearClassifier coefficients, tree node values), which hold their weights inline.
 */
function parameterCount(graph: onnx.IGraphProto): number {
  let count = 0;
  for (const t of graph.initializer ?? []) count += (t.dims ?? []).reduce<number>((n, d) => n * toNumber(d as Int64), 1);
  for (const s of graph.sparseInitializer ?? []) count += (s.values?.dims ?? []).reduce<number>((n, d) => n * toNumber(d as Int64), 1);
  for (const node of graph.node ?? []) {
    if (node.domain !== 'ai.onnx.ml') continue;
    for (const attr of node.attribute ?? []) count += attr.floats?.length ?? 0;
  }
  return count;
}
