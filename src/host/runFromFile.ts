import * as path from 'node:path';
import * as vscode from 'vscode';
import { UsageError } from '../core/errors';
import type { EvaluationResult } from '../core/evaluate/types';
import type { ExplainResult } from '../core/explain/pipeline/options';
import type { ExplainRun, Run, RunReports } from '../core/runfile/types';
import type { EvaluateArgs } from './evaluateCommand';
import type { ExplainArgs } from './explain/explainCommand';
import { renderReportText, type ExportContent, type ReportFormat } from './exportReport';
import { log } from './log';
import { messages } from './messages';
import { ReportPanel } from './reportPanel';

/** What `posthoc.runFromFile` resolves to: the result and the report files written. */
export interface RunFromFileResult {
  result: EvaluationResult;
  written: string[];
}

/** What `posthoc.runFromFile` resolves to for an explain run. */
export interface ExplainFromFileResult {
  explain: ExplainResult;
  written: string[];
}

/** Runs an evaluation and records it (the extension's evaluate pipeline, minus the panel). */
export type Evaluate = (args: EvaluateArgs) => Promise<EvaluationResult | undefined>;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The text to run: the open editor's (what the user sees, saved or not), else the file's. */
async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
}

/** Parses the file and finds the run; file problems become one readable error. */
async function findRun(uri: vscode.Uri, name: string): Promise<Run | ExplainRun> {
  const { validateRunFile } = await import('../core/runfile/index');
  const { runFile, problems } = validateRunFile(await readText(uri), uri.fsPath);
  const rel = vscode.workspace.asRelativePath(uri);
  if (!runFile) {
    const first = problems.slice(0, 3).map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('; ');
    throw new UsageError(messages.runFileInvalid(rel, first + (problems.length > 3 ? ` (+${problems.length - 3} more, see Problems)` : '')));
  }
  const run = runFile.runs.find((r) => r.name === name) ?? runFile.explains.find((r) => r.name === name);
  if (!run) throw new UsageError(messages.runNotFound(name, rel));
  return run;
}

/**
 * `posthoc.runFromFile(fileUri, runName)`: what the "▶ Evaluate" and "▶ Explain" lenses run.
 * Evaluates the run's options (explain runs go through `posthoc.explainModel`, which opens the
 * explanation), writes its report files (asking before replacing one that exists) and opens the
 * report beside the file.
 */
export async function runFromFile(extensionUri: vscode.Uri, evaluate: Evaluate, fileArg: unknown, name: unknown): Promise<RunFromFileResult | ExplainFromFileResult | undefined> {
  const uri = fileArg instanceof vscode.Uri ? fileArg : typeof fileArg === 'string' ? vscode.Uri.file(fileArg) : undefined;
  if (!uri || typeof name !== 'string') throw new UsageError('posthoc.runFromFile needs the run file and a run name.');
  const run = await findRun(uri, name);
  log().info(`run "${name}" from ${uri.fsPath}`);
  if (run.kind === 'explain') return explainFromFile(extensionUri, run);
  const result = await evaluate({ ...run.options, showReport: false });
  if (!result) return undefined;
  const { buildReport } = await import('../core/report/build');
  const written = await writeReports(extensionUri, () => ({ report: buildReport(result), result }), run.reports);
  if (written.length > 0) void vscode.window.showInformationMessage(messages.reportsWritten(written.map((f) => vscode.workspace.asRelativePath(f)).join(', ')));
  await ReportPanel.show(extensionUri, result);
  return { result, written };
}

/** An explain run: the Explain command with the run's options (it shows the result), then the reports. */
async function explainFromFile(extensionUri: vscode.Uri, run: ExplainRun): Promise<ExplainFromFileResult | undefined> {
  const { rows, label, ...rest } = run.options;
  // No label in the run: the args object leaves it out, and the pipeline guesses as `posthoc run` does.
  const args: ExplainArgs = { ...rest, ...(rows ? { rows } : {}), ...(label !== undefined ? { label } : {}) };
  const explain = await vscode.commands.executeCommand<ExplainResult | undefined>('posthoc.explainModel', args);
  if (!explain) return undefined;
  const { buildExplainReport } = await import('../core/report/explainReport');
  const written = await writeReports(extensionUri, () => ({ report: buildExplainReport(explain.explanation, explain.context), explain }), run.reports);
  if (written.length > 0) void vscode.window.showInformationMessage(messages.reportsWritten(written.map((f) => vscode.workspace.asRelativePath(f)).join(', ')));
  return { explain, written };
}

/** Writes each configured report; an existing file is replaced only after a modal "Overwrite". */
async function writeReports(extensionUri: vscode.Uri, build: () => ExportContent, reports: RunReports): Promise<string[]> {
  const formats = (['html', 'json', 'md'] as const).filter((f) => reports[f]);
  if (formats.length === 0) return [];
  const content = build();
  const written: string[] = [];
  for (const format of formats as ReportFormat[]) {
    const target = vscode.Uri.file(reports[format] as string);
    const rel = vscode.workspace.asRelativePath(target);
    if (await exists(target)) {
      const choice = await vscode.window.showWarningMessage(messages.overwriteReport(rel), { modal: true }, messages.overwrite);
      if (choice !== messages.overwrite) {
        void vscode.window.showInformationMessage(messages.reportSkipped(rel));
        continue;
      }
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(target.fsPath)));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(await renderReportText(extensionUri, content, format)));
    log().info(`wrote ${target.fsPath}`);
    written.push(target.fsPath);
  }
  return written;
}
