/**
 * The cohort bar of an evaluation report, in a real VS Code: the panel evaluates the example,
 * switches IN PLACE to a posthoc.json cohort (same panel, new title, the webview redraws with the
 * bar at that cohort), to a cohort taken from an error analysis, explains a one-class cohort in
 * the bar instead of drawing it, and goes back to All rows from the cache. A message posted as
 * the error-analysis webview does on a tree-node click evaluates that node's cohort.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ErrorAnalysisResult } from '../../../src/core/erroranalysis/types';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import { posthocExtension, runCli, workspaceRoot } from './config';
import { reportTabs, waitFor } from './helpers';

const trusted = vscode.workspace.isTrusted;
const args = { model: 'model.onnx', data: 'test.csv', label: 'target', bootstrap: 50 };
const TITLE = 'model.onnx on test.csv';

interface BarInfo { choices: string[]; selected: number; busy: boolean; status: string; problem: boolean; shown: { name: string; rows: number }; drawn?: number }
type PanelInfo = { title: string; ready: boolean; errors: string[]; cohortBar?: BarInfo };
const panels = async () => (await vscode.commands.executeCommand('posthoc._reportPanels')) as PanelInfo[];
/** Acts as the webview of the panel titled `title`: the message goes through the host's validation. */
const send = async (title: string, message: unknown) => (await vscode.commands.executeCommand('posthoc._reportMessage', title, message)) as PanelInfo[];

