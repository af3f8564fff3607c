/**
 * `posthoc.saliency` ("Explain Image (Saliency)…"): picks the model, the image, the methods and
 * the target classes (each skipped when given), computes every map in a worker thread under a
 * cancellable progress notification, and opens the saliency panel. Refused in Restricted Mode,
 * like every command that runs a model.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SaliencyBatchRequest, SaliencyBatchResult, SaliencyInputRequest, SaliencyProbe } from '../../core/saliency/batch';
import { defaultSign } from '../../core/saliency/heatmap';
import { SALIENCY_METHODS, type SaliencyMethod } from '../../core/saliency/types';
import type { PreprocessSpec } from '../../core/images/preprocess';
import { relayHooks } from '../../core/workers/runWorker';
import { UsageError } from '../../core/errors';
import { UntrustedWorkspaceError } from '../errors';
import { log } from '../log';
import { pickModel, toUri } from '../pickers';
import { withWorkProgress } from '../workProgress';
import { SaliencyPanel } from './saliencyPanel';
import { defaultMethods, pickImage, pickMethods, pickTargets } from './saliencyPickers';
import type { SaliencyView } from '../../shared/saliencyProtocol';
import { SALIENCY_STATE_LIMITS } from '../../shared/saliencyState';
import { saliencyStrings as s } from './saliencyStrings';

/**
 * Arguments for programmatic callers (tests, the report gallery): paths are absolute, relative
 * to the first workspace folder, or URI strings. Given fields skip their picker; with an args
 * object, missing methods mean the defaults and missing targets the top prediction.
 */
export interface SaliencyArgs {
  model?: string;
  image?: string;
  methods?: SaliencyMethod[];
  targets?: number[];
  /** Preprocessing of picture inputs (e.g. an evaluation's `images.preprocess`). */
  preprocess?: Partial<PreprocessSpec>;
  layout?: 'nchw' | 'nhwc';
  /** Class names by index, for labels. */
  classes?: string[];
  /** Preselected beside the top prediction in the class picker. */
  trueClass?: number;
  /** Ask for methods and classes even though this is an args object (the gallery's button does). */
  interactive?: boolean;
  quality?: boolean;
  /** Model-randomisation check layers per map (default: the posthoc.saliency.sanityLayers setting). */
  sanityLayers?: number;
  samples?: number;
  steps?: number;
  seed?: number;
  /** Open the panel (default true). */
  showPanel?: boolean;
  /** Cancels like the notification's Cancel button (callers in the same extension host only). */
  signal?: AbortSignal;
}

/** What the command resolves to: the maps' numbers (not the arrays), for callers and tests. */
export interface SaliencyCommandResult {
  model: string;
  image: string;
  top: number;
  probabilities: number[];
  cells: { method: SaliencyMethod; target: number; pixels: number; completenessGap?: number; deletionAuc?: number; insertionAuc?: number; sanity?: { layers: number; spearman: number }[]; error?: string }[];
}

/** Thrown in Restricted Mode; shown with the Manage Workspace Trust button. */
export class UntrustedSaliencyError extends UntrustedWorkspaceError {
  constructor() {
    super();
    this.message = s.untrusted;
  }
}

/** True when the command was called with an args object rather than from a menu (Uri) or palette. */
export function isSaliencyArgs(arg: unknown): arg is SaliencyArgs {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
}

/** The progress helper's hooks in the worker runner's shape. */
/** The setting or argument as a layer count in 0…8, what saved panels hold (settings.json is not held to the schema). */
function sanityLayers(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.min(SALIENCY_STATE_LIMITS.maxSanityLayers, Math.floor(value))) : 0;
}

function checkArgs(a: SaliencyArgs): void {
  for (const m of a.methods ?? []) if (!(SALIENCY_METHODS as readonly string[]).includes(m)) throw new UsageError(s.unknownMethod(String(m), SALIENCY_METHODS.join(', ')));
  if (a.methods && a.methods.length === 0) throw new UsageError(s.noMethods);
}

