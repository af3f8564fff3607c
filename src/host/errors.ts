import * as vscode from 'vscode';
import { CancelledError, PosthocError } from '../core/errors';
import { log } from './log';
import { messages } from './messages';

/** Thrown when a model would run in Restricted Mode. Not a core error: only the host knows trust. */
export class UntrustedWorkspaceError extends Error {
  override readonly name = 'UntrustedWorkspaceError';
  readonly code = 'untrusted';
  constructor() {
    super(messages.untrusted);
  }
}

/**
 * The host's error boundary: core errors carry messages a user can act on, so they are shown
 * as they are; anything else is a bug, shown briefly and logged with its stack. Never throws.
 */
export function reportError(error: unknown): void {
  if (error instanceof UntrustedWorkspaceError) {
    log().info('refused: workspace not trusted');
    void vscode.window.showErrorMessage(error.message, messages.manageTrust).then((choice) => {
      if (choice === messages.manageTrust) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return;
  }
  if (error instanceof CancelledError || (error instanceof Error && error.name === 'CancelledError')) {
    log().info('cancelled');
    void vscode.window.showInformationMessage(messages.cancelled);
    return;
  }
  if (error instanceof PosthocError || isPosthocLike(error)) {
    log().warn(`${error.name}: ${error.message}`);
    void vscode.window.showErrorMessage(error.message);
    return;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  log().error(err);
  void vscode.window.showErrorMessage(messages.unexpected(err.message), messages.showLog).then((choice) => {
    if (choice === messages.showLog) log().show(true);
  });
}

/** Errors that crossed a worker boundary lose their class but keep name and code. */
function isPosthocLike(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /Error$/.test(error.name) && error.name !== 'Error';
}

/**
 * Wraps a command handler so that no error escapes to the workbench unannounced: errors are
 * reported, then `undefined` is returned. Programmatic callers (args object) get the rejection too.
 */
export function guarded<A extends unknown[], R>(handler: (...args: A) => Promise<R>, rethrowWhen: (...args: A) => boolean = () => false) {
  return async (...args: A): Promise<R | undefined> => {
    try {
      return await handler(...args);
    } catch (error) {
      reportError(error);
      if (rethrowWhen(...args)) throw error;
      return undefined;
    }
  };
}
