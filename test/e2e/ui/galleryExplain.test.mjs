/**
 * Report gallery → "Explain" → saliency panel, as a user does it: expand fashion/ in the
 * Explorer, right-click fashion.onnx, "Evaluate Model…", pick the image folder fashion/folder
 * (one subfolder of PNGs per class; the dataset picker offers it, and no label step follows);
 * in the report click the
 * "Explain" button under the first gallery thumbnail and accept the method and class pickers
 * with their preselections. A saliency panel opens in another editor group, titled with that
 * image, with one coloured map per method and class, and the numbers it prints (class
 * probabilities, completeness gap, deletion/insertion AUCs) are the packaged CLI's
 * `posthoc saliency` numbers for the same image, method, class and preprocessing, to the
 * panel's rounding (3 significant digits, probabilities to 0.1%).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../../scripts/e2e/lib/harness.mjs';
import { readSaliencyPanel } from './workbench.mjs';

const FIXTURE = path.join(ROOT, 'test/fixtures/images/fashion');

/** Copies the image model and its dataset (listing + ImageFolder) into `ws/fashion/`. */
export function copyFashion(ws) {
  const dir = path.join(ws, 'fashion');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['fashion.onnx', 'images.csv', 'folder']) fs.cpSync(path.join(FIXTURE, f), path.join(dir, f), { recursive: true });
  return dir;
}

/** Runs the packaged CLI (extDir/bin/posthoc.js) without blocking the page's connection. */
function runCli(extDir, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(extDir, 'bin/posthoc.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`posthoc ${args.join(' ')} exited ${code}:\n${stderr}`))));
  });
}

/** True when `shown` (the panel's 3-significant-digit text) is `exact` rounded. */
function sameTo3Digits(shown, exact) {
  if (exact === 0) return shown === 0;
  const half = 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(exact))) - 2);
  return Math.abs(shown - exact) <= half * (1 + 1e-9);
}

/** The number after `label` in one of a cell's metric lines, e.g. "Deletion AUC 0.0238 (lower is better)". */
function metric(lines, label) {
  const line = lines.find((l) => l.startsWith(`${label} `));
  return line === undefined ? undefined : Number(line.slice(label.length + 1).split(' ')[0]);
}

