/** `posthoc optimize`: graph optimization and int8/float16 quantization of an ONNX model. */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatBytes, formatNumber } from '../core/charts/format';
import { optimizeModel, type OptimizationLevel, type OptimizeOptions, type OptimizeSummary, type QuantizeMode } from '../core/deploy/optimize';
import { PosthocError, UsageError } from '../core/errors';
import { progressPrinter } from './progress';
import { parseFlags } from './flags';

export const OPTIMIZE_USAGE = `Usage: posthoc optimize --model PATH --out PATH [options]

Optimizes an ONNX model's graph with onnxruntime and optionally quantizes it.

  --model PATH           source model (.onnx)
  --out PATH             where to write the new model (never the source)
  --level L              none | basic | extended | all (default basic: portable ONNX;
                         extended/all add onnxruntime-only fused ops, all is CPU-specific)
  --quantize Q           int8 (weights of MatMul/Gemm/Conv, QDQ form) | fp16
  --per-channel          int8: one scale per output channel (opset 13+)
  --block-ops A,B        fp16: extra op types to keep in float32
  --force                overwrite --out if it exists
  --help                 show this help`;

const LEVELS: readonly OptimizationLevel[] = ['none', 'basic', 'extended', 'all'];
const MODES: readonly QuantizeMode[] = ['int8', 'fp16'];

/** Parsed `posthoc optimize` arguments. */
export interface OptimizeCommand {
  options: OptimizeOptions;
  out: string;
  force: boolean;
}

/** Parses the arguments after `optimize`. Throws UsageError for anything malformed. */
export function parseOptimizeArgs(argv: string[]): OptimizeCommand {
  const v = parseFlags(argv, {
      model: { type: 'string' }, out: { type: 'string' }, level: { type: 'string' }, quantize: { type: 'string' },
      'per-channel': { type: 'boolean', default: false }, 'block-ops': { type: 'string' }, force: { type: 'boolean', default: false },
    }).values;
  if (!v.model) throw new UsageError('--model is required (path of an .onnx file)');
  if (!v.out) throw new UsageError('--out is required (path of the .onnx file to write)');
  if (path.resolve(v.out) === path.resolve(v.model)) throw new UsageError('--out is the same file as --model; choose another path so the source model stays intact.');
  if (v.level !== undefined && !(LEVELS as readonly string[]).includes(v.level)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}; got '${v.level}'`);
  if (v.quantize !== undefined && !(MODES as readonly string[]).includes(v.quantize)) throw new UsageError(`--quantize must be one of ${MODES.join(', ')}; got '${v.quantize}'`);
  const blockOps = v['block-ops']?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (v['block-ops'] !== undefined && blockOps?.length === 0) throw new UsageError('--block-ops is empty; give op types separated by commas, e.g. Softmax,LayerNormalization');
  const options: OptimizeOptions = {
    model: v.model,
    level: v.level as OptimizationLevel | undefined,
    quantize: v.quantize as QuantizeMode | undefined,
    perChannel: v['per-channel'],
    blockOps,
  };
  if (options.perChannel && options.quantize !== 'int8') throw new UsageError('--per-channel only applies to --quantize int8.');
  if (blockOps && options.quantize !== 'fp16') throw new UsageError('--block-ops only applies to --quantize fp16.');
  return { options, out: v.out, force: v.force ?? false };
}

/** Summary lines printed to stdout. */
export function optimizeSummaryLines(s: OptimizeSummary, out: string): string[] {
  const lines = [
    `optimized ${s.model} → ${out} (level ${s.level}${s.quantize ? `, ${s.quantize}${s.per_channel ? ' per-channel' : ''}` : ''})`,
    `size: ${formatBytes(s.input_bytes)} → ${formatBytes(s.output_bytes)} (${s.size_ratio >= 1 ? `${formatNumber(s.size_ratio, 3)}× smaller` : `${formatNumber(1 / s.size_ratio, 3)}× larger: for tiny models the added nodes outweigh the saved bytes`})`,
  ];
  if (s.int8) {
    lines.push(`int8: ${s.int8.quantized.length} weight tensor(s) quantized; largest |w − ŵ| ${formatNumber(Math.max(0, ...s.int8.quantized.map((q) => q.max_abs_error)))}`);
    for (const k of s.int8.skipped) lines.push(`  kept float32: ${k.name} (${k.reason})`);
  }
  if (s.fp16) {
    const blocked = Object.entries(s.fp16.blocked).map(([op, n]) => `${op}×${n}`).join(', ');
    lines.push(`fp16: ${s.fp16.converted_initializers} initializer(s) converted, ${s.fp16.casts} Cast node(s)${blocked ? `, kept in float32: ${blocked}` : ''}`);
    if (s.fp16.overflowed > 0) lines.push(`  ${s.fp16.overflowed} value(s) beyond ±65504 were clamped`);
  }
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  lines.push('check the new model on your data: posthoc compare --model SOURCE --model OUT --data PATH --json FILE');
  return lines;
}

/** Runs `posthoc optimize`; returns the exit status. */
export async function runOptimize(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(OPTIMIZE_USAGE + '\n');
    return 0;
  }
  const cmd = parseOptimizeArgs(argv);
  // Checked before the work and again before the rename, so nothing is ever silently replaced.
  if (existsSync(cmd.out) && !cmd.force) throw new PosthocError(`${cmd.out} already exists; nothing was written. Pass --force to overwrite, or choose another --out.`, 'exists');
  const progress = progressPrinter(process.stderr);
  const { bytes, summary } = await optimizeModel(cmd.options, { onProgress: progress.update });
  progress.done();
  if (existsSync(cmd.out) && !cmd.force) throw new PosthocError(`${cmd.out} appeared while optimizing; nothing was written. Pass --force to overwrite.`, 'exists');
  await fs.mkdir(path.dirname(path.resolve(cmd.out)), { recursive: true });
  const tmp = `${cmd.out}.${process.pid}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, cmd.out);
  for (const line of optimizeSummaryLines(summary, cmd.out)) process.stdout.write(line + '\n');
  return 0;
}
