/** Small waiting helpers shared by the editor-surface e2e tests. */
import * as vscode from 'vscode';

/** Polls `probe` every 100 ms until it returns something truthy, or fails after `ms`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every open tab of the window. */
export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

/** Report panel tabs (webview view types carry a prefix, hence endsWith). */
export function reportTabs(): vscode.Tab[] {
  return allTabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('posthoc.report'));
}

/** What each open model card rendered, via the extension's internal command. */
export interface CardInfo {
  path: string;
  state: 'loading' | 'card' | 'error';
  summary: string;
}

export async function modelCards(): Promise<CardInfo[]> {
  return (await vscode.commands.executeCommand('posthoc._modelCards')) as CardInfo[];
}
