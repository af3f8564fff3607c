/**
 * The saliency panel: one image's maps (method × target class) drawn by webview/saliency/ on
 * canvases. The host only sends the finished image and maps; the page draws and re-draws them
 * as the controls change. "Save PNG" comes back as a validated PNG data URL that the host
 * saves through the save dialog (which asks before replacing a file). The page keeps the view in
 * its webview state (saliencyState.ts); after a window reload the serializer checks that state
 * and rebuilds the panel from it, or closes the panel when the state does not hold up.
 */
import * as vscode from 'vscode';
import { reportError } from '../errors';
import { exportChart } from '../exportReport';
import { log } from '../log';
import { escapeHtml, onValidMessage, webviewOptions, webviewPageHtml } from '../webviewShell';
import { isSaliencyWebviewMessage, SALIENCY_VIEW_TYPE, type SaliencyHostMessage, type SaliencyRendered, type SaliencyView, type SaliencyWebviewMessage } from '../../shared/saliencyProtocol';
import { DEFAULT_SETTINGS, readSaliencyState, saliencyState, type SaliencyState } from './saliencyState';
import { saliencyStrings as s } from './saliencyStrings';

/** What `posthoc._saliencyPanels` reports per panel (the e2e tests read it). */
export interface SaliencyPanelInfo {
  title: string;
  model: string;
  image: string;
  ready: boolean;
  /** Rebuilt from the webview's saved state (a window reload) rather than computed. */
  restored: boolean;
  /** Maps computed, and the errors of those that could not be. */
  maps: number;
  mapErrors: string[];
  /** What the page last said it drew. */
  rendered?: Omit<SaliencyRendered, 'type'>;
  webviewErrors: string[];
}

/** A saliency panel; see the module comment. */
export class SaliencyPanel {
  static readonly viewType = SALIENCY_VIEW_TYPE;
  private static readonly panels = new Set<SaliencyPanel>();
  private ready = false;
  private rendered: SaliencyRendered | undefined;
  private readonly webviewErrors: string[] = [];

  private constructor(readonly panel: vscode.WebviewPanel, readonly view: SaliencyView, private readonly restored = false) {
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
      // The page keeps its view in its webview state, so a hidden tab need not stay alive.
      retainContextWhenHidden: false,
    });
    setPage(panel, extensionUri, title, s.loading(view.image));
    return new SaliencyPanel(panel, view);
  }

  /**
   * Rebuilds a panel VS Code restored after a window reload from the state its page saved;
   * an unreadable state (untrusted: it lives in the page) is logged and the panel closed.
   * Returns whether the panel was rebuilt.
   */
  static revive(extensionUri: vscode.Uri, panel: vscode.WebviewPanel, state: unknown): boolean {
    const read = readSaliencyState(state);
    if (!read.ok) {
      log().warn(s.notRestored(read.reason));
      panel.dispose();
      return false;
    }
    const { view } = read.state;
    panel.title = s.panelTitle(view.image);
    panel.webview.options = webviewOptions(extensionUri);
    setPage(panel, extensionUri, panel.title, s.restoring(view.image));
    new SaliencyPanel(panel, view, true);
    return true;
  }

  /**
   * Tests (internal `posthoc._saliencyRestore`): what VS Code does on a reload, without one. Opens
   * an empty panel of this view type and hands it to {@link revive} with `state`, the object the
   * page saved with `setState`.
   */
  static simulateRestore(extensionUri: vscode.Uri, state: unknown): boolean {
    const panel = vscode.window.createWebviewPanel(SaliencyPanel.viewType, s.panelTitle('…'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {});
    return SaliencyPanel.revive(extensionUri, panel, state);
  }

  /**
   * Tests (internal `posthoc._saliencyState`): the state the page of the panel showing `image`
   * saves with `setState`, made by the same encoder, with the default controls.
   */
  static savedState(image: string): SaliencyState {
    const p = [...SaliencyPanel.panels].find((x) => x.view.image === image);
    if (!p) throw new Error(`there is no saliency panel of '${image}'`);
    return saliencyState(p.view, DEFAULT_SETTINGS);
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
        restored: p.restored,
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

/** The page shell: the bundle draws once the host sends the view; until then `waiting` shows. */
function setPage(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, title: string, waiting: string): void {
  panel.webview.html = webviewPageHtml(panel.webview, extensionUri, {
    title,
    script: 'saliency.js',
    stylesheet: 'saliency.css',
    body: `<main id="ph-saliency" aria-live="polite" aria-busy="true"><p class="ph-sal-loading">${escapeHtml(waiting)}</p></main>`,
  });
}
