import * as vscode from 'vscode';
import type { EvaluationResult } from '../core/evaluate/types';
import type { ExplainResult } from '../core/explain/pipeline/options';
import { REPORT_ROOT_ID } from '../core/report/constants';
import { reportBodyHtml } from '../core/report/sectionsHtml';
import type { Report } from '../core/report/types';
import type { CohortSource } from './analysis/cohortChoices';
import { CohortBar, type CohortBarInfo } from './cohortBar';
import { isWebviewMessage, type HostToWebview, type ThemeKind, type WebviewToHost } from '../shared/protocol';
import { answerExplainRow } from './explainRow';
import { exportReport } from './exportReport';
import { log } from './log';
import { answerSaveRequest } from './webviewSaveRequests';
import { cspNonce, escapeHtml, onValidMessage, webviewOptions } from './webviewShell';

/** What a panel shows, and what the webview keeps in its state to survive a reload. */
export interface PanelContent {
  report: Report;
  /** The raw result, for JSON export; the webview keeps it in its state, so it survives a window reload. */
  result?: EvaluationResult;
  /** The raw explanation (explain reports), for JSON export; kept in the webview state like `result`. */
  explain?: ExplainResult;
  /** Error-analysis reports: the cohorts the webview's "Evaluate cohort" button offers (host-side only). */
  cohorts?: CohortSource;
}

/**
 * The evaluation report in a webview panel. The host computes (report sections, Vega-Lite
 * specs with inline data); the webview only draws. Strict CSP with a per-load nonce.
 */
