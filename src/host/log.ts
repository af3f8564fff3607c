import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The "Posthoc" log channel, created on first use and disposed with the extension. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Posthoc', { log: true });
  return channel;
}

/** Disposes the channel (called from deactivate via the subscriptions). */
export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
