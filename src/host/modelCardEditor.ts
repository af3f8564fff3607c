import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModelCard } from '../core/evaluate/types';
import { log } from './log';
import { messages } from './messages';
import { isCardWebviewMessage, type CardHostMessage, type CardWebviewMessage } from './modelCardProtocol';
import { modelCardHtml, onValidMessage, webviewOptions } from './webviewShell';

/** What one open card shows, as its webview last reported it (for `posthoc._modelCards`). */
interface CardView {
  uri: vscode.Uri;
  panel: vscode.WebviewPanel;
  state: 'loading' | 'card' | 'error';
  summary: string;
}

/**
 * The read-only custom editor for `.onnx` files: a model card (inputs, outputs, opsets,
 * operators, parameters). The file is decoded in a worker thread, so a model of hundreds of MB
 * never blocks the extension host. It only reads the file, so it works in Restricted Mode.
 */
export class ModelCardEditor implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = 'posthoc.modelCard';
  private readonly views = new Set<CardView>();

  private constructor(private readonly extensionUri: vscode.Uri) {}

  /** Registers the provider, the trust listener and the internal test query. */
  static register(extensionUri: vscode.Uri): vscode.Disposable {
    const provider = new ModelCardEditor(extensionUri);
    return vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(ModelCardEditor.viewType, provider, { supportsMultipleEditorsPerDocument: true }),
      // Internal (not contributed): lets e2e tests see what each card rendered.
      vscode.commands.registerCommand('posthoc._modelCards', () => provider.describe()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => provider.broadcast({ type: 'trust', trusted: true })),
    );
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const view: CardView = { uri: document.uri, panel, state: 'loading', summary: '' };
    this.views.add(view);
    const abort = new AbortController();
    panel.onDidDispose(() => {
      // Closing the tab stops a parse still running in the worker.
      abort.abort();
      this.views.delete(view);
    });
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = modelCardHtml(panel.webview, this.extensionUri, path.basename(document.uri.fsPath));
    // Parse while the page loads; send the outcome once it says it is ready.
    const outcome = this.load(document.uri, abort.signal);
    onValidMessage(panel.webview, 'model card', isCardWebviewMessage, (m) => this.handle(view, m, outcome));
  }

  private async handle(view: CardView, m: CardWebviewMessage, outcome: Promise<CardHostMessage>): Promise<void> {
    const post = (msg: CardHostMessage) => void view.panel.webview.postMessage(msg);
    switch (m.type) {
      case 'ready': {
        const size = await fileSize(view.uri);
        post({ type: 'loading', fileName: path.basename(view.uri.fsPath), sizeBytes: size });
        post(await outcome);
        return;
      }
      case 'evaluate':
        // The evaluate command refuses in Restricted Mode itself, with the trust notification.
        await vscode.commands.executeCommand('posthoc.evaluateModel', view.uri);
        return;
      case 'explain':
        // Refuses in Restricted Mode itself, like evaluate.
        await vscode.commands.executeCommand('posthoc.explainModel', view.uri);
        return;
      case 'serve':
      case 'optimize':
      case 'benchmark':
        // Deployment commands; each refuses in Restricted Mode itself.
        await vscode.commands.executeCommand(m.type === 'serve' ? 'posthoc.serveModel' : m.type === 'optimize' ? 'posthoc.optimizeModel' : 'posthoc.benchmarkModel', view.uri);
        return;
      case 'rendered':
        view.state = m.state;
        view.summary = m.summary;
        return;
    }
  }

  /** Reads the card in a worker; errors become an `error` message for the page, never a crash. */
  private async load(uri: vscode.Uri, signal: AbortSignal): Promise<CardHostMessage> {
    const fileName = path.basename(uri.fsPath);
    try {
      if (uri.scheme !== 'file') throw new Error(messages.cardNeedsLocalFile);
      const { runWorker, workerScript } = await import('../core/workers/runWorker');
      const script = workerScript(path.join(__dirname, '..', 'core', 'onnx'), 'cardWorker');
      const started = Date.now();
      const card = await runWorker<ModelCard>(script, { path: uri.fsPath }, { signal });
      log().info(`model card of ${uri.fsPath} read in ${Date.now() - started} ms`);
      return { type: 'card', card, trusted: vscode.workspace.isTrusted };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log().warn(`model card of ${uri.fsPath}: ${message}`);
      return { type: 'error', fileName, message };
    }
  }

  private broadcast(message: CardHostMessage): void {
    for (const v of this.views) void v.panel.webview.postMessage(message);
  }

  private describe(): { path: string; state: string; summary: string }[] {
    return [...this.views].map((v) => ({ path: v.uri.fsPath, state: v.state, summary: v.summary }));
  }
}

async function fileSize(uri: vscode.Uri): Promise<number> {
  try {
    return (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return 0;
  }
}
