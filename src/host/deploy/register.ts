/**
 * Wires the deployment commands (serve, optimize, compare, benchmark, export, drift) into the
 * extension: one call from `activate()`. Command modules load on first use; the only thing
 * created up front is the disposable that stops a running server on deactivation.
 */
import * as vscode from 'vscode';
import type { Report } from '../../core/report/types';
import { guarded } from '../errors';
import type { ServeController } from './serveCommands';

/** True for an args object (tests, keybindings): those callers get rejections, not just notifications. */
const programmatic = (arg?: unknown) => typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);

/** Registers every deployment command; `show` opens a finished report in the report panel. */
export function registerDeployCommands(show: (report: Report) => Promise<void>): vscode.Disposable {
  let controller: ServeController | undefined;
  const serve = async () => (controller ??= new (await import('./serveCommands')).ServeController());
  const models = () => import('./modelCommands');
  const compareAfter = async (original: vscode.Uri, optimized: vscode.Uri) =>
    vscode.commands.executeCommand('posthoc.compareModels', { models: [original.fsPath, optimized.fsPath] });
  const reg = (id: string, handler: (arg?: unknown) => Promise<unknown>, rethrow = programmatic) => vscode.commands.registerCommand(id, guarded(handler, rethrow));
  // A compare started from the optimize notification passes only `models`: it still picks data and label, so it must not rethrow.
  const compareRethrow = (arg?: unknown) => programmatic(arg) && (arg as { data?: unknown }).data !== undefined;

  return vscode.Disposable.from(
    reg('posthoc.serveModel', async (arg) => (await serve()).serve(arg)),
    reg('posthoc.stopServing', async () => (controller ? controller.stop() : false)),
    reg('posthoc.serverActions', async () => (await serve()).actions()),
    reg('posthoc.copyClientCode', async (arg) => (await serve()).copyClientCode(arg), (arg) => typeof arg === 'string'),
    reg('posthoc.openServerMetrics', async () => (await serve()).openMetrics()),
    // Internal (not contributed): lets e2e tests see what is served.
    vscode.commands.registerCommand('posthoc._serving', () => controller?.describe()),
    reg('posthoc.optimizeModel', async (arg) => (await models()).optimizeModelCommand(arg, compareAfter)),
    reg('posthoc.compareModels', async (arg) => (await models()).compareModelsCommand(arg, show), compareRethrow),
    reg('posthoc.benchmarkModel', async (arg) => (await models()).benchmarkModelCommand(arg, show)),
    reg('posthoc.exportModel', async (arg) => (await import('./exportCommand')).exportModelCommand(arg)),
    reg('posthoc.detectDrift', async (arg) => (await import('./driftCommand')).detectDriftCommand(arg, show)),
    // Deactivation disposes this: a running server's worker ends with the extension.
    { dispose: () => controller?.dispose() },
  );
}
