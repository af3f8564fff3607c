/**
 * Names for exported models: Triton wants the model's folder name (config `name` must match
 * it); Kubernetes wants an RFC 1035 label for an InferenceService. Both are derived from the
 * model file when --name is not given.
 */
import * as path from 'node:path';
import { UsageError } from '../../errors';

const TRITON_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The file's base name, or its folder's when the file is just `model.onnx`. */
function stem(modelPath: string): string {
  const base = path.basename(modelPath).replace(/\.onnx$/i, '');
  if (base.toLowerCase() === 'model') {
    const dir = path.basename(path.dirname(path.resolve(modelPath)));
    if (dir && dir !== path.sep) return dir;
  }
  return base;
}

/** A default Triton model name from a model path (letters, digits, `_`, `-`, `.`). */
export function defaultTritonName(modelPath: string): string {
  const s = stem(modelPath).replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return s || 'model';
}

/** A default InferenceService name from a model path (lower case, digits and `-`, ≤ 63). */
export function defaultKserveName(modelPath: string): string {
  const s = stem(modelPath).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+/g, '-').slice(0, 63).replace(/-+$/, '');
  return s || 'model';
}

/** Checks a --name for Triton; throws UsageError with the rule. */
export function checkTritonName(name: string): string {
  if (!TRITON_NAME.test(name) || name.length > 128) {
    throw new UsageError(`--name '${name}' cannot be a Triton model folder name; use letters, digits, '_', '-' and '.', starting with a letter or digit`);
  }
  return name;
}

/** Checks a --name for Kubernetes (RFC 1035 label); throws UsageError with the rule. */
export function checkKserveName(name: string): string {
  if (!DNS_1035.test(name) || name.length > 63) {
    throw new UsageError(`--name '${name}' is not a valid InferenceService name; use at most 63 lower-case letters, digits and '-', starting with a letter and not ending with '-'`);
  }
  return name;
}
