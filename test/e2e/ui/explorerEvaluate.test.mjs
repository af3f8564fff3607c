/**
 * Explorer → Evaluate, as a user does it: right-click model.onnx, "Evaluate Model…", pick
 * test.csv and the label `target` in the quick picks; the report panel must draw its charts and
 * show the same accuracy as the packaged CLI computed for the same inputs.
 */
import * as assert from 'node:assert/strict';
import { readReport } from './workbench.mjs';

export default {
  title: 'Explorer: right-click model.onnx → Evaluate Model… → report with the CLI\'s accuracy',
  async run({ wb, cli, screenshot }) {
    const before = wb.frames();
    await wb.explorerContextMenu('model.onnx', 'Evaluate Model…');
    // The model comes from the menu, so the pickers start at the dataset.
    await wb.waitQuickPick('(2/3)');
    await wb.pickQuickItem('test.csv');
    await wb.waitQuickPick('(3/3)');
    await wb.pickQuickItem('target');

    // Evaluation runs in a worker, then the panel opens beside: allow for a cold start.
    const frame = await wb.findFrame('.vega-embed svg', { exclude: before, timeout: 60_000 });
    await frame.waitForSelector('#section-metrics table', { timeout: 10_000 });
    const report = await readReport(frame);
    assert.ok(report.svgs >= 1, 'no chart SVG in the report');

    const expected = cli.metrics.accuracy;
    assert.equal(typeof expected, 'number', 'the CLI result has no accuracy');
    const card = report.cards.Accuracy;
    assert.ok(card, `no Accuracy card; cards: ${Object.keys(report.cards).join(', ')}`);
    assert.equal(card.value, expected, `Accuracy card ${card.value} vs CLI ${expected}`);
    // The visible text is the rounded form of the same number.
    assert.ok(Math.abs(Number(card.text) - expected) < 5e-4, `Accuracy card shows "${card.text}", CLI ${expected}`);
    const row = report.metrics.Accuracy;
    assert.ok(row, `no Accuracy row in the metrics table; rows: ${Object.keys(report.metrics).join(', ')}`);
    assert.equal(row.value, expected, `metrics table ${row.value} vs CLI ${expected}`);

    // Let every chart finish drawing before the picture (the last one may still be embedding).
    await frame.waitForFunction(() => document.querySelectorAll('.vega-embed svg').length >= document.querySelectorAll('.ph-chart-view').length, null, { timeout: 10_000 }).catch(() => undefined);
    await screenshot('report');
    // The README's picture: the charts, with the report given the whole window.
    await wb.runCommand('View: Close Primary Side Bar');
    await frame.evaluate(() => document.querySelector('.ph-section-charts')?.scrollIntoView({ block: 'start' }));
    await screenshot('report-charts');
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  },
};
