/**
 * Helpers the analysis commands share: the Restricted Mode check, argument resolution, the
 * model → dataset → label pickers.
 */
import * as vscode from 'vscode';
import { UntrustedWorkspaceError } from '../errors';
import { labelChoices, pickDataset, pickLabel, pickModel, toUri } from '../pickers';

/** Refuses in Restricted Mode, before any picker: every analysis command runs the model. */
export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError();
}

/** True for an args object from a programmatic caller (tests, keybindings), not a Uri or nothing. */
export function isArgs(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
}


/** Model, dataset and label, each from the arguments when given, else from its picker. */
export interface Inputs {
  model: vscode.Uri;
  data: vscode.Uri;
  label: string;
}

/**
 * Picks what is not given: the model (a Uri argument from the Explorer counts), the dataset
 * (files beside the model first), the label (the guessed column first). Undefined when dismissed.
 */
export async function pickInputs(arg: unknown, given: { model?: string; data?: string; label?: string }): Promise<Inputs | undefined> {
  const model = arg instanceof vscode.Uri ? arg : given.model ? toUri(given.model) : await pickModel();
  if (!model) return undefined;
  const { SUPPORTED_DATA_EXTENSIONS } = await import('../../core/data/readTable');
  const data = given.data ? toUri(given.data) : await pickDataset(SUPPORTED_DATA_EXTENSIONS, model);
  if (!data) return undefined;
  let label = given.label;
  if (!label) {
    const { columns, guess } = await labelChoices(data);
    label = await pickLabel(columns, guess);
    if (!label) return undefined;
  }
  return { model, data, label };
}

