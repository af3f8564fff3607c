/**
 * Registers `posthoc.saliency` and the internal `posthoc._saliencyPanels` (what each saliency
 * panel drew) and `posthoc._saliencyGalleryArgs` (the gallery mapping), for e2e tests. The
 * command's modules load on first use.
 */
import * as vscode from 'vscode';
import { guarded } from '../errors';

/** The saliency commands, as one Disposable. */
export function registerSaliencyCommands(extensionUri: vscode.Uri): vscode.Disposable {
  // Programmatic callers (an args object) get rejections; menu and palette users get notifications only.
  const programmatic = (arg?: unknown) => typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('posthoc.saliency', guarded(async (arg?: unknown) => (await import('./saliencyCommand')).explainImageCommand(extensionUri, arg as never), programmatic)),
    vscode.commands.registerCommand('posthoc._saliencyPanels', async () => (await import('./saliencyPanel')).SaliencyPanel.describe()),
    // Internal: the arguments a report's "Explain" button on gallery thumbnail `index` would run with.
    vscode.commands.registerCommand('posthoc._saliencyGalleryArgs', async (result: unknown, index: unknown) => (await import('./galleryExplain')).galleryImageArgs(result as never, Number(index))),
  );
}
