/**
 * Wires the analysis commands (analyze errors, evaluate a cohort, fairness report) into the
 * extension: one call from `activate()`. Command modules load on first use; all three run the
 * model, so all three refuse in Restricted Mode before showing any picker.
 */
import * as vscode from 'vscode';
import { guarded } from '../errors';
import { ReportPanel } from '../reportPanel';
import type { ShowErrors } from './analyzeErrorsCommand';
import type { CohortSource } from './cohortChoices';
import type { Evaluate } from './evaluateCohortCommand';

/** True for an args object (tests, keybindings): those callers get rejections, not just notifications. */
const programmatic = (arg?: unknown) => typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);

/** Registers the analysis commands; `evaluate` is the extension's evaluation (records to the Reports view). */
export function registerAnalysisCommands(extensionUri: vscode.Uri, evaluate: Evaluate): vscode.Disposable {
  // The last error-analysis panel still open: "Evaluate a Cohort" falls back to it when the
  // active report (say, a cohort's evaluation) has no cohorts of its own.
  let last: { panel: ReportPanel; source: CohortSource } | undefined;
  const showErrors: ShowErrors = async (result, cohorts) => {
    const { buildErrorsReport } = await import('../../core/report/errorsReport');
    const panel = ReportPanel.showReport(extensionUri, buildErrorsReport(result), { cohorts });
    last = { panel, source: cohorts };
    panel.panel.onDidDispose(() => {
      if (last?.panel === panel) last = undefined;
    });
  };
  const reg = (id: string, handler: (arg?: unknown) => Promise<unknown>) => vscode.commands.registerCommand(id, guarded(handler, programmatic));
  return vscode.Disposable.from(
    reg('posthoc.analyzeErrors', async (arg) => (await import('./analyzeErrorsCommand')).analyzeErrorsCommand(arg, showErrors)),
    reg('posthoc.evaluateCohort', async (arg) =>
      (await import('./evaluateCohortCommand')).evaluateCohortCommand(arg, ReportPanel.current()?.content.cohorts ?? last?.source, evaluate)),
    reg('posthoc.fairnessReport', async (arg) =>
      (await import('./fairnessCommand')).fairnessCommand(arg, async (report) => void ReportPanel.showReport(extensionUri, report))),
  );
}
