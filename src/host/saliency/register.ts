/**
 * Registers `posthoc.saliency`, the serializer that rebuilds saliency panels after a window
 * reload, and, for e2e tests, the internal `posthoc._saliencyPanels` (what each saliency panel
 * drew), `posthoc._saliencyGalleryArgs` (the gallery mapping), `posthoc._saliencyState` and
 * `posthoc._saliencyRestore` (the reload path without a reload). Modules load on first use.
 */
import * as vscode from 'vscode';
import { guarded } from '../errors';
import { SALIENCY_VIEW_TYPE } from '../../shared/saliencyProtocol';

/** The saliency commands, as one Disposable. */
export function registerSaliencyCommands(extensionUri: vscode.Uri): vscode.Disposable {
  // Programmatic callers (an args object) get rejections; menu and palette users get notifications only.
  const programmatic = (arg?: unknown) => typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('posthoc.saliency', guarded(async (arg?: unknown) => (await import('./saliencyCommand')).explainImageCommand(extensionUri, arg as never), programmatic)),
    vscode.commands.registerCommand('posthoc._saliencyPanels', async () => (await import('./saliencyPanel')).SaliencyPanel.describe()),
    // Internal: the arguments a report's "Explain" button on gallery thumbnail `index` would run with.
    vscode.commands.registerCommand('posthoc._saliencyGalleryArgs', async (result: unknown, index: unknown) => (await import('./galleryExplain')).galleryImageArgs(result as never, Number(index))),
    // VS Code hands back panels left open at the last reload (activation event onWebviewPanel:posthoc.saliency).
    vscode.window.registerWebviewPanelSerializer(SALIENCY_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        (await import('./saliencyPanel')).SaliencyPanel.revive(extensionUri, panel, state);
      },
    }),
    vscode.commands.registerCommand('posthoc._saliencyState', async (image: unknown) => (await import('./saliencyPanel')).SaliencyPanel.savedState(String(image))),
    vscode.commands.registerCommand('posthoc._saliencyRestore', async (state: unknown) => (await import('./saliencyPanel')).SaliencyPanel.simulateRestore(extensionUri, state)),
  );
}
