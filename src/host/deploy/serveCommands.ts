/**
 * "Posthoc: Serve Model" and its companions: one model server at a time (in a worker thread),
 * a status bar item while it runs, and a quick pick behind it (copy client code, open metrics,
 * stop). The server is stopped when the extension deactivates.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UsageError } from '../../core/errors';
import { log } from '../log';
import { argsOf, deployStrings as s, modelFrom, requireTrust } from './deployShared';
import { isPortFree, nextFreePort, ServeSession } from './serveSession';

/** Arguments of `posthoc.serveModel` for programmatic callers. */
export interface ServeArgs {
  model?: string;
  /** Default: the `posthoc.serve.port` setting (8080); 0 picks a free port. */
  port?: number;
  /** Model name in URLs (default: the file stem). */
  name?: string;
}

/** Client code languages of "Copy client code". */
export type SnippetLanguage = 'curl' | 'python' | 'typescript';
const METRICS_SCHEME = 'posthoc-metrics';
const LANGUAGES: Record<SnippetLanguage, string> = { curl: 'curl', python: 'Python', typescript: 'TypeScript' };

/** What `posthoc.serveModel` resolves to (tests read it). */
export interface ServeInfo {
  url: string;
  port: number;
  models: string[];
}

/** Owns the running server and its status bar item. */
export class ServeController implements vscode.Disposable {
  private session: ServeSession | undefined;
  private readonly status = vscode.window.createStatusBarItem('posthoc.serving', vscode.StatusBarAlignment.Left, 50);
  /** /metrics opens as a read-only virtual document: an untitled one would ask to be saved on close. */
  private readonly metricsProvider = vscode.workspace.registerTextDocumentContentProvider(METRICS_SCHEME, {
    provideTextDocumentContent: async (uri) => {
      // A plain GET to our own worker's server: I/O only, nothing blocks the host.
      const response = await fetch(`http://127.0.0.1:${uri.query}/metrics`);
      return response.text();
    },
  });

  constructor() {
    this.status.name = 'Posthoc: model server';
    this.status.command = 'posthoc.serverActions';
  }