(trusted ? suite : suite.skip)('Posthoc: cohort bar in the report panel (trusted workspace)', () => {
  let runFile = '';
  let all: EvaluationResult;

  suiteSetup(async () => {
    await posthocExtension().activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    runFile = path.join(workspaceRoot(), 'posthoc.json');
    fs.writeFileSync(runFile, JSON.stringify({ cohorts: { big: 'mean_radius > 14', huge: 'mean_radius > 20' } }, null, 2));
  });

  suiteTeardown(async () => {
    fs.rmSync(runFile, { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an evaluation panel shows the bar: All rows, then the posthoc.json cohorts', async () => {
    all = (await vscode.commands.executeCommand('posthoc.evaluateModel', args)) as EvaluationResult;
    const info = await waitFor(async () => (await panels()).find((p) => p.title === TITLE && p.ready && p.cohortBar?.drawn === 0), 20_000, 'the report with its bar drawn');
    // Cohorts taken from an error analysis earlier in this session may follow.
    assert.deepEqual(info.cohortBar?.choices.slice(0, 3), ['All rows', 'big', 'huge']);
    assert.equal(info.cohortBar?.status, `All rows: ${all.n_rows} rows`);
  });

  test('choosing a cohort redraws the SAME panel with the cohort\'s report, title and rows', async () => {
    const tabsBefore = reportTabs().length;
    const after = await send(TITLE, { type: 'selectCohort', index: 1 });
    const panel = after.find((p) => p.cohortBar?.shown.name === 'big');
    assert.ok(panel, `no panel shows the cohort: ${JSON.stringify(after)}`);
    assert.match(panel.title, /^model\.onnx on test\.csv · big \(\d+ rows\)$/);
    const rows = panel.cohortBar!.shown.rows;
    assert.ok(rows > 10 && rows < all.n_rows, `cohort rows ${rows}`);
    assert.equal(panel.cohortBar!.status, `big: ${rows} of ${all.n_rows} rows`);
    assert.equal(reportTabs().length, tabsBefore, 'no new panel opened');
    // The webview drew the new report with the bar at the cohort.
    const drawn = await waitFor(async () => (await panels()).find((p) => p.title === panel.title && p.cohortBar?.drawn === 1), 15_000, 'the cohort report drawn');
    assert.deepEqual(drawn.errors, []);
  });

  test('a one-class cohort gets a message in the bar, and the shown report stays', async () => {
    const title = (await panels()).find((p) => p.cohortBar?.shown.name === 'big')!.title;
    const after = (await send(title, { type: 'selectCohort', index: 2 })).find((p) => p.title === title);
    assert.ok(after?.cohortBar, 'the panel changed its title');
    assert.equal(after.cohortBar.problem, true);
    assert.match(after.cohortBar.status, /'huge' holds only the class 'malignant'/);
    assert.equal(after.cohortBar.shown.name, 'big');
    assert.equal(after.cohortBar.selected, 1);
  });

  test('back to All rows comes from the cache, in the same panel', async () => {
    const title = (await panels()).find((p) => p.cohortBar?.shown.name === 'big')!.title;
    const started = Date.now();
    const after = await send(title, { type: 'selectCohort', index: 0 });
    assert.ok(Date.now() - started < 3000, 'switching back took too long for a cached result');
    const panel = after.find((p) => p.title === TITLE);
    assert.ok(panel?.cohortBar, `no panel titled ${TITLE}: ${JSON.stringify(after.map((p) => p.title))}`);
    assert.deepEqual(panel.cohortBar.shown, { name: 'All rows', rows: all.n_rows });
    await waitFor(async () => (await panels()).find((p) => p.title === TITLE && p.cohortBar?.drawn === 0), 15_000, 'All rows drawn again');
  });

  test('the bar refuses a forged message: an expression instead of an index, or an index out of range', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc._reportMessage', TITLE, { type: 'selectCohort', expression: 'mean_radius > 1' })), /not a valid report webview message/);
    const after = (await send(TITLE, { type: 'selectCohort', index: 42 })).find((p) => p.title === TITLE);
    assert.match(after?.cohortBar?.status ?? '', /no cohort number 42/);
    assert.equal(after?.cohortBar?.shown.name, 'All rows');
  });

  test('a tree-node click in the error analysis evaluates the node; the bar then offers it', async () => {
    const result = (await vscode.commands.executeCommand('posthoc.analyzeErrors', { model: args.model, data: args.data, label: args.label })) as ErrorAnalysisResult;
    const errorsTitle = `Error analysis: ${args.model}`;
    await waitFor(async () => (await panels()).find((p) => p.title === errorsTitle && p.ready), 15_000, 'the error-analysis panel');
    const worst = result.tree.nodes.filter((n) => n.cohort !== '').sort((a, b) => b.error_rate - a.error_rate || a.id - b.id)[0];
    // What the webview posts when the node with cohort_index 0 is clicked.
    await send(errorsTitle, { type: 'evaluateCohort', index: 0 });
    const nodeTitle = `${TITLE} · error-node-${worst.id} (${worst.size} rows)`;
    const node = await waitFor(async () => (await panels()).find((p) => p.title === nodeTitle && p.cohortBar?.drawn !== undefined), 30_000, `the panel "${nodeTitle}"`);
    assert.equal(node.cohortBar?.shown.rows, worst.size);
    // The first panel now offers the node too (a session cohort on the same data).
    const label = new RegExp(`^error tree node ${worst.id}:`);
    await waitFor(async () => (await panels()).find((p) => p.title === TITLE && p.cohortBar?.choices.some((c) => label.test(c))), 10_000, 'the node in the first bar');
  });
});

(trusted ? suite.skip : suite)('Posthoc: cohort bar in Restricted Mode', () => {
  let dir = '';
  let runFile = '';

  suiteSetup(async () => {
    await posthocExtension().activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-bar-'));
    runFile = path.join(workspaceRoot(), 'posthoc.json');
    fs.writeFileSync(runFile, JSON.stringify({ cohorts: { big: 'mean_radius > 14' } }));
  });

  suiteTeardown(async () => {
    fs.rmSync(runFile, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a saved result shows the bar, but choosing a cohort is refused in the bar: it would run the model', async () => {
    // The test, not the extension, runs the model here: the CLI is outside VS Code's trust model.
    const root = workspaceRoot();
    const out = path.join(dir, 'result.json');
    await runCli(['evaluate', '--model', path.join(root, 'model.onnx'), '--data', path.join(root, 'test.csv'), '--label', 'target', '--bootstrap', '0', '--json', out]);
    await vscode.commands.executeCommand('posthoc.openReport', out);
    await waitFor(async () => (await panels()).find((p) => p.title === TITLE && p.ready), 15_000, 'the saved report');
    const after = (await send(TITLE, { type: 'selectCohort', index: 1 })).find((p) => p.title === TITLE);
    assert.equal(after?.cohortBar?.problem, true);
    assert.match(after?.cohortBar?.status ?? '', /'big' could not be evaluated: .*Restricted Mode/);
    assert.equal(after?.cohortBar?.shown.name, 'All rows');
  });
});
