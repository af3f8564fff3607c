/**
 * "Posthoc: Fairness Report…": model, dataset, label and the sensitive column → per-group rates
 * and Fairlearn's disparities with bootstrap intervals, computed in a worker thread, shown in the
 * report panel. The same numbers as `posthoc fairness --sensitive COL`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DataError } from '../../core/errors';
import type { FairnessOptions, FairnessResult } from '../../core/fairness/fairness';
import type { Report } from '../../core/report/types';
import { evaluateSettings } from '../config';
import { log } from '../log';
import { analysisStrings as s } from './analysisStrings';
import { isArgs, pickInputs, requireTrust } from './analysisShared';
import { withWorkProgress as withProgress } from '../workProgress';

/** Arguments of `posthoc.fairnessReport`: any {@link FairnessOptions} field; given fields skip their picker. */
export interface FairnessArgs extends Partial<FairnessOptions> {
  showReport?: boolean;
  signal?: AbortSignal;
}

/** Rows read to list the columns and count their distinct values for the picker. */
const HEAD_ROWS = 1000;

/** The sensitive column: every column but the label, with how many distinct values it has near the top. */
async function pickSensitive(data: vscode.Uri, label: string): Promise<string | undefined> {
  const { readTable } = await import('../../core/data/readTable');
  const head = await readTable(data.fsPath, { maxRows: HEAD_ROWS });
  const columns = head.columns.filter((c) => c.name !== label);
  if (columns.length === 0) throw new DataError(s.noSensitive(label));
  const distinct = (values: ArrayLike<unknown>) => new Set(Array.from(values, String)).size;
  // Few distinct values make usable groups: offer those first.
  const items = columns
    .map((c) => ({ label: c.name, n: distinct(c.values) }))
    .sort((a, b) => a.n - b.n || a.label.localeCompare(b.label))
    .map((c) => ({ label: c.label, description: `${c.n}${head.nRows >= HEAD_ROWS ? '+' : ''} distinct value${c.n === 1 ? '' : 's'}` }));
  return (await vscode.window.showQuickPick(items, { title: s.pickSensitiveTitle, placeHolder: s.pickSensitivePlaceholder, ignoreFocusOut: true }))?.label;
}

/** `posthoc.fairnessReport`: resolves to the result, or undefined when a picker was dismissed. */
export async function fairnessCommand(arg: unknown, show: (report: Report) => Promise<void>): Promise<FairnessResult | undefined> {
  requireTrust();
  const args: FairnessArgs = isArgs(arg) ? (arg as FairnessArgs) : {};
  const inputs = await pickInputs(arg, args);
  if (!inputs) return undefined;
  const sensitive = args.sensitive ?? (await pickSensitive(inputs.data, inputs.label));
  if (!sensitive) return undefined;
  const { showReport = true, signal, ...overrides } = args;
  const settings = evaluateSettings(inputs.model);
  const options: FairnessOptions = {
    threshold: settings.threshold,
    bootstrap: settings.bootstrap,
    seed: settings.seed,
    maxRows: settings.maxRows || undefined,
    ...overrides,
    model: inputs.model.fsPath,
    data: inputs.data.fsPath,
    label: inputs.label,
    sensitive,
  };
  log().info(`fairness ${JSON.stringify(options)}`);
  const { evaluateFairnessInWorker } = await import('../../core/cohorts/cohortsInWorker');
  const result = await withProgress(`${s.fairness} ${path.basename(options.model)}`, (hooks) => evaluateFairnessInWorker(options, hooks), signal);
  for (const w of result.warnings) log().warn(w);
  if (showReport) {
    const { buildFairnessReport } = await import('../../core/report/fairnessReport');
    await show(buildFairnessReport(result));
  }
  return result;
}
