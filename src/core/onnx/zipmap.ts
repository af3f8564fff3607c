/**
 * Graph surgery for outputs onnxruntime-node cannot return. Models converted by skl2onnx or
 * onnxmltools end in a ZipMap (a sequence of {class: probability} maps); the Node binding only
 * returns tensors. We cut the ZipMap off so its input, the [N, C] probability tensor, becomes the
 * output, under the ZipMap output's name so `--output output_probability` keeps working.
 */
import { onnx } from 'onnx-proto';
import { ModelError } from '../errors';
import { classLabels } from './modelCard';
import { isTensorType, typeName } from './protoTypes';

/** Result of {@link removeNonTensorOutputs}. */
export interface TensorOutputsModel {
  /** Bytes for `InferenceSession.create`: the input bytes themselves when nothing changed. */
  readonly bytes: Uint8Array;
  readonly changed: boolean;
  /** Names of ZipMap outputs that now carry a float [N, C] tensor. */
  readonly unzipped: string[];
  /** Non-tensor outputs that were dropped because nothing could read them. */
  readonly dropped: string[];
  /** Class labels of the ZipMap (column order of the probability tensor), when there was one. */
  readonly classLabels?: string[];
}

/**
 * Rewrites `model` so every graph output is a tensor: each ZipMap feeding an output is removed
 * and its probability tensor takes the output's name; other non-tensor outputs are dropped.
 * `bytes` are the file's bytes, returned untouched when no rewrite is needed (re-encoding with
 * onnx-proto's schema would drop fields newer than ONNX 1.10).
 */
export function removeNonTensorOutputs(model: onnx.ModelProto, bytes: Uint8Array): TensorOutputsModel {
  const graph = model.graph;
  if (!graph || (graph.output ?? []).every((o) => isTensorType(o.type))) return { bytes, changed: false, unzipped: [], dropped: [] };

  // Work on a copy so the caller's message (and the card made from it) stays as the file says.
  const copy = onnx.ModelProto.decode(bytes);
  const g = copy.graph!;
  g.output ??= [];
  g.node ??= [];
  const labels = classLabels(g);
  const unzipped: string[] = [];
  const dropped: string[] = [];
  const outputs: onnx.IValueInfoProto[] = [];
  const renamed = new Set<string>();
  for (const out of g.output) {
    if (isTensorType(out.type)) {
      outputs.push(out);
      continue;
    }
    const zip = g.node.find((n) => n.opType === 'ZipMap' && n.output?.[0] === out.name);
    const prob = zip?.input?.[0];
    if (zip && prob && out.name && !(g.input ?? []).some((i) => i.name === prob)) {
      renamed.add(prob);
      outputs.push(unzip(g, zip, prob, out.name));
      unzipped.push(out.name);
    } else {
      dropped.push(`${out.name} (${typeName(out.type)})`);
    }
  }
  // Some converters expose the probability tensor as an output too; it now has the new name.
  const kept = outputs.filter((o) => !renamed.has(o.name ?? ''));
  if (kept.length === 0) {
    throw new ModelError(`The model has no tensor outputs onnxruntime can return (outputs: ${dropped.join(', ')}).`);
  }
  g.output = kept;
  return { bytes: onnx.ModelProto.encode(copy).finish(), changed: true, unzipped, dropped, classLabels: labels };
}

/** Removes `zip` and renames its input tensor `probName` to `outName`; returns the new output's ValueInfo. */
function unzip(g: onnx.IGraphProto, zip: onnx.INodeProto, probName: string, outName: string): onnx.IValueInfoProto {
  const nClasses = zipClassCount(zip);
  g.node = (g.node ?? []).filter((n) => n !== zip);
  for (const n of g.node) {
    n.input = (n.input ?? []).map((x) => (x === probName ? outName : x));
    n.output = (n.output ?? []).map((x) => (x === probName ? outName : x));
  }
  for (const v of g.valueInfo ?? []) if (v.name === probName) v.name = outName;
  const dims: onnx.TensorShapeProto.IDimension[] = [{ dimParam: 'N' }, nClasses > 0 ? { dimValue: nClasses } : { dimParam: 'C' }];
  return { name: outName, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims } } } };
}

function zipClassCount(zip: onnx.INodeProto): number {
  for (const a of zip.attribute ?? []) {
    if (a.name === 'classlabels_strings') return a.strings?.length ?? 0;
    if (a.name === 'classlabels_int64s') return a.ints?.length ?? 0;
  }
  return 0;
}
