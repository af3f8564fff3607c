/**
 * Extension entry point. `activate()` only wires commands, views, the model card editor, the
 * posthoc.json CodeLens and the panel serializer: core modules
 * (data readers, report builders) are imported on first use, and onnxruntime-node only ever
 * loads inside evaluation worker threads, never on the extension host's thread.
 */
import * as vscode from 'vscode';
import { DataError, UsageError } from '../core/errors';
import type { EvaluationResult } from '../core/evaluate/types';
import { guarded } from './errors';
import { evaluateModel, isArgsObject, type EvaluateArgs } from './evaluateCommand';
import { exportReport, isReportFormat, pickFormat, type ExportArgs } from './exportReport';
import { disposeLog, log } from './log';
import { messages } from './messages';
import { ModelCardEditor } from './modelCardEditor';
import { ModelsView } from './modelsView';
import { openExample } from './openExample';
import { ReportPanel } from './reportPanel';
import { ReportsStore } from './reportsStore';
import { ReportsView } from './reportsView';
import { RunFileLens } from './runFileLens';
import { runFromFile } from './runFromFile';
import { registerDeployCommands } from './deploy/register';
import { registerAnalysisCommands } from './analysis/register';
import { registerSaliencyCommands } from './saliency/register';

/** Called by VS Code on the first command, or when a report panel is restored. */
export function activate(context: vscode.ExtensionContext): void {
  const { extensionUri } = context;
  const store = new ReportsStore(context);
  const showReport = async (result: EvaluationResult) => void (await ReportPanel.show(extensionUri, result));
  // Every finished evaluation goes to the Reports view, whether or not a panel opens.
  const evaluate = async (arg?: vscode.Uri | EvaluateArgs, show = showReport) => {
    const result = await evaluateModel(show, arg);
    if (result) await store.add(result);
    return result;
  };
  // Programmatic callers (an args object) get rejections; menu and palette users get notifications only.
  const programmatic = (arg?: unknown) => isArgsObject(arg);

  context.subscriptions.push(
    { dispose: disposeLog },
    store,
    vscode.commands.registerCommand('posthoc.evaluateModel', guarded((arg?: unknown) => evaluate(arg as never), programmatic)),
    vscode.commands.registerCommand('posthoc.openReport', guarded((arg?: unknown) => openResult(extensionUri, arg), (arg) => typeof arg === 'string')),
    vscode.commands.registerCommand('posthoc.exportReport', guarded((arg?: unknown) => exportCurrent(extensionUri, arg as ExportArgs | undefined), programmatic)),
    vscode.commands.registerCommand('posthoc.showLog', () => log().show()),
    vscode.commands.registerCommand('posthoc.openModelCard', guarded(async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : activeResource();
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, ModelCardEditor.viewType);
    })),
    vscode.commands.registerCommand('posthoc.runFromFile', guarded((file?: unknown, name?: unknown) => runFromFile(extensionUri, (a) => evaluate(a), file, name), (file) => typeof file === 'string')),
    vscode.commands.registerCommand('posthoc.openExample', guarded((arg?: unknown) => openExample(extensionUri, arg), programmatic)),
    // Internal (not contributed, so not in the palette): lets e2e tests see the handshake.
    vscode.commands.registerCommand('posthoc._reportPanels', () => ReportPanel.describe()),
    // Internal: e2e tests post a message as a report webview would (validated the same way), wait for it, and read the panels back.
    vscode.commands.registerCommand('posthoc._reportMessage', async (title?: unknown, message?: unknown) => {
      await ReportPanel.simulate(typeof title === 'string' ? title : undefined, message);
      return ReportPanel.describe();
    }),
    // Training curves: loaded on first use; only reads files, so it is allowed in Restricted Mode.
    vscode.commands.registerCommand('posthoc.showTrainingCurves', guarded(async (arg?: unknown) => (await import('./curves/showCurvesCommand')).showTrainingCurves(extensionUri, arg), (arg) => typeof arg === 'string')),
    vscode.commands.registerCommand('posthoc._curvesPanels', async () => (await import('./curves/curvesPanel')).CurvesPanel.describe()),
    // Tuning: a sweep runs trial commands, so it refuses in Restricted Mode; opening a study only reads.
    vscode.commands.registerCommand('posthoc.runSweep', guarded(async (a?: unknown, b?: unknown) => (await import('./tune/runSweepCommand')).runSweepCommand(extensionUri, a, b), (a) => typeof a === 'object' && a !== null && !(a instanceof vscode.Uri))),
    vscode.commands.registerCommand('posthoc.openStudy', guarded(async (arg?: unknown) => (await import('./tune/openStudyCommand')).openStudyCommand(extensionUri, arg), (arg) => typeof arg === 'string' || (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri)))),
    vscode.commands.registerCommand('posthoc._studyPanels', async () => (await import('./tune/studyPanel')).StudyPanel.describe()),
    // Explanations and the what-if panel: loaded on first use; both refuse in Restricted Mode.
    vscode.commands.registerCommand('posthoc.explainModel', guarded(async (arg?: unknown) => (await import('./explain/explainCommand')).explainModel(async (r) => void (await ReportPanel.showExplain(extensionUri, r)), arg as never), programmatic)),
    vscode.commands.registerCommand('posthoc.whatIf', guarded(async (arg?: unknown) => (await import('./explain/whatIfCommand')).openWhatIf(extensionUri, arg), programmatic)),
    vscode.commands.registerCommand('posthoc._whatIfPanels', async (arg?: unknown) => (await import('./explain/whatIfCommand')).whatIfPanelsCommand(arg)),
    // Saliency maps of one image (posthoc.saliency): loaded on first use; refuses in Restricted Mode.
    registerSaliencyCommands(extensionUri),
    // Deployment: serve, optimize, compare, benchmark, export, drift (loaded on first use; stops a running server on deactivate).
    registerDeployCommands(async (report) => void ReportPanel.showReport(extensionUri, report)),
    // Error analysis, cohort evaluation and fairness (loaded on first use; all refuse in Restricted Mode).
    registerAnalysisCommands(extensionUri, (args) => evaluate(args)),
    ReportPanel.registerSerializer(extensionUri),
    ModelCardEditor.register(extensionUri),
    ModelsView.register(),
    ReportsView.register(store, extensionUri),
    RunFileLens.register(),
    vscode.window.onDidChangeActiveColorTheme(() => ReportPanel.broadcastTheme()),
  );
  log().info(`activated (VS Code ${vscode.version}, trusted: ${vscode.workspace.isTrusted})`);
}

