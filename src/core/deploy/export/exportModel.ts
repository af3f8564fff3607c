/**
 * `posthoc export triton|kserve`: writes a Triton model repository, or KServe manifests with a
 * Dockerfile, for an ONNX model. Every text written is checked before anything touches the
 * disk (config.pbtxt parsed back and compared; names and shapes against the model), and no
 * existing file is replaced unless `force` is set.
 */
import { existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { onnx } from 'onnx-proto';
import { ModelError, PosthocError, listNames } from '../../errors';
import type { TensorSpec } from '../../evaluate/types';
import { tensorSpec } from '../../onnx/modelCard';
import { decodeModel, readModelFile } from '../../onnx/modelFile';
import { removeNonTensorOutputs } from '../../onnx/zipmap';
import { VERSION } from '../../version';
import { onnxInferenceService, posthocInferenceService, serveDockerfile } from './kserve';
import { checkKserveName, checkTritonName, defaultKserveName, defaultTritonName } from './names';
import { parsePbtxt, writePbtxt } from './pbtxt';
import { tritonConfig, tritonMessage, type TritonModelConfig } from './triton';
import { toYaml } from './yaml';

/** The serving engines Posthoc exports for. */
export type ExportTarget = 'triton' | 'kserve';

/** Options of {@link exportModel}. */
export interface ExportOptions {
  target: ExportTarget;
  /** Path of the .onnx model. */
  model: string;
  /** Output folder: the Triton model repository, or the KServe bundle's folder. */
  out: string;
  /** Model name (default: from the file name, or its folder's for `model.onnx`). */
  name?: string;
  /** Triton max_batch_size (default 8 when the model has a dynamic batch dim, else 0). */
  maxBatch?: number;
  /** Triton CPU instances (default 1). */
  instances?: number;
  /** Replace files that already exist. */
  force?: boolean;
}

/** What {@link exportModel} wrote. */
export interface ExportResult {
  target: ExportTarget;
  name: string;
  /** Files written, absolute paths, in the order written. */
  files: string[];
  triton: TritonModelConfig;
  /** Things the user should know (rewritten outputs, placeholders to fill in). */
  notes: string[];
}

/** Exports a model for a serving engine. Throws ModelError/UsageError/PosthocError('exists'). */
export async function exportModel(opts: ExportOptions): Promise<ExportResult> {
  const target = opts.target;
  const name = target === 'triton' ? checkTritonName(opts.name ?? defaultTritonName(opts.model)) : checkKserveName(opts.name ?? defaultKserveName(opts.model));
  const file = await readModelFile(opts.model);
  const notes: string[] = [];
  // Triton's ONNX Runtime backend returns tensors only: cut ZipMaps off as `posthoc` does.
  const rewritten = removeNonTensorOutputs(file.model, file.bytes);
  const graph = rewritten.changed ? decodeModel(rewritten.bytes, opts.model).graph! : file.model.graph!;
  if (rewritten.unzipped.length) notes.push(`ZipMap output${rewritten.unzipped.length > 1 ? 's' : ''} ${rewritten.unzipped.join(', ')} ${rewritten.unzipped.length > 1 ? 'return' : 'returns'} the [N, classes] probability tensor in the Triton copy (Triton serves tensors only).`);
  if (rewritten.dropped.length) notes.push(`Non-tensor outputs ${rewritten.dropped.join(', ')} were removed from the Triton copy.`);
  const { inputs, outputs } = declaredTensors(graph, file.card.file_name);
  const config = tritonConfig(inputs, outputs, { name, maxBatch: opts.maxBatch, instances: opts.instances });
  checkConfigAgainstModel(config, inputs, outputs);
  const pbtxt = renderTritonConfig(config);
  if (config.max_batch_size === 0 && opts.maxBatch === undefined) notes.push('The model has no dynamic batch dimension, so max_batch_size is 0 (Triton will not batch requests).');

  const out = path.resolve(opts.out);
  const files = new Map<string, string | Uint8Array>();
  const repo = target === 'triton' ? out : path.join(out, 'model-repository');
  files.set(path.join(repo, name, 'config.pbtxt'), pbtxt);
  files.set(path.join(repo, name, '1', 'model.onnx'), rewritten.bytes);
  if (target === 'kserve') {
    const onnxIsvc = onnxInferenceService(name);
    const posthocIsvc = posthocInferenceService(name);
    files.set(path.join(out, 'inferenceservice.yaml'), toYaml(onnxIsvc.manifest, onnxIsvc));
    files.set(path.join(out, 'inferenceservice-posthoc.yaml'), toYaml(posthocIsvc.manifest, posthocIsvc));
    files.set(path.join(out, 'Dockerfile'), serveDockerfile(name, VERSION));
    // posthoc serve reads the original file (it handles ZipMap itself).
    files.set(path.join(out, 'model.onnx'), file.bytes);
    notes.push('Replace the PLACEHOLDER values (storageUri, image) in the InferenceService manifests before applying them.');
  }
  await writeAll(out, files, opts.force ?? false);
  return { target, name, files: [...files.keys()], triton: config, notes };
}

/** config.pbtxt text, checked by parsing it back and comparing with the config. */
export function renderTritonConfig(config: TritonModelConfig): string {
  const message = tritonMessage(config);
  const text = writePbtxt(message);
  if (!isDeepStrictEqual(parsePbtxt(text), message)) throw new Error('internal error: config.pbtxt does not read back as written');
  return text;
}

/** Non-initializer inputs and all outputs, refusing tensors whose shape the file does not declare. */
function declaredTensors(graph: onnx.IGraphProto, fileName: string): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  const weights = new Set((graph.initializer ?? []).map((t) => t.name));
  const ins = (graph.input ?? []).filter((v) => !weights.has(v.name));
  const outs = graph.output ?? [];
  const unshaped = [...ins, ...outs].filter((v) => v.type?.tensorType && !v.type.tensorType.shape).map((v) => v.name ?? '?');
  if (unshaped.length) {
    throw new ModelError(`${fileName} does not declare the shape of ${listNames(unshaped)}; Triton needs dims. Re-export the model with shapes (or run onnx shape inference on it).`);
  }
  const nonTensor = [...ins, ...outs].filter((v) => !v.type?.tensorType).map((v) => v.name ?? '?');
  if (nonTensor.length) throw new ModelError(`${listNames(nonTensor)} ${nonTensor.length > 1 ? 'are' : 'is'} not a tensor; Triton serves tensors only.`);
  return { inputs: ins.map(tensorSpec), outputs: outs.map(tensorSpec) };
}