/** Runs the flow; resolves to undefined when the user dismissed a picker. */
export async function explainImageCommand(extensionUri: vscode.Uri, arg?: vscode.Uri | SaliencyArgs): Promise<SaliencyCommandResult | undefined> {
  // Refuse before any picker: the user should not choose files for nothing.
  if (!vscode.workspace.isTrusted) throw new UntrustedSaliencyError();
  const args: SaliencyArgs = isSaliencyArgs(arg) ? arg : {};
  const interactive = !isSaliencyArgs(arg) || args.interactive === true;
  checkArgs(args);
  const { SALIENCY_INPUT_EXTENSIONS } = await import('../../core/saliency/batch');
  const fromMenu = arg instanceof vscode.Uri ? arg : undefined;
  const menuIsModel = fromMenu ? path.extname(fromMenu.fsPath).toLowerCase() === '.onnx' : false;
  const model = menuIsModel ? fromMenu : args.model ? toUri(args.model) : await pickModel();
  if (!model) return undefined;
  const image = fromMenu && !menuIsModel ? fromMenu : args.image ? toUri(args.image) : await pickImage(SALIENCY_INPUT_EXTENSIONS, model);
  if (!image) return undefined;

  const { probeSaliencyInWorker, runSaliencyInWorker } = await import('../../core/saliency/saliencyInWorker');
  const input: SaliencyInputRequest = { model: model.fsPath, image: image.fsPath, ...(args.preprocess ? { preprocess: args.preprocess } : {}), ...(args.layout ? { layout: args.layout } : {}) };
  let methods = args.methods;
  let targets = args.targets;
  let probe: SaliencyProbe | undefined;
  if (!methods || (interactive && !targets)) {
    probe = await withWorkProgress(s.checking(path.basename(model.fsPath)), (hooks) => probeSaliencyInWorker(input, relayHooks(hooks)), args.signal);
    if (!probe.gradients) log().info(`saliency: gradient graph unavailable (${probe.gradientError}); offering occlusion by default`);
  }
  // Names: the caller's (an evaluation's classes), else the model's own, else "class k".
  const classes = (n: number, model?: string[]) => Array.from({ length: n }, (_, k) => args.classes?.[k] ?? model?.[k] ?? `class ${k}`);
  if (!methods) {
    methods = interactive ? await pickMethods(probe!) : defaultMethods(probe!);
    if (!methods) return undefined;
    if (methods.length === 0) throw new UsageError(s.noMethods);
  }
  if (!targets && interactive) {
    targets = await pickTargets(probe!, classes(probe!.probabilities.length, probe!.classLabels), args.trueClass);
    if (!targets) return undefined;
  }
  if (probe) for (const t of targets ?? []) if (!Number.isInteger(t) || t < 0 || t >= probe.probabilities.length) throw new UsageError(s.badTarget(t, probe.probabilities.length));

  const request: SaliencyBatchRequest = {
    ...input, methods, ...(targets?.length ? { targets } : {}), quality: args.quality ?? true,
    ...(args.samples ? { samples: args.samples } : {}), ...(args.steps ? { steps: args.steps } : {}), ...(args.seed !== undefined ? { seed: args.seed } : {}),
    sanityLayers: sanityLayers(args.sanityLayers ?? vscode.workspace.getConfiguration('posthoc', model).get<number>('saliency.sanityLayers', 1)),
  };
  log().info(`saliency ${JSON.stringify({ ...request, preprocess: undefined })}`);
  const result = await withWorkProgress(s.progressTitle(path.basename(image.fsPath)), (hooks) => runSaliencyInWorker(request, relayHooks(hooks)), args.signal);
  for (const c of result.cells) if (c.error) log().warn(`saliency ${c.method}, class ${c.target}: ${c.error}`);
  if (args.showPanel ?? true) SaliencyPanel.show(extensionUri, toView(result, classes(result.probabilities.length, result.classLabels)));
  return summarize(result);
}

/** The panel's view of a finished batch: file names for display, each map's default sign. */
export function toView(r: SaliencyBatchResult, classes: string[]): SaliencyView {
  return {
    model: path.basename(r.model), image: path.basename(r.image), width: r.width, height: r.height, rgb: r.rgb,
    classes, probabilities: r.probabilities, top: r.top,
    cells: r.cells.map((c) => ({
      method: c.method, target: c.target, heatmap: c.heatmap, sign: defaultSign(c.heatmap), ms: c.ms,
      ...(c.completenessGap !== undefined ? { completenessGap: c.completenessGap, relativeGap: c.relativeGap } : {}),
      ...(c.deletionAuc !== undefined ? { deletionAuc: c.deletionAuc, insertionAuc: c.insertionAuc } : {}),
      // ρ is undefined (NaN) when a map is constant; such a check is not shown.
      ...(c.sanity?.every((x) => Number.isFinite(x.spearman)) ? { sanity: c.sanity } : {}),
      ...(c.error ? { error: c.error } : {}),
    })),
  };
}

function summarize(r: SaliencyBatchResult): SaliencyCommandResult {
  return {
    model: r.model, image: r.image, top: r.top, probabilities: r.probabilities,
    cells: r.cells.map((c) => ({
      method: c.method, target: c.target, pixels: c.heatmap.length,
      ...(c.completenessGap !== undefined ? { completenessGap: c.completenessGap } : {}),
      ...(c.deletionAuc !== undefined ? { deletionAuc: c.deletionAuc, insertionAuc: c.insertionAuc } : {}),
      ...(c.sanity ? { sanity: c.sanity } : {}),
      ...(c.error ? { error: c.error } : {}),
    })),
  };
}
