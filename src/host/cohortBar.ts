/**
 * The cohort bar of an evaluation report panel: a select of "All rows", the workspace's
 * posthoc.json cohorts and the cohorts taken from error analyses in this session. Choosing one
 * re-evaluates the same model and data on it (in a worker, like every evaluation) and redraws
 * the same panel; results stay cached for the panel's life. The logic is in
 * analysis/cohortSwitcher.ts; this file is the VS Code side.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluateOptions } from '../core/evaluate/options';
import type { EvaluationResult } from '../core/evaluate/types';
import type { Report } from '../core/report/types';
import type { CohortBarView, HostToWebview } from '../shared/protocol';
import { analysisStrings as s } from './analysis/analysisStrings';
import { baseOptions, CohortSwitcher, type BarCohort } from './analysis/cohortSwitcher';
import { onSessionCohortsChanged, sessionCohorts } from './analysis/sessionCohorts';
import { UntrustedWorkspaceError } from './errors';
import { log } from './log';
import { withWorkProgress } from './workProgress';

/** What a report panel shares with its bar: the panel, its (mutable) content, and a way to post. */
export interface CohortBarHost {
  panel: vscode.WebviewPanel;
  content: { report: Report; result?: EvaluationResult };
  post(message: HostToWebview): void;
}

/** What `posthoc._reportPanels` reports about a bar (e2e tests read it). */
export interface CohortBarInfo {
  choices: string[];
  selected: number;
  busy: boolean;
  status: string;
  problem: boolean;
  /** The cohort shown: its name (or "All rows") and rows. */
  shown: { name: string; rows: number };
  /** The choice the webview last reported drawn, if any. */
  drawn?: number;
}

/** The cohort bar of one evaluation panel. */
export class CohortBar {
  private readonly switcher: CohortSwitcher;
  private readonly unsubscribe: () => void;
  private drawn: number | undefined;

  /** A bar for panels showing a tabular evaluation result; undefined for every other report. */
  static attach(host: CohortBarHost): CohortBar | undefined {
    const result = host.content.result;
    const base = result ? baseOptions(result) : undefined;
    return result && base ? new CohortBar(host, base, result) : undefined;
  }

  private constructor(private readonly host: CohortBarHost, base: EvaluateOptions, result: EvaluationResult) {
    this.switcher = new CohortSwitcher(base, result, (options, signal) => this.evaluate(options, signal));
    host.panel.title = this.switcher.title(host.content.report.title);
    // A cohort taken from an error analysis shows up in open bars on the same data at once.
    this.unsubscribe = onSessionCohortsChanged(() => void this.postBar());
  }

  /** The bar as the webview draws it, with the offered cohorts re-read (posthoc.json may have changed). */
  async view(): Promise<CohortBarView> {
    this.switcher.setCohorts(await this.offered());
    return this.switcher.view();
  }

  /** Shows choice `index` (validated by the switcher): cached at once, else after an evaluation. */
  async select(index: number): Promise<void> {
    const running = this.switcher.select(index);
    await this.postBar(); // "Evaluating …" while it runs
    const outcome = await running;
    if (outcome.kind === 'problem') log().warn(`cohort bar: ${outcome.message}`);
    if (outcome.kind !== 'shown') return this.postBar();
    const { buildReport } = await import('../core/report/build');
    const report = buildReport(outcome.result);
    // Export and the saved webview state follow what the panel shows.
    this.host.content.report = report;
    this.host.content.result = outcome.result;
    this.host.panel.title = this.switcher.title(report.title);
    // The offered cohorts were re-read when the choice was posted; no need to read posthoc.json again.
    this.host.post({ type: 'report', report, result: outcome.result, cohortBar: this.switcher.view() });
  }

  /** The webview drew a report at bar choice `index`. */
  shown(index: number): void {
    this.drawn = index;
  }

  /** For `posthoc._reportPanels`. */
  describe(): CohortBarInfo {
    const view = this.switcher.view();
    const r = this.switcher.shown();
    return {
      choices: view.choices.map((c) => c.label),
      selected: view.selected,
      busy: view.busy,
      status: view.status,
      problem: view.problem,
      shown: { name: r.cohort?.name ?? s.allRows, rows: r.n_rows },
      ...(this.drawn !== undefined ? { drawn: this.drawn } : {}),
    };
  }

  /** Stops a running evaluation and listening for new cohorts (the panel closed). */
  dispose(): void {
    this.unsubscribe();
    this.switcher.dispose();
  }

  private async postBar(): Promise<void> {
    this.host.post({ type: 'cohortBar', bar: await this.view() });
  }

  private async evaluate(options: EvaluateOptions, signal: AbortSignal): Promise<EvaluationResult> {
    // A saved result opens in Restricted Mode too; cached cohorts switch there, new ones would run the model.
    if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError();
    const { evaluateInWorker } = await import('../core/evaluate/evaluateInWorker');
    log().info(`cohort bar: evaluate ${JSON.stringify(options)}`);
    const name = options.cohort?.name ?? s.allRows;
    return withWorkProgress(`${s.evaluatingCohort} ${name}`, (hooks) => evaluateInWorker(options, hooks), signal);
  }

  /** posthoc.json cohorts of every workspace folder, then this session's error-analysis cohorts on the same data. */
  private async offered(): Promise<BarCohort[]> {
    const out: BarCohort[] = [];
    const { loadCohorts } = await import('../core/runfile/cohorts');
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const file = path.join(folder.uri.fsPath, 'posthoc.json');
      try {
        for (const [name, expression] of Object.entries(loadCohorts(file, false) ?? {})) out.push({ name, label: name, expression, origin: s.fromFile });
      } catch (error) {
        // The CodeLens shows where the file is wrong; the bar still offers the other cohorts.
        log().warn(s.barFileProblem(error instanceof Error ? error.message : String(error)));
      }
    }
    for (const c of sessionCohorts(this.switcher.base.data)) out.push({ name: c.name, label: c.label, expression: c.expression, origin: s.fromAnalysis });
    return out;
  }
}
