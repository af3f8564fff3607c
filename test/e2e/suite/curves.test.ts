/**
 * Training curves in the editor, in both runs (trusted and Restricted Mode: the command only
 * reads files): the command opens a panel for a copy of the fixture logdir, the webview draws
 * one chart per tag, and records appended to an event file reach the panel without a reload.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { maskedCrc32c } from '../../../src/core/curves/crc32c';
import { posthocExtension, workspaceRoot } from './config';
import { allTabs, waitFor } from './helpers';

/** What `posthoc._curvesPanels` returns per panel (see src/host/curves/curvesPanel.ts). */
interface CurvesPanelInfo {
  logdir: string;
  ready: boolean;
  charts: number;
  renderedCharts: number;
  tags: string[];
  points: number;
  updates: number;
  error?: string;
  webviewErrors: string[];
}

/** Tags across the fixture's runs: TensorBoard, Lightning/Keras CSV, JSON Lines and MLflow. */
const FIXTURE_TAGS = 8;

function varint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** One TFRecord holding Event{wall_time, step, summary{value{tag, simple_value}}}. */
function scalarRecord(wall: number, step: number, tag: string, value: number): Buffer {
  const tagBytes = Buffer.from(tag);
  const val: number[] = [0x0a];
  varint(val, tagBytes.length);
  val.push(...tagBytes, 0x15, 0, 0, 0, 0);
  const v = Buffer.from(val);
  v.writeFloatLE(value, v.length - 4);
  const ev: number[] = [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
  varint(ev, step);
  ev.push(0x2a);
  varint(ev, v.length + 2);
  ev.push(0x0a);
  varint(ev, v.length);
  const head = Buffer.from(ev);
  head.writeDoubleLE(wall, 1);
  const data = Buffer.concat([head, v]);
  const out = Buffer.alloc(16 + data.length);
  out.writeUInt32LE(data.length, 0);
  out.writeUInt32LE(maskedCrc32c(out, 0, 8), 8);
  data.copy(out, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}

async function panels(): Promise<CurvesPanelInfo[]> {
  return (await vscode.commands.executeCommand('posthoc._curvesPanels')) as CurvesPanelInfo[];
}

async function panelFor(logdir: string, ok: (p: CurvesPanelInfo) => boolean, what: string): Promise<CurvesPanelInfo> {
  let last: CurvesPanelInfo | undefined;
  try {
    return await waitFor(async () => {
      last = (await panels()).find((p) => p.logdir === logdir);
      return last && ok(last) ? last : undefined;
    }, 30_000, what);
  } catch (e) {
    throw new Error(`${(e as Error).message}; panel: ${JSON.stringify(last)}`);
  }
}

suite(`Posthoc: training curves (${vscode.workspace.isTrusted ? 'trusted' : 'Restricted Mode'})`, () => {
  let logdir = '';

  suiteSetup(async () => {
    await posthocExtension().activate();
    logdir = path.join(workspaceRoot(), 'curves-e2e-logdir');
    fs.rmSync(logdir, { recursive: true, force: true });
    fs.cpSync(path.join(posthocExtension().extensionPath, 'test', 'fixtures', 'curves', 'logdir'), logdir, { recursive: true });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(logdir, { recursive: true, force: true });
  });

  test('the command is contributed for folders in the Explorer', () => {
    const menus = posthocExtension().packageJSON.contributes.menus['explorer/context'] as { command: string; when: string }[];
    assert.ok(menus.some((m) => m.command === 'posthoc.showTrainingCurves' && /explorerResourceIsFolder/.test(m.when)));
  });

  test('opens a panel that draws one chart per tag', async () => {
    await vscode.commands.executeCommand('posthoc.showTrainingCurves', vscode.Uri.file(logdir));
    const info = await panelFor(logdir, (p) => p.ready && p.renderedCharts === FIXTURE_TAGS, `${FIXTURE_TAGS} drawn charts`);
    assert.equal(info.charts, FIXTURE_TAGS);
    assert.equal(info.tags.length, FIXTURE_TAGS);
    assert.deepEqual(info.webviewErrors, []);
    assert.ok(allTabs().some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('posthoc.curves')), 'a curves tab is open');
  });

  test('records appended to an event file reach the open panel', async () => {
    const before = await panelFor(logdir, (p) => p.ready, 'the panel');
    const file = path.join(logdir, 'tb', 'train', fs.readdirSync(path.join(logdir, 'tb', 'train')).find((f) => f.startsWith('events.out.tfevents.'))!);
    // A trainer's next writes: a new tag, in two appends (the second while the panel is live).
    const wall = 1_700_100_000;
    fs.appendFileSync(file, Buffer.concat([0, 1, 2].map((i) => scalarRecord(wall + i, 1000 + i, 'live/grad_norm', 1 / (i + 1)))));
    const grown = await panelFor(logdir, (p) => p.charts === FIXTURE_TAGS + 1 && p.renderedCharts === FIXTURE_TAGS + 1, 'the appended tag to be drawn');
    assert.ok(grown.tags.includes('live/grad_norm'));
    assert.equal(grown.points, before.points + 3);
    assert.ok(grown.updates > before.updates);
    fs.appendFileSync(file, Buffer.concat([3, 4].map((i) => scalarRecord(wall + i, 1000 + i, 'live/grad_norm', 1 / (i + 1)))));
    await panelFor(logdir, (p) => p.points === before.points + 5, 'the second append');
  });

  test('the command with a file instead of a folder is refused with a message', async () => {
    const file = path.join(logdir, 'keras', 'metrics.csv');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('posthoc.showTrainingCurves', file)), /not a folder/);
  });

  test('runs in Restricted Mode too (it only reads files)', async () => {
    const info = (await panels()).find((p) => p.logdir === logdir);
    assert.ok(info?.ready, `panel opened with trust ${vscode.workspace.isTrusted}`);
    assert.equal(info?.error, undefined);
  });
});
