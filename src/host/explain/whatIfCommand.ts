/**
 * `posthoc.whatIf`: picks model, dataset, label and row (each skipped when given) and opens the
 * what-if panel for that row. Refused in Restricted Mode, like every command that runs a model.
 */
import * as vscode from 'vscode';
import { labelChoices, pickDataset, toUri } from '../pickers';
import { explainSettings, UntrustedExplainError } from './explainShared';
import { explainStrings as s } from './explainStrings';
import { pickExplainModel, pickOptionalLabel } from './explainPickers';
import { WhatIfPanel, type WhatIfState } from './whatIfPanel';

/** Arguments of `posthoc.whatIf` for programmatic callers; given fields skip their picker. */
export interface WhatIfArgs {
  model?: string;
  data?: string;
  /** Label column to leave out of the features; `null` for none (a target/label/y/class column is still guessed). */
  label?: string | null;
  /** 0-based data row (default: asked, or 0 with an args object). */
  row?: number;
  /** k-means centroids of the background (default 50). */
  centroids?: number;
}

/** Background centroids when not given: small enough for sub-second updates. */
const DEFAULT_CENTROIDS = 50;

/** Runs the What-If flow; resolves to the new panel's first state, or undefined when a picker was dismissed. */
export async function openWhatIf(extensionUri: vscode.Uri, arg?: unknown): Promise<WhatIfState | undefined> {
  if (!vscode.workspace.isTrusted) throw new UntrustedExplainError();
  const programmatic = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
  const args: WhatIfArgs = programmatic ? (arg as WhatIfArgs) : {};
  const model = arg instanceof vscode.Uri ? arg : args.model ? toUri(args.model) : await pickExplainModel(s.whatIfModelTitle);
  if (!model) return undefined;
  const { SUPPORTED_DATA_EXTENSIONS } = await import('../../core/data/readTable');
  const data = args.data ? toUri(args.data) : await pickDataset(SUPPORTED_DATA_EXTENSIONS, model);
  if (!data) return undefined;

  let label: string | undefined;
  if (typeof args.label === 'string') label = args.label;
  else if (!programmatic) {
    const { columns, guess } = await labelChoices(data);
    const picked = await pickOptionalLabel(columns, guess, s.whatIfLabelTitle);
    if (picked === undefined) return undefined;
    label = picked ?? undefined;
  }

  let row = args.row;
  if (row === undefined && !programmatic) {
    const text = await vscode.window.showInputBox({
      title: s.whatIfRowTitle,
      prompt: s.whatIfRowPrompt(),
      value: '0',
      ignoreFocusOut: true,
      validateInput: (t) => (/^\s*\d+\s*$/.test(t) ? undefined : s.whatIfRowInvalid),
    });
    if (text === undefined) return undefined;
    row = Number(text.trim());
  }
  const settings = explainSettings(model);
  const panel = WhatIfPanel.open(extensionUri, {
    model: model.fsPath,
    data: data.fsPath,
    ...(label !== undefined ? { label } : {}),
    row: row ?? 0,
    seed: settings.seed,
    centroids: args.centroids ?? DEFAULT_CENTROIDS,
    ...(settings.maxRows > 0 ? { maxRows: settings.maxRows } : {}),
  });
  return panel.state();
}

/**
 * `posthoc._whatIfPanels` (internal, for tests): without an argument, the state of every open
 * panel; with `{ message }`, hands that message to the newest panel as if its webview sent it
 * (validated the same way) and resolves to the panel's state once it has been handled.
 */
export async function whatIfPanelsCommand(arg?: unknown): Promise<WhatIfState[] | WhatIfState> {
  if (typeof arg === 'object' && arg !== null && 'message' in arg) {
    const panel = WhatIfPanel.current();
    if (!panel) throw new Error(s.whatIfNoPanel);
    return panel.simulate((arg as { message: unknown }).message);
  }
  return WhatIfPanel.describe();
}
