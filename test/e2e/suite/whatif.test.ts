/**
 * The what-if panel: opens for a data row, completes its handshake under the strict CSP, shows
 * the prediction with KernelSHAP values that add up to it, and recomputes after an edit.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WhatIfOutcome, WhatIfSetup } from '../../../src/shared/whatifProtocol';
import { posthocExtension } from './config';
import { waitFor } from './helpers';

interface WhatIfState { title: string; ready: boolean; setup?: WhatIfSetup; values?: number[]; outcome?: WhatIfOutcome; seq: number; errors: string[] }

const TOLERANCE = 1e-4;

async function panels(): Promise<WhatIfState[]> {
  return (await vscode.commands.executeCommand('posthoc._whatIfPanels')) as WhatIfState[];
}

function checkAdditive(setup: WhatIfSetup, outcome: WhatIfOutcome): void {
  const sum = outcome.base + outcome.phi.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - outcome.fx) <= TOLERANCE, `base + Σφ = ${sum}, prediction ${outcome.fx}`);
  assert.ok(Math.abs(outcome.fx - outcome.prediction[setup.classIndex]) <= TOLERANCE, `explained output ${outcome.fx} vs prediction ${outcome.prediction[setup.classIndex]}`);
  assert.equal(outcome.phi.length, setup.features.length);
}

(vscode.workspace.isTrusted ? suite : suite.skip)('Posthoc: what-if panel', () => {
  let first: WhatIfState;

  suiteSetup(async () => {
    await posthocExtension().activate();
  });

  test('opens for a row, completes the handshake and shows additive SHAP values', async () => {
    await vscode.commands.executeCommand('posthoc.whatIf', { model: 'model.onnx', data: 'test.csv', label: 'target', row: 3 });
    first = await waitFor(async () => (await panels()).find((p) => p.title === 'What-If: model.onnx row 3' && p.ready && p.outcome), 30_000, 'the first what-if result');
    const { setup, outcome } = first;
    assert.ok(setup && outcome);
    assert.equal(setup.features.length, 30);
    assert.equal(setup.row, 3);
    assert.deepEqual(outcome.values, setup.original);
    checkAdditive(setup, outcome);
    assert.deepEqual(first.errors, []);
  });

  test('an edit changes the prediction, and the new SHAP values still add up', async () => {
    const setup = first.setup!;
    // Halve every feature: row 3 is a confident 'malignant'; halved, the model says 'benign'.
    const values = Object.fromEntries(setup.features.map((f, j) => [f, setup.original[j] * 0.5]));
    const after = (await vscode.commands.executeCommand('posthoc._whatIfPanels', { message: { type: 'edit', seq: first.seq + 1, values } })) as WhatIfState;
    assert.ok(after.outcome, 'no result after the edit');
    assert.deepEqual(after.outcome.values, setup.original.map((v) => v * 0.5));
    const moved = after.outcome.prediction[setup.classIndex] - first.outcome!.prediction[setup.classIndex];
    assert.ok(Math.abs(moved) > 0.1, `the prediction moved by ${moved} only`);
    checkAdditive(setup, after.outcome);
    // The budget aims well under a second; the slack is for a loaded test machine.
    assert.ok(after.outcome.elapsedMs < 1500, `an update took ${after.outcome.elapsedMs} ms`);
  });

  test('invalid edits are refused: unknown features and non-finite values', async () => {
    const setup = first.setup!;
    const good = Object.fromEntries(setup.features.map((f, j) => [f, setup.original[j]]));
    const send = (message: unknown) => Promise.resolve(vscode.commands.executeCommand('posthoc._whatIfPanels', { message }));
    await assert.rejects(send({ type: 'edit', seq: 99, values: { ...good, no_such_feature: 1 } }), /invalid/);
    await assert.rejects(send({ type: 'edit', seq: 99, values: { ...good, [setup.features[0]]: Number.NaN } }), /invalid/);
    await assert.rejects(send({ type: 'edit', seq: 99, values: { ...good, [setup.features[0]]: '1' } }), /invalid/);
  });

  test('reset restores the original row', async () => {
    const after = (await vscode.commands.executeCommand('posthoc._whatIfPanels', { message: { type: 'reset' } })) as WhatIfState;
    assert.deepEqual(after.values, first.setup!.original);
    assert.ok(after.outcome);
    assert.ok(Math.abs(after.outcome.fx - first.outcome!.fx) <= 1e-12);
  });
});
