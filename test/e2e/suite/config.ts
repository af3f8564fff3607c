/**
 * How the e2e harness talks to the tests: scripts/e2e/run.mjs writes `.posthoc-e2e.json` into
 * the temporary workspace (environment variables do not reliably reach an extension host that
 * code-server spawns). Under `vscode-test` there is no such file and defaults apply.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface E2EConfig {
  /** Where index.ts writes its JSON summary; absent under vscode-test. */
  resultsFile?: string;
  /** Which run this is: 'trusted' or 'restricted'. Default: from `workspace.isTrusted`. */
  suite: 'trusted' | 'restricted';
}

/** Name of the config file in the workspace root. */
export const CONFIG_FILE = '.posthoc-e2e.json';

/** Reads the harness config, falling back to defaults. */
export function readE2EConfig(): E2EConfig {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const fallback: E2EConfig = { suite: vscode.workspace.isTrusted ? 'trusted' : 'restricted' };
  if (!root) return fallback;
  const file = path.join(root, CONFIG_FILE);
  if (!fs.existsSync(file)) return fallback;
  return { ...fallback, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<E2EConfig>) };
}

/** The workspace folder the tests run in (a copy of examples/breast-cancer). */
export function workspaceRoot(): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('the e2e tests need a workspace folder (examples/breast-cancer)');
  return root;
}

/** The extension under test. */
export function posthocExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension('posthoc.posthoc');
  if (!ext) throw new Error('extension posthoc.posthoc is not loaded');
  return ext;
}

/** Runs the CLI with the host's own Node (ELECTRON_RUN_AS_NODE makes Electron behave as Node). */
export function runCli(cliArgs: string[]): Promise<void> {
  const bin = path.join(posthocExtension().extensionPath, 'bin', 'posthoc.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, ...cliArgs], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 90_000 }, (err, _out, stderr) =>
      err ? reject(new Error(`CLI failed: ${err.message}\n${stderr}`)) : resolve(),
    );
  });
}
