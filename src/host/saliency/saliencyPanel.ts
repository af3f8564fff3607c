/**
 * The saliency panel: one image's maps (method × target class) drawn by webview/saliency/ on
 * canvases. The host only sends the finished image and maps; the page draws and re-draws them
 * as the controls change. "Save PNG" comes back as a validated PNG data URL that the host
 * saves through the save dialog (which asks before replacing a file).
 */
import * as vscode from 'vscode';
import { reportError } from '../errors';
import { exportChart } from '../exportReport';
import { log } from '../log';
import { escapeHtml, onValidMessage, webviewOptions, webviewPageHtml } from '../webviewShell';
import { isSaliencyWebviewMessage, type SaliencyHostMessage, type SaliencyRendered, type SaliencyView, type SaliencyWebviewMessage } from './saliencyProtocol';
import { saliencyStrings as s } from './saliencyStrings';

/** What `posthoc._saliencyPanels` reports per panel (the e2e tests read it). */
export interface SaliencyPanelInfo {
  title: string;
  model: string;
  image: string;
  ready: boolean;
  /** Maps computed, and the errors of those that could not be. */
  maps: number;
  mapErrors: string[];
  /** What the page last said it drew. */
  rendered?: Omit<SaliencyRendered, 'type'>;
  webviewErrors: string[];
}

/** A saliency panel; see the module comment. */
export class SaliencyPanel {
  static readonly viewType = 'posthoc.saliency';
  private static readonly panels = new Set<SaliencyPanel>();
  private ready = false;
  private rendered: SaliencyRendered | undefined;
  private readonly webviewErrors: string[] = [];

  private constructor(readonly panel: vscode.WebviewPanel, readonly view: SaliencyView) {
    SaliencyPanel.panels.add(this);
    onValidMessage(panel.webview, 'saliency', isSaliencyWebviewMessage, (m) => this.handle(m));
    // A hidden panel's page is discarded (no retainContextWhenHidden); it says `ready` again when shown.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) this.ready = false;
    });
    panel.onDidDispose(() => SaliencyPanel.panels.delete(this));
  }

  /** Opens a panel for `view` beside the active editor. */
  static show(extensionUri: vscode.Uri, view: SaliencyView): SaliencyPanel {
    const title = s.panelTitle(view.image);
    // Only the bundle and the stylesheet folders are readable by the page.
    const panel = vscode.window.createWebviewPanel(SaliencyPanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    panel.webview.html = webviewPageHtml(panel.webview, extensionUri, {
      title,
      script: 'saliency.js',
      stylesheet: 'saliency.css',
      body: `<main id="ph-saliency" aria-live="polite" aria-busy="true"><p class="ph-sal-loading">${escapeHtml(s.loading(view.image))}</p></main>`,
    });
    return new SaliencyPanel(panel, view);
  }

  /** State of every open saliency panel, for the internal `posthoc._saliencyPanels` command. */
  static describe(): SaliencyPanelInfo[] {
    return [...SaliencyPanel.panels].map((p) => {
      const rendered = p.rendered ? (({ type: _type, ...rest }) => rest)(p.rendered) : undefined;
      return {
        title: p.panel.title,
        model: p.view.model,
        image: p.view.image,
        ready: p.ready,
        maps: p.view.cells.filter((c) => !c.error).length,
        mapErrors: p.view.cells.flatMap((c) => (c.error ? [`${c.method}: ${c.error}`] : [])),
        ...(rendered ? { rendered } : {}),
        webviewErrors: [...p.webviewErrors],
      };
    });
  }

  private post(message: SaliencyHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(m: SaliencyWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'saliency', view: this.view });
        return;
      case 'rendered':
        this.rendered = m;
        return;
      case 'savePng':
        try {
          const uri = await exportChart({ format: 'png', name: m.name, dataUrl: m.dataUrl });
          this.post({ type: 'reply', id: m.id, ok: true, value: uri ? uri.fsPath : null });
        } catch (error) {
          this.post({ type: 'reply', id: m.id, ok: false, error: error instanceof Error ? error.message : String(error) });
          reportError(error);
        }
        return;
      case 'error':
        log().warn(`saliency webview: ${m.message}`);
        if (this.webviewErrors.length < 20) this.webviewErrors.push(m.message);
        return;
    }
  }
}
