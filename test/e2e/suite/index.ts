/**
 * Entry point of the e2e suite inside a real extension host (code-server or VS Code):
 * `run()` is awaited by the workbench's extension test runner. It runs the mocha files beside
 * it and writes a JSON summary for scripts/e2e/run.mjs, which cannot see the host's stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { readE2EConfig } from './config';

/** One test outcome as written to the results file. */
export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

/** Runs the suite files matching the configured suite; resolves when results are written. */
export async function run(): Promise<void> {
  const config = readE2EConfig();
  const outcomes: TestOutcome[] = [];
  const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const write = (fatal?: string) => {
    const summary = {
      suite: config.suite,
      passed: outcomes.filter((o) => o.state === 'passed').length,
      failed: outcomes.filter((o) => o.state === 'failed').length + (fatal ? 1 : 0),
      pending: outcomes.filter((o) => o.state === 'pending').length,
      fatal,
      tests: outcomes,
    };
    if (config.resultsFile) fs.writeFileSync(config.resultsFile, JSON.stringify(summary, null, 2));
    return summary;
  };
  try {
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('pending', (t) => outcomes.push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: err?.stack ?? String(err) }));
    });
    const summary = write();
    console.log(`[posthoc-e2e] ${summary.passed} passed, ${summary.failed} failed, ${summary.pending} pending`);
    // vscode-test (no results file) learns about failures only from a rejection.
    if (failures > 0 && !config.resultsFile) throw new Error(`${failures} e2e test(s) failed`);
  } catch (error) {
    write(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (!config.resultsFile) throw error;
  }
}
