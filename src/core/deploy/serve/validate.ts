/**
 * Checks a `POST /v2/models/{name}/infer` body against the model before anything runs, so a bad
 * request gets a 400 naming the problem and never reaches (or poisons) a batch.
 */
import { listNames } from '../../errors';
import { flattenData, typeInfo, v2Datatype } from './datatypes';
import { HttpError } from './httpError';
import type { RunTensor, ServedModel } from './model';
import type { V2Tensor } from './types';

/** A request that passed validation, with its inputs already in onnxruntime's storage types. */
export interface ValidRequest {
  id?: string;
  /** Inputs by name, in the model's order. */
  inputs: Record<string, RunTensor>;
  /** Output names asked for (all the model's outputs when the request names none). */
  outputs: string[];
  /** Size of the first dimension (the batch rows), shared by every input; 0 for rank-0 inputs. */
  rows: number;
  /** The tensors as sent, for the request log. */
  raw: V2Tensor[];
}

const bad = (message: string) => new HttpError(400, message);

/** Validates a parsed JSON body; throws {@link HttpError} 400 with a message naming the cause and the fix. */
export function validateInferRequest(body: unknown, model: ServedModel): ValidRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('the request body must be a JSON object like {"inputs": [{"name", "shape", "datatype", "data"}]}');
  const b = body as Record<string, unknown>;
  if (b.id !== undefined && typeof b.id !== 'string') throw bad('"id" must be a string when given');
  if (!Array.isArray(b.inputs) || b.inputs.length === 0) throw bad(`"inputs" must be a non-empty array; this model takes: ${model.inputs.map((t) => t.name).join(', ')}`);

  const expected = model.inputByName;
  const inputs: Record<string, RunTensor> = {};
  const raw: V2Tensor[] = [];
  for (const [i, item] of (b.inputs as unknown[]).entries()) {
    if (typeof item !== 'object' || item === null) throw bad(`inputs[${i}] must be an object with name, shape, datatype and data`);
    const t = item as Record<string, unknown>;
    if (typeof t.name !== 'string') throw bad(`inputs[${i}] has no "name"`);
    const spec = expected.get(t.name);
    if (!spec) throw bad(`unknown input '${t.name}'; the model's inputs are: ${listNames(model.inputs.map((x) => x.name))}`);
    if (inputs[t.name]) throw bad(`input '${t.name}' is given twice`);
    const datatype = v2Datatype(spec.onnxType)!;
    if (t.datatype !== datatype) throw bad(`input '${t.name}' has datatype ${JSON.stringify(t.datatype)}; the model expects ${datatype}`);
    const shape = t.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) throw bad(`input '${t.name}' needs "shape": an array of non-negative integers, e.g. [${spec.shape.map((d) => (d < 0 ? 1 : d)).join(', ')}]`);
    const dims = shape as number[];
    const declared = `[${spec.shape.join(', ')}]`;
    if (dims.length !== spec.shape.length) throw bad(`input '${t.name}' has shape [${dims.join(', ')}]; the model expects ${dims.length === 0 ? '' : 'rank ' + spec.shape.length + ' '}${declared} (-1 = any size)`);
    dims.forEach((d, k) => {
      if (spec.shape[k] >= 0 && spec.shape[k] !== d) throw bad(`input '${t.name}' has shape [${dims.join(', ')}]; the model expects ${declared} (dimension ${k} must be ${spec.shape[k]})`);
    });
    let data: unknown[];
    try {
      data = flattenData(t.data);
    } catch {
      throw bad(`input '${t.name}' needs "data": an array of ${datatype} values in row-major order`);
    }
    const size = dims.reduce((a, d) => a * d, 1);
    if (data.length !== size) throw bad(`input '${t.name}' has ${data.length} values in "data" but shape [${dims.join(', ')}] needs ${size}`);
    const info = typeInfo(spec.onnxType)!;
    const converted = info.convert(data);
    if (typeof converted === 'number') {
      const k = converted;
      throw bad(`input '${t.name}' data[${k}] is ${JSON.stringify(data[k])}; ${datatype} values must be ${info.check(data[k])}`);
    }
    inputs[t.name] = { type: info.ort, dims, data: converted };
    raw.push({ name: t.name, shape: dims, datatype, data: data as V2Tensor['data'] });
  }
  const missing = model.inputs.filter((t) => !inputs[t.name]).map((t) => t.name);
  if (missing.length) throw bad(`missing input${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);

  const ordered: Record<string, RunTensor> = {};
  for (const t of model.inputs) ordered[t.name] = inputs[t.name];
  const firstDims = model.inputs.map((t) => ordered[t.name].dims[0] ?? 0);
  if (model.batchable && firstDims.some((d) => d !== firstDims[0])) {
    throw bad(`inputs disagree on the batch size (first dimension): ${model.inputs.map((t, k) => `${t.name}=${firstDims[k]}`).join(', ')}`);
  }
  return { id: b.id as string | undefined, inputs: ordered, outputs: requestedOutputs(b.outputs, model), rows: firstDims[0] ?? 0, raw };
}

function requestedOutputs(value: unknown, model: ServedModel): string[] {
  const all = model.outputs.map((t) => t.name);
  if (value === undefined) return all;
  if (!Array.isArray(value)) throw bad('"outputs" must be an array like [{"name": "..."}]');
  const names: string[] = [];
  for (const o of value as unknown[]) {
    const name = (o as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') throw bad('each entry of "outputs" needs a "name"');
    if (!all.includes(name)) throw bad(`unknown output '${name}'; the model's outputs are: ${listNames(all)}`);
    if (!names.includes(name)) names.push(name);
  }
  return names.length ? names : all;
}