  /** `posthoc.serveModel`: picks the model (unless given), finds a port, starts the server. */
  async serve(arg?: unknown): Promise<ServeInfo | undefined> {
    requireTrust();
    const args = argsOf<ServeArgs>(arg);
    const programmatic = Object.keys(args).length > 0;
    const model = await modelFrom(arg, args.model);
    if (!model) return undefined;
    if (model.scheme !== 'file') throw new UsageError(`Posthoc serves local files only; ${model.toString()} is not one.`);

    let port = args.port ?? vscode.workspace.getConfiguration('posthoc', model).get<number>('serve.port', 8080);
    if (this.session) {
      if (!programmatic) {
        const choice = await vscode.window.showWarningMessage(s.replaceServer(this.session.url), { modal: true }, s.stopAndServe);
        if (choice !== s.stopAndServe) return undefined;
      }
      await this.stop(true);
    }
    if (port !== 0 && !(await isPortFree(port))) {
      if (programmatic) throw new UsageError(s.portBusyProgrammatic(port));
      const free = await nextFreePort(port);
      if (free === undefined) throw new UsageError(s.portBusyNoFree(port));
      const choice = await vscode.window.showWarningMessage(s.portBusy(port, free), s.useFreePort(free));
      if (choice !== s.useFreePort(free)) return undefined;
      port = free;
    }

    const session = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: s.startingServer }, () =>
      ServeSession.start(
        { models: [{ path: model.fsPath, ...(args.name ? { name: args.name } : {}) }], host: '127.0.0.1', port },
        (message) => log().warn(`serve: ${message}`),
        (message) => this.onDied(session, message),
      ),
    );
    this.session = session;
    session.onRequest((e) => {
      if (e.status >= 400) log().warn(`serve: ${e.method} ${e.path} → ${e.status}${e.error ? `: ${e.error}` : ''}`);
      this.updateStatus();
    });
    const names = session.models.map((m) => m.name);
    log().info(`serving ${model.fsPath} as ${names.join(', ')} at ${session.url}`);
    void vscode.commands.executeCommand('setContext', 'posthoc.serving', true);
    this.updateStatus();
    this.status.show();
    void vscode.window.showInformationMessage(s.servingStarted(path.basename(model.fsPath), session.url));
    return { url: session.url, port: session.port, models: names };
  }

  private onDied(session: ServeSession, message: string): void {
    if (this.session !== session) return;
    log().warn(`serve: ${message}`);
    void vscode.window.showErrorMessage(s.serverDied(message));
    this.clear();
  }

  private updateStatus(): void {
    const session = this.session;
    if (!session) return;
    this.status.text = s.serving(session.port);
    this.status.tooltip = `${s.servingTooltip(session.url, session.models.map((m) => m.name).join(', '))} (${session.requests} request${session.requests === 1 ? '' : 's'})`;
  }

  private clear(): void {
    this.session = undefined;
    this.status.hide();
    void vscode.commands.executeCommand('setContext', 'posthoc.serving', false);
  }

  private running(): ServeSession {
    if (!this.session) throw new UsageError(s.notServing);
    return this.session;
  }

  /** `posthoc.stopServing`: closes the server; resolves once the port is released. */
  async stop(quiet = false): Promise<boolean> {
    const session = this.session;
    if (!session) {
      if (!quiet) void vscode.window.showInformationMessage(s.notServing);
      return false;
    }
    this.clear();
    await session.close();
    log().info(`stopped serving at ${session.url}`);
    if (!quiet) void vscode.window.showInformationMessage(s.stopped(session.url));
    return true;
  }

  /** `posthoc.serverActions` (the status bar item): copy client code, open metrics, or stop. */
  async actions(): Promise<void> {
    const session = this.running();
    const items = [
      { label: s.copyClientCode, detail: s.copyClientCodeDetail, run: () => this.copyClientCode() },
      { label: s.openMetrics, detail: s.openMetricsDetail, run: () => this.openMetrics() },
      { label: s.stop, run: () => this.stop() },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: s.actionsTitle(session.url) });
    await pick?.run();
  }

  /** `posthoc.copyClientCode`: puts a curl/Python/TypeScript call of the served model on the clipboard. */
  async copyClientCode(arg?: unknown): Promise<string | undefined> {
    const session = this.running();
    let language = typeof arg === 'string' && Object.hasOwn(LANGUAGES, arg) ? (arg as SnippetLanguage) : undefined;
    if (!language) {
      const items = (Object.keys(LANGUAGES) as SnippetLanguage[]).map((k) => ({ label: LANGUAGES[k], language: k }));
      language = (await vscode.window.showQuickPick(items, { title: s.pickLanguage }))?.language;
      if (!language) return undefined;
    }
    let meta = session.models[0];
    if (session.models.length > 1 && typeof arg !== 'string') {
      const pick = await vscode.window.showQuickPick(session.models.map((m) => ({ label: m.name, meta: m })), { title: s.pickServedModel });
      if (!pick) return undefined;
      meta = pick.meta;
    }
    const { clientSnippets } = await import('../../core/deploy/serve/snippets');
    const code = clientSnippets(meta, session.url)[language];
    await vscode.env.clipboard.writeText(code);
    void vscode.window.showInformationMessage(s.copied(LANGUAGES[language]));
    return code;
  }

  /** `posthoc.openServerMetrics`: the Prometheus text of /metrics in an untitled document. */
  async openMetrics(): Promise<vscode.TextDocument> {
    const session = this.running();
    // The timestamp makes each open a fresh document, so the numbers are current.
    const uri = vscode.Uri.from({ scheme: METRICS_SCHEME, path: `/metrics-${Date.now()}.txt`, query: String(session.port) });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  /** What is served, for tests (`posthoc._serving`). */
  describe(): ServeInfo | undefined {
    const x = this.session;
    return x && { url: x.url, port: x.port, models: x.models.map((m) => m.name) };
  }

  /** Deactivation: end the worker (and with it the server's sockets) right away. */
  dispose(): void {
    this.session?.terminate();
    this.session = undefined;
    this.status.dispose();
    this.metricsProvider.dispose();
  }
}