/** Checks names, element types and dims of a config against the model's tensors. */
export function checkConfigAgainstModel(config: TritonModelConfig, inputs: readonly TensorSpec[], outputs: readonly TensorSpec[]): void {
  const check = (kind: string, declared: readonly TensorSpec[], written: TritonModelConfig['input']) => {
    if (declared.length !== written.length || declared.some((t, i) => t.name !== written[i].name)) {
      throw new Error(`internal error: config ${kind}s ${written.map((t) => t.name).join(', ')} differ from the model's ${declared.map((t) => t.name).join(', ')}`);
    }
    declared.forEach((t, i) => {
      const w = written[i];
      const modelDims = config.max_batch_size > 0 ? t.shape.slice(1) : t.shape;
      const effective = w.reshape ? w.reshape.shape : w.dims;
      const ok = effective.length === modelDims.length && modelDims.every((d, j) => (typeof d === 'number' && d >= 0 ? effective[j] === d : effective[j] === -1));
      if (!ok) throw new Error(`internal error: config dims of '${t.name}' [${effective.join(', ')}] do not match the model's [${modelDims.join(', ')}]`);
    });
  };
  check('input', inputs, config.input);
  check('output', outputs, config.output);
}

async function writeAll(out: string, files: Map<string, string | Uint8Array>, force: boolean): Promise<void> {
  if (existsSync(out) && !statSync(out).isDirectory()) throw new PosthocError(`--out ${out} is a file; give a folder.`, 'exists');
  const existing = [...files.keys()].filter((f) => existsSync(f));
  if (existing.length > 0 && !force) {
    throw new PosthocError(
      `${listNames(existing.map((f) => path.relative(process.cwd(), f) || f))} already exist${existing.length === 1 ? 's' : ''}; nothing was written. ` +
        'Pass --force to overwrite, or choose another --out folder.',
      'exists',
    );
  }
  for (const [target, content] of files) {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, target);
  }
}
