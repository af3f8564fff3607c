/**
 * Error tree → cohort → cohort bar, as a user does it: right-click model.onnx, "Analyze Errors…",
 * pick test.csv and `target`; click a node of the error tree chart: a report on that node's rows
 * opens, its cohort bar naming the node and its rows; choose "All rows" in the bar: the same
 * panel redraws with every row.
 */
import * as assert from 'node:assert/strict';

export default {
  title: 'Error tree: click a node → its cohort\'s report → All rows in the same panel via the cohort bar',
  async run({ wb, screenshot }) {
    const before = wb.frames();
    await wb.explorerContextMenu('model.onnx', 'Analyze Errors…');
    await wb.waitQuickPick('(2/3)');
    await wb.pickQuickItem('test.csv');
    await wb.waitQuickPick('(3/3)');
    await wb.pickQuickItem('target');

    const tree = await wb.findFrame('figure[data-chart-id="error-tree"] .vega-embed svg', { exclude: before, timeout: 60_000 });
    // Marks follow the data rows, one per node in id order: the second is node 1, the root's left child.
    const node = tree.locator('figure[data-chart-id="error-tree"] g.mark-rect path').nth(1);
    await node.waitFor({ state: 'attached', timeout: 10_000 });
    const opened = wb.frames();
    // The node's labels lie over its rect; they carry the same row, so either takes the click.
    await node.click({ force: true });

    const report = await wb.findFrame('.ph-cohort-bar-select', { exclude: opened, timeout: 60_000 });
    await report.waitForFunction(() => /^error-node-1: \d+ of \d+ rows$/.test(document.querySelector('.ph-cohort-bar-status')?.textContent ?? ''), null, { timeout: 20_000 });
    const cohort = await report.evaluate(() => ({
      status: document.querySelector('.ph-cohort-bar-status')?.textContent ?? '',
      selected: document.querySelector('.ph-cohort-bar-select')?.selectedOptions[0]?.textContent ?? '',
      subtitle: document.querySelector('.ph-subtitle')?.textContent ?? '',
    }));
    const [, rows, total] = /(\d+) of (\d+) rows/.exec(cohort.status);
    assert.match(cohort.selected, /^error tree node 1: /);
    assert.ok(cohort.subtitle.endsWith(`${rows} rows`), `subtitle "${cohort.subtitle}" vs ${rows} rows`);
    await screenshot('cohort-bar');

    await report.selectOption('.ph-cohort-bar-select', '0');
    await report.waitForFunction((t) => document.querySelector('.ph-cohort-bar-status')?.textContent === `All rows: ${t} rows`, total, { timeout: 60_000 });
    const all = await report.evaluate(() => document.querySelector('.ph-subtitle')?.textContent ?? '');
    assert.ok(all.endsWith(`${total} rows`), `after All rows the subtitle is "${all}"`);
  },
};