/** The file of the active tab: a text editor's document, or a custom editor's (the model card). */
function activeResource(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

/** Nothing to do: subscriptions dispose the channel and panels. */
export function deactivate(): void {}

/** `posthoc.exportReport`: saves the active report as HTML, Markdown or JSON. */
async function exportCurrent(extensionUri: vscode.Uri, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const panel = ReportPanel.current();
  if (!panel) throw new UsageError(messages.noReport);
  const format = isReportFormat(args.format) ? args.format : await pickFormat();
  if (!format) return undefined;
  const target = typeof args.target === 'string' ? vscode.Uri.file(args.target) : args.target;
  return exportReport(extensionUri, panel.content, format, target);
}

/**
 * `posthoc.openReport`: shows a result saved by `posthoc evaluate --json` (or exported as JSON).
 * Only reads JSON, so it also works in Restricted Mode.
 */
async function openResult(extensionUri: vscode.Uri, arg?: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Evaluation result': ['json'] }, title: 'Posthoc: Open Evaluation Result' });
    uri = picked?.[0];
    if (!uri) return;
  }
  let result: unknown;
  try {
    result = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch {
    throw new DataError(messages.notAResult(uri.fsPath));
  }
  const r = result as Partial<EvaluationResult>;
  if (typeof r !== 'object' || !r || typeof r.metrics !== 'object' || typeof r.model !== 'object' || typeof r.dataset !== 'object') {
    throw new DataError(messages.notAResult(uri.fsPath));
  }
  await ReportPanel.show(extensionUri, r as EvaluationResult);
}
