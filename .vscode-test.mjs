// `npx vscode-test` on machines that can download VS Code: the same suite files that
// scripts/e2e/run.mjs runs in code-server. Build them first: `node scripts/e2e/run.mjs --build-only`.
// Runs the trusted suite (workspace trust off); the Restricted Mode suite skips itself here.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'e2e',
  files: 'out/e2e/suite/*.test.js',
  workspaceFolder: './examples/breast-cancer',
  version: '1.100.3',
  mocha: { ui: 'tdd', timeout: 120000, color: true },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
});