export default {
  title: 'Image report: click "Explain" on a gallery thumbnail → saliency panel beside it with the CLI\'s numbers',
  skip: ({ manifest }) => (manifest.contributes?.commands ?? []).some((c) => c.command === 'posthoc.saliency') ? undefined : 'posthoc.saliency is not in the packaged manifest',
  setup({ ws }) {
    copyFashion(ws);
  },
  async run({ wb, page, sandbox, extDir, screenshot }) {
    const dir = path.join(sandbox.ws, 'fashion');
    const model = path.join(dir, 'fashion.onnx');
    // The CLI's evaluation of the same inputs: the gallery's order, the classes and the preprocessing.
    const evalJson = path.join(sandbox.tmp, 'gallery-eval.json');
    fs.rmSync(evalJson, { force: true });
    const data = path.join(dir, 'folder');
    await runCli(extDir, ['evaluate', '--model', model, '--data', data, '--json', evalJson]);
    const evaluation = JSON.parse(fs.readFileSync(evalJson, 'utf8'));
    const { classes } = evaluation;
    const first = evaluation.images.gallery.mistakes[0];
    assert.ok(first, 'the fixture model makes no mistake: the gallery test needs one (true and predicted class differ)');

    await wb.expandExplorerFolder('fashion');
    const before = wb.frames();
    await wb.explorerContextMenu('fashion.onnx', 'Evaluate Model…');
    await wb.waitQuickPick('(2/3)');
    await wb.pickQuickItem('folder');

    const report = await wb.findFrame('button[data-explain-image]', { exclude: before, timeout: 60_000 });
    const button = report.locator('button[data-explain-image="0"]');
    const alt = await report.evaluate(() => document.querySelector('button[data-explain-image="0"]')?.parentElement?.querySelector('img.ph-thumb')?.getAttribute('alt') ?? '');
    // Thumbnail 0 is the most confident mistake, as the CLI's gallery lists it.
    assert.equal(alt, first.image, `first thumbnail "${alt}" vs the CLI gallery's first mistake "${first.image}"`);
    const groupsBefore = await wb.tabsByGroup();
    const reportGroup = groupsBefore.findIndex((tabs) => tabs.length > 0);
    const opened = wb.frames();
    await button.scrollIntoViewIfNeeded();
    await button.click();

    // The gallery asks for methods and classes; a user keeps the preselection (defaults, top + true class).
    await wb.acceptQuickPick('— methods');
    await wb.waitQuickPick('— classes');
    const preselected = await page.evaluate(() => [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')]
      .filter((r) => r.querySelector('input[type="checkbox"]')?.checked || r.getAttribute('aria-checked') === 'true')
      .map((r) => r.querySelector('.label-name')?.textContent?.trim() ?? ''));
    await wb.acceptQuickPick();

    const panel = await wb.findFrame('#ph-saliency[aria-busy="false"] canvas.ph-sal-map', { exclude: opened, timeout: 60_000 });
    const shown = await readSaliencyPanel(panel);
    const image = path.basename(first.image);
    assert.equal(shown.title, `Saliency: ${image}`);
    assert.match(shown.subtitle, new RegExp(`^fashion\\.onnx · 28×28 input · predicted ${first.predicted} \\(p = [\\d.]+%\\)$`));
    const groups = await wb.tabsByGroup();
    const salGroup = groups.findIndex((tabs) => tabs.some((t) => t.includes(`Saliency: ${image}`)));
    assert.ok(salGroup >= 0, `no "Saliency: ${image}" tab; tabs: ${JSON.stringify(groups)}`);
    assert.notEqual(salGroup, reportGroup, `the saliency panel opened in the report's own group: ${JSON.stringify(groups)}`);

    // One row per class: the top prediction and the true class, both preselected.
    const rowClasses = shown.rows.map((r) => r.heading.replace(/ \(p = .*\)$/, ''));
    assert.deepEqual([...rowClasses].sort(), [first.predicted, first.true].sort(), `rows ${JSON.stringify(rowClasses)}; preselected ${JSON.stringify(preselected)}`);
    await screenshot('gallery-explain');

    const file = path.join(data, first.image);
    let compared = 0;
    let worst = 0;
    for (const row of shown.rows) {
      const cls = row.heading.replace(/ \(p = .*\)$/, '');
      const target = classes.indexOf(cls);
      assert.ok(target >= 0, `row "${row.heading}" names no class of ${classes.join(', ')}`);
      assert.ok(row.cells.length >= 1, `row ${cls} has no maps`);
      for (const cell of row.cells) {
        assert.equal(cell.error, '', `${cell.method} for ${cls} failed: ${cell.error}`);
        assert.deepEqual([cell.width, cell.height], [shown.input.width, shown.input.height], `${cell.method} canvas vs the input picture`);
        assert.deepEqual([cell.width, cell.height], [evaluation.images.preprocess.width, evaluation.images.preprocess.height]);
        assert.ok(cell.coloured > 0, `${cell.method} for ${cls}: the heatmap coloured no pixel`);
        assert.ok(cell.hasSave, `${cell.method} for ${cls} has no Save PNG button`);

        const out = path.join(sandbox.tmp, `gallery-${cell.method}-${target}`);
        const args = ['saliency', '--model', model, '--input', file, '--preprocess', evalJson, '--method', cell.method, '--target', String(target), '--quality', '--npy', `${out}.npy`, '--json', `${out}.json`, '--force'];
        // The panel upsamples Grad-CAM maps to the picture; the CLI does so on request.
        if (cell.method.startsWith('grad-cam')) args.push('--upsample');
        await runCli(extDir, args);
        const cli = JSON.parse(fs.readFileSync(`${out}.json`, 'utf8'));
        assert.equal(cli.target, target);
        const p = Number(/\(p = ([\d.]+)%\)$/.exec(row.heading)?.[1]);
        assert.ok(Math.abs(p - 100 * cli.probabilities[target]) <= 0.05 + 1e-9, `${cls}: panel p = ${p}% vs CLI ${100 * cli.probabilities[target]}%`);
        const pairs = [['Deletion AUC', cli.quality?.deletion_auc], ['Insertion AUC', cli.quality?.insertion_auc]];
        if (cli.completeness) pairs.push(['Completeness gap', cli.completeness.gap]);
        for (const [label, exact] of pairs) {
          const value = metric(cell.metrics, label);
          assert.equal(typeof exact, 'number', `the CLI gave no ${label} for ${cell.method}`);
          assert.ok(value !== undefined && sameTo3Digits(value, exact), `${cell.method}, ${cls}: panel ${label} ${value} vs CLI ${exact} (lines: ${cell.metrics.join(' | ')})`);
          compared++;
          worst = Math.max(worst, Math.abs(value - exact) / Math.abs(exact));
        }
      }
    }
    assert.ok(compared >= 4, `only ${compared} numbers compared`);
    console.log(`       ${image}: ${shown.rows.length} classes × ${shown.rows[0].cells.length} methods, ${compared} numbers match the CLI to 3 digits (largest relative difference ${worst.toExponential(1)})`);
  },
};
