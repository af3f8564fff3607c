/** `posthoc saliency`: a saliency map of one image for an ONNX image model. */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { renderOverlay, type SignMode } from '../core/charts/saliency/overlay';
import { formatNumber } from '../core/charts/format';
import { encodeNpy } from '../core/data/npy';
import { PosthocError, UsageError } from '../core/errors';
import { preprocessImage, readTensorNpy } from '../core/images/preprocess';
import { imageInput, resolvePreprocess } from '../core/images/spec';
import { PREPROCESS_OPTIONS, preprocessFromFlags, type PreprocessFlags } from '../core/images/specArgs';
import { readModelFile, type OnnxModelFile } from '../core/onnx/modelFile';
import { buildSaliencyReport, saliencyJson } from '../core/report/saliencyReport';
import { OnnxImageModel } from '../core/saliency/imageModel';
import { imageLayout } from '../core/saliency/layout';
import { encodePng } from '../core/saliency/png';
import { QUADRATURE_RULES, type QuadratureRule } from '../core/saliency/quadrature';
import { computeSaliency, type SaliencyOptions, type SaliencyResult } from '../core/saliency/saliency';
import type { SuperpixelBaseline } from '../core/saliency/superpixels';
import { SALIENCY_METHODS, type ImageTensor, type SaliencyMethod } from '../core/saliency/types';
import { writeReportFiles } from './outputs';
import { oneOfFlag, parseFlags, wholeFlag } from './flags';

export const SALIENCY_USAGE = `Usage: posthoc saliency --model PATH --input FILE --method NAME --npy OUT.npy [options]

Saliency map of one image for an ONNX image classifier.

  --model PATH           the model (.onnx), one image input [1,C,H,W] or [1,H,W,C]
  --input FILE           an image (.png/.jpg/.webp, preprocessed as below) or a .npy holding
                         the already-preprocessed model input, e.g. [1,3,224,224]
  --method NAME          ${SALIENCY_METHODS.join(' | ')}
  --target CLASS         class index to explain (default: the predicted class)
  --layer NAME           grad-cam(++): activation tensor (default: the last conv activation)
  --upsample             grad-cam(++): resize the map to the input size (default: layer size)
  --steps N              integrated-gradients: path points (default 50)
  --rule R               integrated-gradients: ${QUADRATURE_RULES.join(' | ')} (default gauss-legendre)
  --baseline B           integrated-gradients: zero | blur | noise | FILE.npy (default zero)
  --samples N            smoothgrad/vargrad noisy copies (25), rise masks (2000),
                         superpixel-lime/-shap perturbations (1000 / 2·M+2048),
                         anchors: most samples per candidate anchor (2000)
  --threshold T          anchors: precision τ an anchor must reach (KL lower bound, default 0.95)
  --noise S              smoothgrad: noise std as a fraction of the input range (0.15)
  --abs                  gradient: absolute values
  --window N, --stride N occlusion window and stride in pixels
  --segments N           superpixel-lime/-shap, anchors: about N SLIC segments (default 50)
  --superpixel-baseline B  superpixel-lime/-shap, anchors: how dropped superpixels are filled,
                         mean (their mean colour, default) | blur (a box-blurred copy)
  --seed S               seed of every random draw (default 0)
  --quality              deletion/insertion curves and their AUCs
  --sanity K             model-randomisation check over the last K layers (Spearman ρ)
  --sign S               overlay: all | positive | negative | absolute (default: positive for
                         non-negative maps, all otherwise)
  --npy OUT.npy          the attribution, float32
  --png OUT.png          the image with the heatmap blended on top
  --json OUT.json        target, scores, completeness gap, timings, quality
  --html OUT.html, --md OUT.md   a report
  --force                overwrite existing output files
Preprocessing of image inputs: --preprocess FILE.json | --image-size WxH --resize shorter|exact
  --channels rgb|bgr|gray --scale S --mean a,b,c --std a,b,c --layout nchw|nhwc
  (--layout also says how a .npy input is laid out when its shape is ambiguous)`;

/** Parsed `posthoc saliency` arguments. */
export interface SaliencyCommand {
  options: Omit<SaliencyOptions, 'input'>;
  input: string;
  preprocess: PreprocessFlags;
  baselineFile?: string;
  sign?: SignMode;
  out: { npy: string; png?: string; json?: string; html?: string; md?: string };
  force: boolean;
}

