/**
 * `posthoc export triton|kserve --model PATH --out DIR …`: a Triton model repository, or KServe
 * InferenceService manifests with a Dockerfile for `posthoc serve`.
 * Exit status: 0 success, 1 failure (unreadable model, files exist without --force), 2 usage error.
 */
import * as path from 'node:path';
import { exportModel, type ExportOptions, type ExportTarget } from '../core/deploy/export/exportModel';
import { UsageError } from '../core/errors';
import { parseFlags, wholeFlag } from './flags';

export const EXPORT_USAGE = `Usage: posthoc export triton|kserve --model PATH --out DIR [options]

  triton   a Triton model repository: DIR/NAME/config.pbtxt and DIR/NAME/1/model.onnx
  kserve   DIR/inferenceservice.yaml (KServe's ONNX runtime; storageUri is a placeholder),
           DIR/model-repository/ (what that storageUri must point to), and
           DIR/Dockerfile + DIR/inferenceservice-posthoc.yaml to serve with 'posthoc serve'

  --model PATH       model file (.onnx)
  --out DIR          output folder (created if missing)
  --name NAME        model name (default: the file name, or its folder's for model.onnx)
  --max-batch N      Triton max_batch_size (default 8 if the first dim is dynamic, else 0)
  --instances N      Triton model instances on CPU (default 1)
  --force            overwrite files that already exist in DIR

Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;

const TARGETS: readonly ExportTarget[] = ['triton', 'kserve'];


/** Parses the arguments after `export`. Throws UsageError for anything malformed. */
export function parseExportArgs(argv: string[]): ExportOptions {
  const parsed = parseFlags(argv, {
      model: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' },
      'max-batch': { type: 'string' }, instances: { type: 'string' }, force: { type: 'boolean', default: false },
    }, true);
  const [target, ...extra] = parsed.positionals;
  if (!target) throw new UsageError(`name the engine: posthoc export ${TARGETS.join('|')} --model PATH --out DIR`);
  if (!(TARGETS as readonly string[]).includes(target)) throw new UsageError(`unknown export target '${target}'; choose one of ${TARGETS.join(', ')}`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const v = parsed.values;
  if (!v.model) throw new UsageError('--model is required (path of an .onnx file)');
  if (!v.out) throw new UsageError('--out is required (the folder to write into)');
  return {
    target: target as ExportTarget,
    model: v.model,
    out: v.out,
    name: v.name,
    maxBatch: wholeFlag('max-batch', v['max-batch'], 0),
    instances: wholeFlag('instances', v.instances, 1),
    force: v.force ?? false,
  };
}

/** Runs `posthoc export ARGS`; returns the exit status (errors are thrown to main). */
export async function runExport(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(EXPORT_USAGE + '\n');
    return 0;
  }
  const options = parseExportArgs(argv);
  const result = await exportModel(options);
  const t = result.triton;
  process.stdout.write(`${result.target} export of '${result.name}': max_batch_size ${t.max_batch_size}, ` +
    `${t.input.length} input${t.input.length === 1 ? '' : 's'}, ${t.output.length} output${t.output.length === 1 ? '' : 's'}\n`);
  for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
  for (const file of result.files) {
    const rel = path.relative(process.cwd(), file);
    process.stdout.write(`wrote ${rel && !rel.startsWith('..') ? rel : file}\n`);
  }
  return 0;
}
