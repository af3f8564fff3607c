/**
 * Error analysis, cohorts and fairness from the editor: the same numbers as the CLI's
 * `posthoc errors --json` / `posthoc evaluate --where` / `posthoc fairness --json`, the report
 * opens and draws, and in Restricted Mode every one of these commands refuses (they run the model).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ErrorAnalysisResult } from '../../../src/core/erroranalysis/types';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import type { FairnessResult } from '../../../src/core/fairness/fairness';
import { posthocExtension, runCli, workspaceRoot } from './config';
import { waitFor } from './helpers';

const trusted = vscode.workspace.isTrusted;
const args = { model: 'model.onnx', data: 'test.csv', label: 'target' };

/** The JSON contract with what differs from run to run (timing, timestamp) taken out; NaN → null as in the file. */
function comparable<T extends { created?: string }>(r: T): unknown {
  const { created: _c, elapsed_ms: _e, ...rest } = r as T & { elapsed_ms?: number };
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

type PanelInfo = { title: string; ready: boolean; errors: string[] };
const panels = async () => (await vscode.commands.executeCommand('posthoc._reportPanels')) as PanelInfo[];

(trusted ? suite : suite.skip)('Posthoc: error analysis, cohorts, fairness (trusted workspace)', () => {
  let tmp = '';
  let root = '';
  let result: ErrorAnalysisResult;

  suiteSetup(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-e2e-analysis-'));
    root = workspaceRoot();
    await posthocExtension().activate();
  });

  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('analyzeErrors with args: tree root covers every row, and the JSON equals posthoc errors --json', async () => {
    result = (await vscode.commands.executeCommand('posthoc.analyzeErrors', args)) as ErrorAnalysisResult;
    assert.ok(result, 'the command returned nothing');
    const rows = fs.readFileSync(path.join(root, args.data), 'utf8').trim().split('\n').length - 1;
    assert.equal(result.n_rows, rows);
    assert.equal(result.tree.nodes[0].size, rows);
    assert.equal(result.tree.nodes[0].cohort, '');
    const out = path.join(tmp, 'errors.json');
    await runCli(['errors', '--model', path.join(root, args.model), '--data', path.join(root, args.data), '--label', args.label, '--json', out]);
    const cli = JSON.parse(fs.readFileSync(out, 'utf8')) as ErrorAnalysisResult;
    assert.deepEqual(comparable(result), comparable(cli));
  });

  test('the error report opens and its webview draws without errors', async () => {
    const title = `Error analysis: ${args.model}`;
    const info = await waitFor(async () => (await panels()).find((p) => p.title === title && p.ready), 15_000, 'the error-analysis panel handshake');
    await new Promise((r) => setTimeout(r, 1500)); // let the charts render and report failures
    assert.deepEqual((await panels()).find((p) => p.title === info.title)?.errors, []);
  });

  test('evaluateCohort evaluates a tree node with the same numbers as posthoc evaluate --where', async () => {
    const worst = result.tree.nodes.filter((n) => n.cohort !== '').sort((a, b) => b.error_rate - a.error_rate || a.id - b.id)[0];
    assert.ok(worst, 'the tree has no split');
    const r = (await vscode.commands.executeCommand('posthoc.evaluateCohort', { choice: 0, showReport: false })) as EvaluationResult;
    assert.ok(r?.cohort, 'no cohort in the evaluation');
    assert.equal(r.cohort.expression, worst.cohort);
    assert.equal(r.cohort.n_rows, worst.size);
    const out = path.join(tmp, 'cohort.json');
    await runCli(['evaluate', '--model', path.join(root, args.model), '--data', path.join(root, args.data), '--label', args.label, '--where', worst.cohort, '--json', out]);
    const cli = JSON.parse(fs.readFileSync(out, 'utf8')) as EvaluationResult;
    assert.equal(cli.n_rows, r.n_rows);
    assert.deepEqual(comparable({ ...r.metrics }), comparable({ ...cli.metrics }));
  });

  test('evaluateCohort refuses a cohort number the report does not have', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.evaluateCohort', { choice: 9999, showReport: false })), /no cohort number 9999/);
  });

  test('fairnessReport with args gives the same disparities as posthoc fairness --json', async () => {
    // breast-cancer has no demographic column: add a two-valued one so there are two groups.
    const lines = fs.readFileSync(path.join(root, args.data), 'utf8').trim().split('\n');
    const data = path.join(tmp, 'groups.csv');
    fs.writeFileSync(data, [`${lines[0]},site`, ...lines.slice(1).map((l, i) => `${l},${i % 3 === 0 ? 'A' : 'B'}`)].join('\n') + '\n');
    const model = path.join(root, args.model);
    // The model reads the original 30 columns; the group column is not one of its features.
    const features = lines[0].split(',').filter((c) => c !== args.label);
    const r = (await vscode.commands.executeCommand('posthoc.fairnessReport', { model, data, label: args.label, features, sensitive: 'site', bootstrap: 200 })) as FairnessResult;
    assert.deepEqual(r.groups.map((g) => g.group).sort(), ['A', 'B']);
    const out = path.join(tmp, 'fairness.json');
    await runCli(['fairness', '--model', model, '--data', data, '--label', args.label, '--features', features.join(','), '--sensitive', 'site', '--bootstrap', '200', '--json', out]);
    const cli = JSON.parse(fs.readFileSync(out, 'utf8')) as FairnessResult;
    assert.deepEqual(comparable(r), comparable(cli));
    await waitFor(async () => (await panels()).find((p) => p.title.includes('airness') && p.ready), 15_000, 'the fairness panel handshake');
  });
});

(trusted ? suite.skip : suite)('Posthoc: error analysis, cohorts, fairness (Restricted Mode)', () => {
  suiteSetup(async () => {
    await posthocExtension().activate();
  });

  for (const [command, extra] of [['posthoc.analyzeErrors', {}], ['posthoc.evaluateCohort', { choice: 0 }], ['posthoc.fairnessReport', { sensitive: 'mean_radius' }]] as const) {
    test(`${command} with args is refused with the Restricted Mode message`, async () => {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand(command, { ...args, ...extra })),
        (err: Error) => /Restricted Mode/.test(err.message) && /[Tt]rust/.test(err.message),
      );
    });
  }

  test('analyzeErrors from the palette refuses before showing any picker', async () => {
    const result = await Promise.race([
      vscode.commands.executeCommand('posthoc.analyzeErrors'),
      new Promise((resolve) => setTimeout(() => resolve('timed out: a picker is probably open'), 5000)),
    ]);
    assert.equal(result, undefined);
  });
});
