/**
 * Reads an .onnx file into its protobuf message, with errors a user can act on.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import { ModelError } from '../errors';
import type { ModelCard } from '../evaluate/types';
import { modelCard } from './modelCard';

/** A decoded model file: the raw bytes (what onnxruntime loads), the message, and its card. */
export interface OnnxModelFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly model: onnx.ModelProto;
  readonly card: ModelCard;
}

/** Reads and decodes an ONNX file. Throws {@link ModelError} if it is missing, truncated or not ONNX. */
export async function readModelFile(filePath: string): Promise<OnnxModelFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ModelError(`Model file not found: ${filePath}`);
    if (code === 'EISDIR') throw new ModelError(`${filePath} is a folder, not an ONNX model file.`);
    throw new ModelError(`Could not read the model file ${filePath}: ${(err as Error).message}`);
  }
  const model = decodeModel(bytes, filePath);
  return { path: filePath, bytes, model, card: modelCard(model, filePath, bytes.length) };
}

/** Decodes ONNX bytes; `name` is used in error messages. */
export function decodeModel(bytes: Uint8Array, name: string): onnx.ModelProto {
  const invalid = (why: string) =>
    new ModelError(`${path.basename(name)} is not a valid ONNX model: ${why}. Re-export it or check the file is complete.`);
  if (bytes.length === 0) throw invalid('the file is empty');
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw invalid(`the protobuf could not be decoded (${(err as Error).message})`);
  }
  // A cut-off or foreign file sometimes decodes "successfully" into a near-empty message, so
  // check the parts every real model has.
  const graph = model.graph;
  if (!graph) throw invalid('it has no graph');
  if (!model.irVersion) throw invalid('it has no IR version');
  const outputs = graph.output ?? [];
  if (outputs.length === 0) throw invalid('its graph declares no outputs');
  const inputNames = new Set((graph.input ?? []).map((i) => i.name));
  if ((graph.node ?? []).length === 0 && !outputs.every((o) => inputNames.has(o.name))) throw invalid('its graph has no nodes');
  return model;
}
