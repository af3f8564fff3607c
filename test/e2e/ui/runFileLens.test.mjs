/**
 * A posthoc.json in the workspace gets a "▶ Evaluate" CodeLens above each run; clicking it
 * evaluates that run, writes its report file and opens the report with the CLI's numbers.
 * The run file is written into the sandbox before code-server starts, so `workspaceContains`
 * activates the extension as it would for a user opening such a folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readReport } from './workbench.mjs';

const RUN_FILE = {
  runs: {
    'ui-test': { kind: 'evaluate', model: 'model.onnx', data: 'test.csv', label: 'target', reports: { html: 'reports/ui-test.html' } },
  },
};

export default {
  title: 'posthoc.json: click the "Evaluate" CodeLens → report file written and report opened',
  skip: ({ manifest }) => (manifest.contributes?.commands ?? []).some((c) => c.command === 'posthoc.runFromFile') ? undefined : 'posthoc.runFromFile is not in the packaged manifest',
  setup({ ws }) {
    fs.writeFileSync(path.join(ws, 'posthoc.json'), `${JSON.stringify(RUN_FILE, null, 2)}\n`);
  },
  async run({ wb, cli, sandbox, screenshot }) {
    await wb.quickOpen('posthoc.json');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'posthoc.json' }).waitFor({ state: 'visible', timeout: 15_000 });
    const before = wb.frames();
    await wb.clickCodeLens('Evaluate');

    const frame = await wb.findFrame('.vega-embed svg', { exclude: before, timeout: 60_000 });
    await frame.waitForSelector('#section-metrics table', { timeout: 10_000 });
    const report = await readReport(frame);
    assert.equal(report.cards.Accuracy?.value, cli.metrics.accuracy, `Accuracy ${report.cards.Accuracy?.value} vs CLI ${cli.metrics.accuracy}`);
    const html = path.join(sandbox.ws, 'reports/ui-test.html');
    assert.ok(fs.existsSync(html), `the run's report file ${html} was not written`);
    await screenshot('run-file-lens');
  },
};
