import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CurvesSnapshot, CurvesView } from '../../core/curves/curvesSession';
import { isCurvesWebviewMessage, type CurvesHostToWebview, type CurvesWebviewToHost } from '../../shared/protocol';
import { reportError } from '../errors';
import { log } from '../log';
import { answerSaveRequest } from '../webviewSaveRequests';
import { onValidMessage, webviewOptions } from '../webviewShell';
import { exportCurves } from './curvesExport';
import { curvesShellHtml } from './curvesHtml';
import { curvesMessages } from './curvesMessages';
import { CurvesWorkerClient } from './curvesWorkerClient';

/** Polling fallback: file watchers can miss appends (network drives, some containers). */
const POLL_MS = 2000;
/** Watcher events come in bursts while a trainer writes; read once per burst. */
const WATCH_DEBOUNCE_MS = 250;

/** What the internal `posthoc._curvesPanels` command reports per panel (e2e tests read it). */
export interface CurvesPanelInfo {
  logdir: string;
  title: string;
  ready: boolean;
  /** Charts in the latest report sent, and charts the webview said it drew. */
  charts: number;
  renderedCharts: number;
  tags: string[];
  runs: string[];
  points: number;
  /** Reports sent so far (initial load, live refreshes, view changes). */
  updates: number;
  error?: string;
  webviewErrors: string[];
}

/**
 * Training curves of one logdir in a webview panel, live: a file watcher plus a polling
 * fallback ask the curves worker to read what is new, and the panel redraws what changed.
 * All reading and report building happens in the worker, never on the extension host's thread.
 */
export class CurvesPanel {
  static readonly viewType = 'posthoc.curves';
  private static readonly panels = new Set<CurvesPanel>();
  private readonly client: CurvesWorkerClient;
  private readonly disposables: vscode.Disposable[] = [];
  // TensorBoard's default smoothing; every run and tag shown.
  private view: CurvesView = { smoothing: 0.6, x: 'step', logY: false, hiddenRuns: [], hiddenTags: [] };
  private snapshot: CurvesSnapshot | undefined;
  private ready = false;
  private renderedCharts = 0;
  private updates = 0;
  private error: string | undefined;
  private readonly webviewErrors: string[] = [];
  private running = false;
  private wantPoll = true;
  private wantView = false;
  private watchTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  private constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, readonly logdir: vscode.Uri) {
    CurvesPanel.panels.add(this);
    this.client = new CurvesWorkerClient(extensionUri.fsPath, logdir.fsPath);
    panel.webview.html = curvesShellHtml(panel.webview, extensionUri, panel.title);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(logdir, '**/*'));
    const onFile = () => {
      clearTimeout(this.watchTimer);
      this.watchTimer = setTimeout(() => this.refresh(), WATCH_DEBOUNCE_MS);
    };
    const interval = setInterval(() => this.refresh(), POLL_MS);
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      { dispose: () => clearInterval(interval) },
      { dispose: () => clearTimeout(this.watchTimer) },
      onValidMessage(panel.webview, 'curves', isCurvesWebviewMessage, (m) => this.handle(m)),
      // A hidden panel's page is discarded (no retainContextWhenHidden); it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.pump();
  }

  /** Shows the curves of `logdir` beside the editor, reusing the panel already showing it. */
  static show(extensionUri: vscode.Uri, logdir: vscode.Uri): CurvesPanel {
    const existing = [...CurvesPanel.panels].find((p) => p.logdir.toString() === logdir.toString());
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside);
      return existing;
    }
    const title = curvesMessages.panelTitle(path.basename(logdir.fsPath) || logdir.fsPath);
    const panel = vscode.window.createWebviewPanel(CurvesPanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    return new CurvesPanel(panel, extensionUri, logdir);
  }

  /** State of every open curves panel, for the internal `posthoc._curvesPanels` command. */
  static describe(): CurvesPanelInfo[] {
    return [...CurvesPanel.panels].map((p) => ({
      logdir: p.logdir.fsPath,
      title: p.panel.title,
      ready: p.ready,
      charts: p.snapshot?.report.sections.reduce((n, s) => n + (s.kind === 'charts' ? s.charts.length : 0), 0) ?? 0,
      renderedCharts: p.renderedCharts,
      tags: p.snapshot?.tags ?? [],
      runs: p.snapshot?.runs.map((r) => r.key) ?? [],
      points: p.snapshot?.points ?? 0,
      updates: p.updates,
      ...(p.error ? { error: p.error } : {}),
      webviewErrors: [...p.webviewErrors],
    }));
  }

  /** Asks for a read of what is new (watcher events, the polling timer). */
  private refresh(): void {
    this.wantPoll = true;
    void this.pump();
  }

  /**
   * One request to the worker at a time, latest view wins: slider moves that arrive while a
   * rebuild runs collapse into one more rebuild.
   */
  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.disposed && (this.wantPoll || this.wantView)) {
        const view = this.view;
        const force = this.wantView || !this.snapshot;
        this.wantPoll = this.wantView = false;
        try {
          const snapshot = await this.client.poll(view, force);
          if (snapshot) this.accept(snapshot, view);
          if (this.error) this.error = undefined;
        } catch (e) {
          if (this.disposed) return;
          const message = e instanceof Error ? e.message : String(e);
          // Report a problem once, not every two seconds; a logdir without logs yet is waited for.
          if (message !== this.error) {
            this.error = message;
            if (/^no training logs found/.test(message)) this.post({ type: 'curvesStatus', text: curvesMessages.waiting(this.logdir.fsPath) });
            else {
              this.post({ type: 'curvesStatus', text: curvesMessages.readFailed(message) });
              reportError(e);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  private accept(snapshot: CurvesSnapshot, view: CurvesView): void {
    this.snapshot = snapshot;
    this.updates++;
    const { report, runs, tags, points } = snapshot;
    this.post({ type: 'curves', report, runs, tags, view, points });
  }

  private post(message: CurvesHostToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async handle(m: CurvesWebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.snapshot) this.accept(this.snapshot, this.view);
        else if (this.error) this.post({ type: 'curvesStatus', text: curvesMessages.waiting(this.logdir.fsPath) });
        return;
      case 'curvesView':
        this.view = m.view;
        this.wantView = true;
        return this.pump();
      case 'curvesRendered':
        this.renderedCharts = m.charts;
        return;
      case 'export':
      case 'exportChart':
        return answerSaveRequest(m, (reply) => this.post(reply), (format) => exportCurves(this.extensionUri, this.logdir, this.snapshot?.report, format, () => this.client.json(this.view)));
      case 'error':
        log().warn(`curves webview: ${m.message}`);
        if (this.webviewErrors.length < 20) this.webviewErrors.push(m.message);
        return;
    }
  }

  private dispose(): void {
    this.disposed = true;
    this.ready = false;
    CurvesPanel.panels.delete(this);
    this.client.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
