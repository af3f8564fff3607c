/** The Posthoc activity-bar views: Models lists the workspace's models; Reports keeps results. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import { posthocExtension, workspaceRoot } from './config';
import { reportTabs, waitFor } from './helpers';

interface Entry {
  id: string;
  model: string;
  data: string;
  headline?: { label: string; value: number };
}

const reports = async () => (await vscode.commands.executeCommand('posthoc._reports')) as Entry[];

suite('Posthoc: views', () => {
  suiteSetup(() => posthocExtension().activate());

  test('the view container and both views are contributed', () => {
    const c = posthocExtension().packageJSON.contributes;
    assert.equal(c.viewsContainers.activitybar[0].id, 'posthoc');
    assert.deepEqual(c.views.posthoc.map((v: { id: string }) => v.id), ['posthoc.models', 'posthoc.reports']);
  });

  test('the Models view lists the example model', async () => {
    await vscode.commands.executeCommand('posthoc.models.focus');
    const models = (await vscode.commands.executeCommand('posthoc._models')) as string[];
    assert.ok(models.includes(path.join(workspaceRoot(), 'model.onnx')), `listed: ${models.join(', ')}`);
  });
});

(vscode.workspace.isTrusted ? suite : suite.skip)('Posthoc: Reports view (trusted workspace)', () => {
  let tmp = '';
  let entry: Entry;
  let result: EvaluationResult;

  suiteSetup(async () => {
    await posthocExtension().activate();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posthoc-reports-'));
  });
  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('an evaluation adds an entry with its headline metric', async () => {
    const before = (await reports()).length;
    result = (await vscode.commands.executeCommand('posthoc.evaluateModel', { model: 'model.onnx', data: 'test.csv', label: 'target', bootstrap: 0, showReport: false })) as EvaluationResult;
    const after = await reports();
    assert.equal(after.length, Math.min(20, before + 1));
    entry = after[0];
    assert.equal(entry.model, path.join(workspaceRoot(), 'model.onnx'));
    assert.equal(entry.data, path.join(workspaceRoot(), 'test.csv'));
    assert.ok(entry.headline && Number.isFinite(entry.headline.value), 'no headline metric');
  });

  test('re-open shows the report panel again', async () => {
    const before = reportTabs().length;
    await vscode.commands.executeCommand('posthoc.reports.open', entry.id);
    await waitFor(() => reportTabs().length > before, 10_000, 'a new report tab');
  });

  test('export writes the saved result as JSON', async () => {
    const target = path.join(tmp, 'saved.json');
    await vscode.commands.executeCommand('posthoc.reports.export', entry, { format: 'json', target });
    const saved = JSON.parse(fs.readFileSync(target, 'utf8')) as EvaluationResult;
    assert.deepEqual(saved.metrics, result.metrics);
  });

  test('delete removes the entry', async () => {
    const deleted = await vscode.commands.executeCommand('posthoc.reports.delete', entry, { confirmed: true });
    assert.equal(deleted, true);
    assert.ok(!(await reports()).some((e) => e.id === entry.id));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.reports.open', entry.id)), /no longer in the list/);
  });
});
