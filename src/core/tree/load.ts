/**
 * Opens a tree model file in any supported format: each format module says whether a file is its
 * own (`match`) and reads it (`load`), as netron's format modules do.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ModelError } from '../errors';
import type { TreeEnsemble } from './ensemble';
import * as lightgbm from './lightgbmText';
import * as onnxTrees from './onnxTrees';
import * as xgboost from './xgboostJson';

/** A tree-model format: `head` is the file's first bytes as text. */
export interface TreeModelFormat {
  readonly name: string;
  match(fileName: string, head: string): boolean;
  load(bytes: Uint8Array, fileName: string): TreeEnsemble;
}

export const TREE_FORMATS: readonly TreeModelFormat[] = [
  { name: 'ONNX-ML tree ensemble', match: onnxTrees.match, load: onnxTrees.load },
  { name: 'XGBoost JSON', match: xgboost.match, load: xgboost.load },
  { name: 'LightGBM text', match: lightgbm.match, load: lightgbm.load },
];

/** Reads a tree ensemble from bytes, choosing the format from the name and content. */
export function treeModelFromBytes(bytes: Uint8Array, fileName: string): TreeEnsemble {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('utf8');
  const format = TREE_FORMATS.find((f) => f.match(fileName, head));
  if (format) return format.load(bytes, fileName);
  if (fileName.toLowerCase().endsWith('.json')) return xgboost.load(bytes, fileName); // says what is missing
  throw new ModelError(`${path.basename(fileName)} is not a tree model Posthoc can read: expected an ONNX file with a TreeEnsemble node (.onnx), an XGBoost JSON model (.json) or a LightGBM text model (.txt).`);
}

/** Reads and parses a tree model file (.onnx, XGBoost .json, LightGBM .txt). Throws ModelError. */
export async function loadTreeModel(filePath: string): Promise<TreeEnsemble> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ModelError(`Model file not found: ${filePath}`);
    if (code === 'EISDIR') throw new ModelError(`${filePath} is a folder, not a model file.`);
    throw new ModelError(`Could not read the model file ${filePath}: ${(err as Error).message}`);
  }
  return treeModelFromBytes(bytes, filePath);
}
