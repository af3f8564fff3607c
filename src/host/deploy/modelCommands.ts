/**
 * "Optimize Model…", "Compare Models…" and "Benchmark Model": each runs in the deploy worker
 * under a cancellable progress notification; compare and benchmark open their report.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchResult } from '../../core/deploy/bench/types';
import type { CompareResult } from '../../core/deploy/compare/types';
import type { OptimizationLevel, OptimizeSummary, QuantizeMode } from '../../core/deploy/optimize/optimize';
import { UsageError } from '../../core/errors';
import type { Report } from '../../core/report/types';
import { log } from '../log';
import { messages } from '../messages';
import { toUri } from '../pickers';
import { argsOf, datasetFrom, inDeployWorker, labelFrom, modelFrom, progressTitle, requireTrust, deployStrings as s, withWorkProgress } from './deployShared';
import { formatBytes } from '../../core/charts/format';

/** Shows a finished report in the report panel. */
export type ShowReport = (report: Report) => Promise<void>;

/** Arguments of `posthoc.optimizeModel` for programmatic callers. */
export interface OptimizeArgs {
  model?: string;
  level?: OptimizationLevel;
  /** 'none' keeps float32 weights. */
  quantize?: QuantizeMode | 'none';
  perChannel?: boolean;
  /** Save here instead of asking; refused when a file is already there. */
  target?: string;
}

/** What `posthoc.optimizeModel` resolves to. */
export interface OptimizeOutcome {
  path: string;
  summary: OptimizeSummary;
}

const LEVELS: OptimizationLevel[] = ['basic', 'extended', 'all', 'none'];
type QuantChoice = 'int8' | 'int8pc' | 'fp16' | 'none';

/** `posthoc.optimizeModel`: level and quantization picks, the worker, the save dialog, then an offer to compare. */
export async function optimizeModelCommand(arg: unknown, compareAfter: (original: vscode.Uri, optimized: vscode.Uri) => Promise<unknown>): Promise<OptimizeOutcome | undefined> {
  requireTrust();
  const args = argsOf<OptimizeArgs>(arg);
  const model = await modelFrom(arg, args.model);
  if (!model) return undefined;
  let level = args.level;
  if (!level) {
    const items = LEVELS.map((l) => ({ label: l, detail: s.levels[l], level: l }));
    level = (await vscode.window.showQuickPick(items, { title: s.optimizeLevelTitle, ignoreFocusOut: true }))?.level;
    if (!level) return undefined;
  }
  let quantize: QuantizeMode | undefined = args.quantize === 'none' ? undefined : args.quantize;
  let perChannel = args.perChannel ?? false;
  if (args.quantize === undefined) {
    const choices: QuantChoice[] = ['int8', 'int8pc', 'fp16', 'none'];
    const pick = await vscode.window.showQuickPick(choices.map((q) => ({ label: q === 'int8pc' ? 'int8 (per channel)' : q, detail: s.quantize[q], q })), { title: s.optimizeQuantTitle, ignoreFocusOut: true });
    if (!pick) return undefined;
    quantize = pick.q === 'none' ? undefined : pick.q === 'fp16' ? 'fp16' : 'int8';
    perChannel = pick.q === 'int8pc';
  }

  const options = { model: model.fsPath, level, ...(quantize ? { quantize } : {}), ...(perChannel ? { perChannel } : {}) };
  log().info(`optimize ${JSON.stringify(options)}`);
  const result = await withWorkProgress(progressTitle(s.optimizing, model), (hooks) => inDeployWorker({ op: 'optimize', options }, hooks));
  for (const w of result.summary.warnings) log().warn(`optimize: ${w}`);

  const stem = path.parse(model.fsPath).name;
  const suggested = `${stem}.${quantize ?? 'opt'}.onnx`;
  let target: vscode.Uri | undefined;
  if (args.target) {
    target = toUri(args.target);
    // Programmatic callers never overwrite: only the save dialog may confirm that.
    if (await exists(target)) throw new UsageError(messages.fileExists(target.fsPath));
  } else {
    target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(model, '..', suggested), filters: { 'ONNX models': ['onnx'] }, saveLabel: 'Save Model' });
    if (!target) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, result.bytes);
  const sm = result.summary;
  log().info(`optimized model saved to ${target.fsPath} (${sm.input_bytes} → ${sm.output_bytes} bytes)`);
  const saved = target;
  void vscode.window.showInformationMessage(s.optimized(path.basename(saved.fsPath), formatBytes(sm.input_bytes), formatBytes(sm.output_bytes), sm.size_ratio), s.compareWithOriginal).then((choice) => {
    if (choice === s.compareWithOriginal) void compareAfter(model, saved);
  });
  return { path: saved.fsPath, summary: sm };
}

