import * as path from 'node:path';
import * as vscode from 'vscode';
import { REPORT_ROOT_ID } from '../../core/report/constants';
import { reportBodyHtml } from '../../core/report/sectionsHtml';
import type { Report } from '../../core/report/types';
import type { StudyReportReply, StudyReportRequest } from '../../core/tune/analysis/studyReportRequest';
import { isWebviewMessage, type HostToWebview, type WebviewToHost } from '../../shared/protocol';
import { exportReport } from '../exportReport';
import { answerSaveRequest } from '../webviewSaveRequests';
import { log } from '../log';
import { saveWithDialog } from '../saveFile';
import { onValidMessage, webviewOptions, webviewPageHtml } from '../webviewShell';
import { tuneMessages } from './tuneMessages';

/** Live updates at most this often: a sweep with fast trials would otherwise redraw constantly. */
export const LIVE_THROTTLE_MS = 500;

/** What the internal `posthoc._studyPanels` command reports per panel (e2e tests read it). */
export interface StudyPanelInfo {
  title: string;
  storage: string;
  study: string;
  ready: boolean;
  /** Reports built so far (first read, live refreshes). */
  updates: number;
  trials: number;
  states: StudyReportReply['states'];
  best: number | null;
  charts: string[];
  error?: string;
  webviewErrors: string[];
}

/**
 * A study's report in a webview panel: the report webview (dist/webview.js) draws it, and a
 * new report replaces it whenever the study changes. Reports are built in a worker thread
 * (reading the journal and fitting the fANOVA forest take seconds on big studies); one build
 * at a time, the latest request wins.
 */
export class StudyPanel {
  static readonly viewType = 'posthoc.study';
  private static readonly panels = new Set<StudyPanel>();
  private reply: StudyReportReply | undefined;
  private ready = false;
  private updates = 0;
  private error: string | undefined;
  private readonly webviewErrors: string[] = [];
  private building = false;
  private wanted = false;
  private status: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastBuild = 0;
  private disposed = false;
  private readonly settled: (() => void)[] = [];

  private constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, readonly storage: string, readonly study: string | undefined) {
    StudyPanel.panels.add(this);
    panel.webview.html = shellHtml(panel.webview, extensionUri, panel.title, placeholder(panel.title, tuneMessages.loading(study ?? path.basename(storage))));
    onValidMessage(panel.webview, 'study', isWebviewMessage, (m) => this.handle(m));
    // A hidden panel's page is discarded (no retainContextWhenHidden); it says `ready` again when shown.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) this.ready = false;
    });
    panel.onDidDispose(() => {
      this.disposed = true;
      clearTimeout(this.timer);
      StudyPanel.panels.delete(this);
      this.settled.splice(0).forEach((f) => f());
    });
  }

  /** Shows the study beside the editor, reusing the panel already showing it, and builds its report. */
  static show(extensionUri: vscode.Uri, storage: string, study: string | undefined): StudyPanel {
    const existing = [...StudyPanel.panels].find((p) => p.storage === storage && p.study === study);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      existing.refresh();
      return existing;
    }
    const title = tuneMessages.panelTitle(study ?? path.basename(storage, path.extname(storage)));
    const panel = vscode.window.createWebviewPanel(StudyPanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    const p = new StudyPanel(panel, extensionUri, storage, study);
    p.refresh();
    return p;
  }

  /** State of every open study panel, for the internal `posthoc._studyPanels` command. */
  static describe(): StudyPanelInfo[] {
    return [...StudyPanel.panels].map((p) => ({
      title: p.panel.title,
      storage: p.storage,
      study: p.reply?.study ?? p.study ?? '',
      ready: p.ready,
      updates: p.updates,
      trials: p.reply?.trials ?? 0,
      states: p.reply?.states ?? {},
      best: p.reply?.best ?? null,
      charts: p.reply?.report.sections.flatMap((s) => (s.kind === 'charts' ? s.charts.map((c) => c.id) : [])) ?? [],
      ...(p.error ? { error: p.error } : {}),
      webviewErrors: [...p.webviewErrors],
    }));
  }

  /** Sets the subtitle note (e.g. "running: 3 of 10 trials"); undefined once the sweep ends. */
  setStatus(status: string | undefined): void {
    this.status = status;
  }

  /** Asks for a rebuild at most every {@link LIVE_THROTTLE_MS}, the last request always honoured. */
  refreshThrottled(): void {
    if (this.timer || this.disposed) return;
    const wait = Math.max(0, this.lastBuild + LIVE_THROTTLE_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, wait);
  }

  /** Asks for a rebuild now (or right after the one running). */
  refresh(): void {
    this.wanted = true;
    void this.pump();
  }

  /** Resolves once no build is running or wanted (the final report of a sweep is shown). */
  idle(): Promise<void> {
    if (!this.building && !this.wanted && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.settled.push(resolve));
  }

  private async pump(): Promise<void> {
    if (this.building) return;
    this.building = true;
    try {
      while (this.wanted && !this.disposed) {
        this.wanted = false;
        this.lastBuild = Date.now();
        const request: StudyReportRequest = { storage: this.storage, ...(this.study ? { study: this.study } : {}), ...(this.status ? { status: this.status } : {}) };
        try {
          const { studyReportInWorker } = await import('../../core/tune/analysis/studyReportRequest');
          this.accept(await studyReportInWorker(request));
          this.error = undefined;
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (message !== this.error) {
            this.error = message;
            log().warn(tuneMessages.readFailed(message));
          }
        }
      }
    } finally {
      this.building = false;
      if (!this.timer) this.settled.splice(0).forEach((f) => f());
    }
  }

  private accept(reply: StudyReportReply): void {
    if (this.disposed) return;
    this.reply = reply;
    this.updates++;
    this.post({ type: 'report', report: reply.report });
  }

  private post(message: HostToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.reply) this.post({ type: 'report', report: this.reply.report });
        return;
      case 'export':
      case 'exportChart':
        return answerSaveRequest(m, (reply) => this.post(reply), (format) => this.export(format));
      case 'error':
        log().warn(`study webview: ${m.message}`);
        if (this.webviewErrors.length < 20) this.webviewErrors.push(m.message);
        return;
    }
  }

  /** HTML and Markdown as any report; JSON is the `posthoc study --json` summary. */
  private async export(format: 'html' | 'json' | 'md'): Promise<vscode.Uri | undefined> {
    if (!this.reply) return undefined;
    const stem = (this.reply.study || 'study').replace(/[^\w.-]+/g, '-');
    if (format === 'json') {
      return saveWithDialog({ content: JSON.stringify(this.reply.summary, null, 2) + '\n', suggestedName: `${stem}-study.json`, filterName: 'JSON', extensions: ['json'] });
    }
    return exportReport(this.extensionUri, { report: this.reply.report }, format);
  }
}

/** A report with only a title, shown until the first build arrives. */
function placeholder(title: string, text: string): Report {
  return { title, subtitle: text, created: new Date().toISOString(), posthoc_version: '', sections: [] };
}

/** The report page (as the report panel's), with the report's text already rendered. */
function shellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, report: Report): string {
  return webviewPageHtml(webview, extensionUri, {
    title,
    script: 'webview.js',
    stylesheet: 'report.css',
    body: `<div id="${REPORT_ROOT_ID}" class="ph-report" aria-live="polite">${reportBodyHtml(report)}</div>`,
  });
}
