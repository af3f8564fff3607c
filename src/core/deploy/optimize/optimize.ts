/**
 * The optimize pipeline: onnxruntime graph optimization (saved through SessionOptions'
 * `optimizedModelFilePath`), then optionally int8 weight quantization or float16 conversion
 * as ONNX rewrites, then a load check of the result in onnxruntime.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import { ModelError, UsageError, throwIfAborted } from '../../errors';
import type { WorkHooks } from '../../evaluate/options';
import { onnxRuntime } from '../../model/onnxRunner';
import { decodeModel, readModelFile } from '../../onnx/modelFile';
import { convertFloat16, type Float16Report } from './float16';
import { quantizeInt8, type QuantizeInt8Report } from './quantizeInt8';

export type OptimizationLevel = 'none' | 'basic' | 'extended' | 'all';
export type QuantizeMode = 'int8' | 'fp16';

/** What {@link optimizeModel} is asked to do. */
export interface OptimizeOptions {
  /** Path of the source .onnx model. */
  model: string;
  /** onnxruntime graph optimization level (default 'basic': portable, standard ONNX ops only). */
  level?: OptimizationLevel;
  quantize?: QuantizeMode;
  /** int8: one scale per output channel. */
  perChannel?: boolean;
  /** fp16: extra op types to keep in float32. */
  blockOps?: readonly string[];
}

/** The result's JSON-ready description. */
export interface OptimizeSummary {
  model: string;
  level: OptimizationLevel;
  quantize: QuantizeMode | null;
  per_channel: boolean;
  input_bytes: number;
  output_bytes: number;
  /** input_bytes / output_bytes. */
  size_ratio: number;
  operators_before: Record<string, number>;
  operators_after: Record<string, number>;
  int8?: QuantizeInt8Report;
  fp16?: Float16Report;
  warnings: string[];
}

/** Optimized model bytes with their summary. */
export interface OptimizeResult {
  bytes: Uint8Array;
  summary: OptimizeSummary;
}

const ORT_LEVEL = { basic: 'basic', extended: 'extended', all: 'all' } as const;

/** Runs onnxruntime's graph optimizer over `modelPath` and returns the saved optimized model. */
export async function ortOptimize(modelPath: string, level: Exclude<OptimizationLevel, 'none'>): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'posthoc-opt-'));
  const file = path.join(dir, 'optimized.onnx');
  try {
    const session = await onnxRuntime().InferenceSession.create(modelPath, {
      graphOptimizationLevel: ORT_LEVEL[level],
      optimizedModelFilePath: file,
      logSeverityLevel: 3,
    });
    await session.release();
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelError('onnxruntime did not write the optimized model file.');
    throw new ModelError(`onnxruntime could not optimize ${path.basename(modelPath)}: ${(err as Error).message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Op type -> node count of the main graph. */
function operatorCounts(model: onnx.IModelProto): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of model.graph?.node ?? []) counts[n.opType ?? ''] = (counts[n.opType ?? ''] ?? 0) + 1;
  return counts;
}

/**
 * Optimizes, and optionally quantizes, a model; returns the new bytes without writing them.
 * Throws ModelError when a step fails or the result does not load in onnxruntime.
 */
export async function optimizeModel(opts: OptimizeOptions, hooks: WorkHooks = {}): Promise<OptimizeResult> {
  const progress = hooks.onProgress ?? (() => {});
  const level = opts.level ?? 'basic';
  if (opts.perChannel && opts.quantize !== 'int8') throw new UsageError('--per-channel only applies to --quantize int8.');
  if (opts.blockOps && opts.blockOps.length > 0 && opts.quantize !== 'fp16') throw new UsageError('--block-ops only applies to --quantize fp16.');
  const source = await readModelFile(opts.model);
  const warnings: string[] = [];
  let bytes: Uint8Array = source.bytes;
  if (level !== 'none') {
    progress(`Optimizing the graph (${level})`);
    bytes = await ortOptimize(opts.model, level);
    if (level === 'all') warnings.push("Level 'all' adds layout optimizations specific to this machine's CPU; use the result on the same kind of hardware.");
  }
  throwIfAborted(hooks.signal);
  let model = decodeModel(bytes, opts.model);
  if (model.graph?.node?.some((n) => n.domain === 'com.microsoft')) {
    warnings.push("The optimized graph holds onnxruntime-specific ops (domain com.microsoft); it runs in onnxruntime only. Use --level basic for a portable model.");
  }
  let int8: QuantizeInt8Report | undefined;
  let fp16: Float16Report | undefined;
  if (opts.quantize) {
    // onnx-proto's schema predates some ONNX fields (see onnx/zipmap.ts); the load check below
    // and `posthoc compare` are what vouch for the rewritten file.
    progress(opts.quantize === 'int8' ? 'Quantizing weights to int8' : 'Converting to float16');
    if (opts.quantize === 'int8') {
      int8 = quantizeInt8(model, { perChannel: opts.perChannel });
      if (int8.quantized.length === 0) warnings.push('No MatMul/Gemm/Conv weight initializers were found to quantize; the model is unchanged apart from graph optimization.');
    } else {
      fp16 = convertFloat16(model, { blockOps: opts.blockOps });
    }
    bytes = onnx.ModelProto.encode(model).finish();
    model = decodeModel(bytes, opts.model);
  }
  progress('Checking the result loads in onnxruntime');
  try {
    const session = await onnxRuntime().InferenceSession.create(bytes, { logSeverityLevel: 3 });
    await session.release();
  } catch (err) {
    throw new ModelError(`the rewritten model does not load in onnxruntime (${(err as Error).message}); nothing was written.`);
  }
  const summary: OptimizeSummary = {
    model: opts.model,
    level,
    quantize: opts.quantize ?? null,
    per_channel: !!opts.perChannel,
    input_bytes: source.bytes.length,
    output_bytes: bytes.length,
    size_ratio: source.bytes.length / bytes.length,
    operators_before: operatorCounts(source.model),
    operators_after: operatorCounts(model),
    ...(int8 ? { int8 } : {}),
    ...(fp16 ? { fp16 } : {}),
    warnings,
  };
  return { bytes, summary };
}