/** Arguments of `posthoc.compareModels`: the models (baseline first), data and label. */
export interface CompareArgs {
  models?: string[];
  data?: string;
  label?: string;
  names?: string[];
  /** Open the report panel (default true). */
  showReport?: boolean;
}

/** `posthoc.compareModels`: models (2+), dataset, label → the compare report. */
export async function compareModelsCommand(arg: unknown, show: ShowReport): Promise<CompareResult | undefined> {
  requireTrust();
  const args = argsOf<CompareArgs>(arg);
  const models = args.models ? args.models.map((m) => toUri(m)) : await pickModels();
  if (!models) return undefined;
  if (models.length < 2) throw new UsageError(s.needTwoModels);
  const data = await datasetFrom(args.data, models[0]);
  if (!data) return undefined;
  const label = await labelFrom(args.label, data);
  if (!label) return undefined;
  const options = { models: models.map((m) => m.fsPath), data: data.fsPath, label, ...(args.names ? { names: args.names } : {}), ...compareDefaults(models[0]) };
  log().info(`compare ${JSON.stringify(options)}`);
  const result = await withWorkProgress(progressTitle(s.comparing, models[0]), (hooks) => inDeployWorker({ op: 'compare', options }, hooks));
  for (const w of result.warnings) log().warn(`compare: ${w}`);
  if (args.showReport !== false) {
    const { buildCompareReport } = await import('../../core/report/compareReport');
    await show(buildCompareReport(result));
  }
  return result;
}

/** The evaluate settings that apply to a comparison too (threshold, bootstrap, seed, max rows). */
function compareDefaults(scope: vscode.Uri) {
  const c = vscode.workspace.getConfiguration('posthoc', scope);
  const maxRows = c.get<number>('data.maxRows', 0);
  return { threshold: c.get<number>('evaluate.threshold', 0.5), bootstrap: c.get<number>('evaluate.bootstrap', 1000), seed: c.get<number>('evaluate.seed', 0), ...(maxRows ? { maxRows } : {}) };
}

/** Multi-select of workspace models, then which of them is the baseline. */
async function pickModels(): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles('**/*.onnx', '{**/node_modules/**,**/.git/**}', 500);
  let picked: vscode.Uri[];
  if (found.length >= 2) {
    const items = found.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri }));
    const chosen = await vscode.window.showQuickPick(items, { title: s.pickModels, canPickMany: true, ignoreFocusOut: true, matchOnDescription: true });
    if (!chosen) return undefined;
    picked = chosen.map((c) => c.uri);
  } else {
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: true, filters: { 'ONNX models': ['onnx'] }, title: s.pickModels });
    if (!chosen) return undefined;
    picked = chosen;
  }
  if (picked.length < 2) throw new UsageError(s.needTwoModels);
  const base = await vscode.window.showQuickPick(picked.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri })), { title: 'Which model is the baseline?', ignoreFocusOut: true });
  if (!base) return undefined;
  return [base.uri, ...picked.filter((u) => u.toString() !== base.uri.toString())];
}

/** Arguments of `posthoc.benchmarkModel`. */
export interface BenchArgs {
  model?: string;
  batchSizes?: number[];
  seconds?: number;
  iterations?: number;
  data?: string;
  showReport?: boolean;
}

/** `posthoc.benchmarkModel`: latency and throughput per batch size → the bench report. */
export async function benchmarkModelCommand(arg: unknown, show: ShowReport): Promise<BenchResult | undefined> {
  requireTrust();
  const args = argsOf<BenchArgs>(arg);
  const model = await modelFrom(arg, args.model);
  if (!model) return undefined;
  const options = {
    model: model.fsPath,
    ...(args.batchSizes ? { batchSizes: args.batchSizes } : {}),
    ...(args.seconds !== undefined ? { seconds: args.seconds } : {}),
    ...(args.iterations !== undefined ? { iterations: args.iterations } : {}),
    ...(args.data ? { data: toUri(args.data).fsPath } : {}),
  };
  log().info(`bench ${JSON.stringify(options)}`);
  const result = await withWorkProgress(progressTitle(s.benchmarking, model), (hooks) => inDeployWorker({ op: 'bench', options }, hooks));
  for (const w of result.warnings) log().warn(`bench: ${w}`);
  if (args.showReport !== false) {
    const { buildBenchReport } = await import('../../core/report/benchReport');
    await show(buildBenchReport(result));
  }
  return result;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