/** Parses the arguments after `saliency`. Throws UsageError for anything malformed. */
export function parseSaliencyArgs(argv: string[]): SaliencyCommand {
  const v = parseFlags(argv, {
      ...PREPROCESS_OPTIONS,
      model: { type: 'string' }, input: { type: 'string' }, method: { type: 'string' }, target: { type: 'string' }, layer: { type: 'string' },
      upsample: { type: 'boolean', default: false }, steps: { type: 'string' }, rule: { type: 'string' }, baseline: { type: 'string' },
      samples: { type: 'string' }, noise: { type: 'string' }, abs: { type: 'boolean', default: false }, window: { type: 'string' }, stride: { type: 'string' },
      segments: { type: 'string' }, threshold: { type: 'string' }, 'superpixel-baseline': { type: 'string' }, seed: { type: 'string' }, quality: { type: 'boolean', default: false }, sanity: { type: 'string' }, sign: { type: 'string' },
      npy: { type: 'string' }, png: { type: 'string' }, json: { type: 'string' }, html: { type: 'string' }, md: { type: 'string' }, force: { type: 'boolean', default: false },
    }).values;
  if (!v.model) throw new UsageError('--model is required (path of an .onnx file)');
  if (!v.input) throw new UsageError('--input is required (an image file or a preprocessed .npy)');
  if (!v.method) throw new UsageError(`--method is required: ${SALIENCY_METHODS.join(', ')}`);
  const method = oneOfFlag<SaliencyMethod>('method', v.method, SALIENCY_METHODS)!;
  if (!v.npy) throw new UsageError('--npy is required (where to write the attribution as float32 .npy)');
  const noise = v.noise === undefined ? undefined : Number(v.noise);
  if (noise !== undefined && !(noise >= 0)) throw new UsageError(`--noise must be a number ≥ 0; got '${v.noise}'`);
  const seed = v.seed === undefined ? undefined : Number(v.seed);
  if (seed !== undefined && !Number.isFinite(seed)) throw new UsageError(`--seed must be a number; got '${v.seed}'`);
  const baselineKind = v.baseline === undefined || v.baseline.toLowerCase().endsWith('.npy') ? undefined : oneOfFlag('baseline', v.baseline, ['zero', 'blur', 'noise'] as const);
  if (v.baseline !== undefined && method !== 'integrated-gradients') throw new UsageError('--baseline only applies to --method integrated-gradients.');
  if (v.layer !== undefined && !method.startsWith('grad-cam')) throw new UsageError('--layer only applies to --method grad-cam and grad-cam++.');
  const threshold = v.threshold === undefined ? undefined : Number(v.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) throw new UsageError(`--threshold must be a number in (0, 1], e.g. 0.95; got '${v.threshold}'`);
  if (threshold !== undefined && method !== 'anchors') throw new UsageError('--threshold only applies to --method anchors.');
  const options: Omit<SaliencyOptions, 'input'> = {
    modelPath: v.model, method, layout: oneOfFlag('layout', v.layout, ['nchw', 'nhwc'] as const), target: wholeFlag('target', v.target, 0), layer: v.layer, upsample: v.upsample, abs: v.abs,
    steps: wholeFlag('steps', v.steps, 1), rule: oneOfFlag<QuadratureRule>('rule', v.rule, QUADRATURE_RULES), baseline: baselineKind,
    samples: wholeFlag('samples', v.samples, 1), noise, seed, window: wholeFlag('window', v.window, 1), stride: wholeFlag('stride', v.stride, 1),
    segments: wholeFlag('segments', v.segments, 1), superpixelBaseline: oneOfFlag<SuperpixelBaseline>('superpixel-baseline', v['superpixel-baseline'], ['mean', 'blur']), threshold, quality: v.quality, sanityLayers: wholeFlag('sanity', v.sanity, 1),
  };
  const preprocess: PreprocessFlags = {};
  for (const k of Object.keys(PREPROCESS_OPTIONS) as (keyof PreprocessFlags)[]) if (v[k] !== undefined) preprocess[k] = v[k];
  return {
    options, input: v.input, preprocess, baselineFile: v.baseline && !baselineKind ? v.baseline : undefined,
    sign: oneOfFlag<SignMode>('sign', v.sign, ['all', 'positive', 'negative', 'absolute']),
    out: { npy: v.npy, png: v.png, json: v.json, html: v.html, md: v.md }, force: v.force ?? false,
  };
}

/**
 * Loads the input: a preprocessed .npy as is, or an image through the resolved preprocessing,
 * with the model file read for that (`file`, reused to load the model).
 */