export class ReportPanel {
  static readonly viewType = 'posthoc.report';
  private static readonly panels = new Set<ReportPanel>();
  private static lastActive: ReportPanel | undefined;
  private ready = false;
  /** Errors the webview reported (a chart that did not render), kept for diagnostics. */
  private readonly webviewErrors: string[] = [];
  /** Evaluation reports: the cohort bar (see cohortBar.ts). */
  private readonly cohortBar: CohortBar | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    readonly content: PanelContent,
  ) {
    ReportPanel.panels.add(this);
    ReportPanel.lastActive = this;
    void vscode.commands.executeCommand('setContext', 'posthoc.hasReport', true);
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = renderShell(panel.webview, extensionUri, panel.title, content.report);
    this.cohortBar = CohortBar.attach({ panel, content, post: (m) => this.post(m) });
    onValidMessage(panel.webview, 'report', isWebviewMessage, (m) => this.handle(m));
    panel.onDidChangeViewState(() => {
      if (panel.active) ReportPanel.lastActive = this;
    });
    panel.onDidDispose(() => {
      this.cohortBar?.dispose();
      ReportPanel.panels.delete(this);
      if (ReportPanel.lastActive === this) ReportPanel.lastActive = [...ReportPanel.panels].pop();
      void vscode.commands.executeCommand('setContext', 'posthoc.hasReport', ReportPanel.panels.size > 0);
    });
  }

  /** Opens a new report panel beside the active editor. */
  static async show(extensionUri: vscode.Uri, result: EvaluationResult): Promise<ReportPanel> {
    const { buildReport } = await import('../core/report/build');
    const report = buildReport(result);
    const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, report.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      ...webviewOptions(extensionUri),
      // The webview keeps its own state (setState) so hiding the tab need not keep it alive.
      retainContextWhenHidden: false,
    });
    return new ReportPanel(panel, extensionUri, { report, result });
  }

  /** Opens an explain report beside the active editor; JSON export writes the `posthoc explain --json` shape. */
  static async showExplain(extensionUri: vscode.Uri, explain: ExplainResult): Promise<ReportPanel> {
    const { buildExplainReport } = await import('../core/report/explainReport');
    const report = buildExplainReport(explain.explanation, explain.context);
    const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, report.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    return new ReportPanel(panel, extensionUri, { report, explain });
  }

  /** Opens any finished report (compare, benchmark, drift, …) beside the active editor; exports as HTML or Markdown. */
  static showReport(extensionUri: vscode.Uri, report: Report, extra: Omit<PanelContent, 'report'> = {}): ReportPanel {
    const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, report.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    return new ReportPanel(panel, extensionUri, { ...extra, report });
  }

  /** The panel an export command acts on: the active one, else the last one shown. */
  static current(): ReportPanel | undefined {
    return [...ReportPanel.panels].find((p) => p.panel.active) ?? ReportPanel.lastActive;
  }

  /** Restores panels after a window reload from the state the webview saved. */
  static registerSerializer(extensionUri: vscode.Uri): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(ReportPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const content = restoredContent(state);
        if (!content) {
          log().warn('report panel state was empty or unreadable; closing it');
          panel.dispose();
          return;
        }
        new ReportPanel(panel, extensionUri, content);
      },
    });
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        // No theme message here: the webview reads the theme from the body class itself.
        // The result rides along so the webview's saved state can restore JSON export after a reload.
        this.post({
          type: 'report',
          report: this.content.report,
          ...(this.content.result ? { result: this.content.result } : {}),
          ...(this.content.explain ? { explain: this.content.explain } : {}),
          // Labels only: the expressions stay on the host, the webview answers with an index.
          ...(this.content.cohorts?.choices.length ? { cohorts: this.content.cohorts.choices.map((c) => ({ label: c.label, description: c.description })) } : {}),
          ...(this.cohortBar ? { cohortBar: await this.cohortBar.view() } : {}),
        });
        return;
      case 'export':
      case 'exportChart':
        return answerSaveRequest(m, (reply) => this.post(reply), (format) => exportReport(this.extensionUri, this.content, format));
      case 'evaluateCohort':
        if (!this.content.cohorts?.choices[m.index]) return log().warn(`report webview asked for cohort ${m.index}, which this report does not have`);
        // The command reports its own errors; the catch only keeps them from being shown twice.
        return void Promise.resolve(vscode.commands.executeCommand('posthoc.evaluateCohort', { choice: m.index, source: this.content.cohorts })).catch(() => undefined);
      case 'selectCohort':
        return this.cohortBar?.select(m.index);
      case 'cohortShown':
        return this.cohortBar?.shown(m.index);
      case 'explainRow':
        // The current result: the cohort bar may have swapped it since the webview drew its buttons.
        return answerExplainRow(m, this.content.result, (reply) => this.post(reply));
      case 'explainImage':
        // The host maps the thumbnail number to a file of its own result (src/host/saliency/galleryExplain.ts).
        return (await import('./saliency/galleryExplain')).explainGalleryImage(this.content.result, m.index);
      case 'error':
        log().warn(`report webview: ${m.message}`);
        if (this.webviewErrors.length < 20) this.webviewErrors.push(m.message);
        return;
    }
  }

  /** Tells every open report about a colour theme change. */
  static broadcastTheme(): void {
    for (const p of ReportPanel.panels) if (p.ready) p.post({ type: 'theme', kind: themeKind() });
  }

  /**
   * What each open panel shows and whether its webview completed the handshake: the internal
   * `posthoc._reportPanels` command returns this, so e2e tests can see inside the webview.
   */
  static describe(): { title: string; ready: boolean; errors: string[]; cohortBar?: CohortBarInfo }[] {
    return [...ReportPanel.panels].map((p) => ({ title: p.panel.title, ready: p.ready, errors: [...p.webviewErrors], ...(p.cohortBar ? { cohortBar: p.cohortBar.describe() } : {}) }));
  }

  /**
   * Tests (internal `posthoc._reportMessage`): hands `message` to the panel titled `title` (default:
   * the current one) through the same validation as a webview message, and waits until it is handled.
   */
  static async simulate(title: string | undefined, message: unknown): Promise<void> {
    const p = title === undefined ? ReportPanel.current() : [...ReportPanel.panels].find((x) => x.panel.title === title);
    if (!p) throw new Error(`there is no report panel titled '${title ?? ''}'`);
    if (!isWebviewMessage(message)) throw new Error(`not a valid report webview message: ${JSON.stringify(message)?.slice(0, 200)}`);
    await p.handle(message);
  }
}

function themeKind(): ThemeKind {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast';
    default:
      return 'dark';
  }
}

/** Scripts on, and only dist/ and media/ of the extension readable. */

/** Validates a saved webview state before trusting it to rebuild a panel. */
function restoredContent(state: unknown): PanelContent | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { report, result, explain } = state as { report?: unknown; result?: unknown; explain?: unknown };
  if (typeof report !== 'object' || report === null || !Array.isArray((report as { sections?: unknown }).sections)) return undefined;
  const isExplain = typeof explain === 'object' && explain !== null && typeof (explain as { explanation?: unknown }).explanation === 'object' && typeof (explain as { context?: unknown }).context === 'object';
  return {
    report: report as Report,
    result: typeof result === 'object' && result !== null ? (result as EvaluationResult) : undefined,
    ...(isExplain ? { explain: explain as ExplainResult } : {}),
  };
}


/**
 * The page shell: CSP with a fresh nonce, the stylesheet, the report's text and tables already
 * rendered (readable before the script and Vega load), and the bundled webview script, which
 * draws the charts once the host sends the report.
 */
function renderShell(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, report: Report): string {
  const nonce = cspNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="csp-nonce" content="${nonce}">
<link rel="stylesheet" href="${css}" nonce="${nonce}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="${REPORT_ROOT_ID}" class="ph-report" aria-live="polite">${reportBodyHtml(report)}</div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