async function loadInput(cmd: SaliencyCommand): Promise<{ input: ImageTensor; file?: OnnxModelFile }> {
  if (path.extname(cmd.input).toLowerCase() === '.npy') return { input: await readTensorNpy(cmd.input) };
  const file = await readModelFile(cmd.options.modelPath);
  const { spec } = resolvePreprocess(imageInput(file.card.inputs), preprocessFromFlags(cmd.preprocess) ?? {});
  return { input: await preprocessImage(cmd.input, spec), file };
}

/** The anchor found (or the best candidate, flagged) in one line. */
function anchorLine(d: Record<string, number | string>): string {
  const ids = String(d.anchor_superpixels) || 'none';
  const stats = `precision ${formatNumber(Number(d.precision))} (KL bounds ${formatNumber(Number(d.precision_lower))}–${formatNumber(Number(d.precision_upper))}), coverage ${formatNumber(Number(d.coverage))} = 0.5^${d.anchor_size}, ${d.samples} samples`;
  return d.anchor_found === 'true'
    ? `anchor: superpixels ${ids} (${d.anchor_size} of ${d.superpixels}), ${stats}`
    : `no anchor reached precision ${d.threshold}; best found: superpixels ${ids} (${d.anchor_size} of ${d.superpixels}), ${stats}`;
}

/** Summary lines for stdout. */
export function saliencySummaryLines(r: SaliencyResult): string[] {
  const name = r.classLabels ? ` "${r.classLabels[r.target]}"` : '';
  const lines = [`${r.map.method}: class ${r.target}${name} (p = ${formatNumber(r.probabilities[r.target])}), attribution [${r.map.dims.join(', ')}] in ${formatNumber(r.timings.methodMs)} ms`];
  if (r.map.method === 'anchors') lines.push(anchorLine(r.map.details));
  if (r.completeness) lines.push(`completeness gap ${formatNumber(r.completeness.gap)} (${formatNumber(100 * r.completeness.relativeGap)}% of f(x) − f(baseline) = ${formatNumber(r.completeness.fx - r.completeness.fBaseline)})`);
  if (r.quality) lines.push(`deletion AUC ${formatNumber(r.quality.deletion.auc)} (lower is better), insertion AUC ${formatNumber(r.quality.insertion.auc)} (higher is better)`);
  for (const s of r.sanity ?? []) lines.push(`last ${s.layers} layer(s) randomised: Spearman ρ ${formatNumber(s.spearman)}`);
  return lines;
}

/** Runs `posthoc saliency`; returns the exit status. */
export async function runSaliency(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SALIENCY_USAGE + '\n');
    return 0;
  }
  const cmd = parseSaliencyArgs(argv);
  const targets = Object.values(cmd.out).filter((f): f is string => !!f);
  const existing = targets.filter((f) => existsSync(f));
  if (existing.length > 0 && !cmd.force) throw new PosthocError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written. Pass --force to overwrite, or choose other paths.`, 'exists');
  const { input, file } = await loadInput(cmd);
  const baseline = cmd.baselineFile ? (await readTensorNpy(cmd.baselineFile)).data : cmd.options.baseline;
  // A picture's model file is already read and decoded; computeSaliency reads a .npy input's itself.
  const model = file ? await OnnxImageModel.fromFile(file, input.dims) : undefined;
  let result: SaliencyResult;
  try {
    result = await computeSaliency({ ...cmd.options, input, baseline }, model);
  } finally {
    await model?.dispose();
  }
  const write = async (file: string, bytes: Uint8Array): Promise<void> => {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  };
  await write(cmd.out.npy, encodeNpy({ dtype: '<f4', shape: result.map.dims, data: result.map.attribution }));
  if (cmd.out.png) {
    const l = imageLayout(input.dims, cmd.options.layout);
    const sign = cmd.sign ?? (result.map.heatmap.every((x) => x >= 0) ? 'positive' : 'all');
    await write(cmd.out.png, encodePng(renderOverlay(input.data, l, result.map.heatmap, result.map.heatmapDims, { sign }), l.width, l.height));
  }
  const files = { npy: cmd.out.npy, png: cmd.out.png };
  await writeReportFiles({ json: () => JSON.stringify(saliencyJson(result, files), null, 2) + '\n', report: () => buildSaliencyReport(result) }, { json: cmd.out.json, html: cmd.out.html, md: cmd.out.md, force: true });
  for (const line of saliencySummaryLines(result)) process.stdout.write(line + '\n');
  return 0;
}
