/** The pickers of "Explain Image (Saliency)": the image file, the methods and the target classes. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SaliencyProbe } from '../../core/saliency/batch';
import { GRADIENT_METHODS, SALIENCY_METHODS, type SaliencyMethod } from '../../core/saliency/types';
import { saliencyStrings as s } from './saliencyStrings';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**,**/dist/**}';
const MAX_FILES = 500;

/** Picks an image (or .npy) in the workspace, files beside the model first, or browses for one. */
export async function pickImage(extensions: readonly string[], near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const exts = extensions.map((e) => e.replace(/^\./, ''));
  const found = await vscode.workspace.findFiles(`**/*.{${exts.join(',')}}`, EXCLUDE, MAX_FILES);
  const home = near ? path.dirname(near.fsPath) : undefined;
  const rank = (u: vscode.Uri) => (home && u.fsPath.startsWith(home + path.sep) ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || a.fsPath.localeCompare(b.fsPath));
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = found.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri }));
  items.push({ label: s.browse, detail: s.browseDetail, alwaysShow: true });
  const pick = await vscode.window.showQuickPick(items, { title: s.pickImageTitle, placeHolder: s.pickImagePlaceholder, matchOnDescription: true, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Images: exts }, title: s.pickImageTitle, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return chosen?.[0];
}

/**
 * The methods preselected: integrated gradients (plus Grad-CAM when the model has a
 * convolution) when the gradient graph builds, else occlusion, which only calls the model.
 */
export function defaultMethods(probe: SaliencyProbe): SaliencyMethod[] {
  if (!probe.gradients) return ['occlusion'];
  return probe.convLayer ? ['integrated-gradients', 'grad-cam'] : ['integrated-gradients'];
}

/** Multi-select of methods, the defaults preselected; gradient methods say when they cannot run. */
export async function pickMethods(probe: SaliencyProbe): Promise<SaliencyMethod[] | undefined> {
  const preselected = new Set(defaultMethods(probe));
  type Item = vscode.QuickPickItem & { method: SaliencyMethod };
  const items: Item[] = SALIENCY_METHODS.map((method) => {
    const gradient = GRADIENT_METHODS.includes(method);
    return {
      label: method,
      method,
      description: gradient ? s.gradientBased : s.gradientFree,
      ...(gradient && !probe.gradients ? { detail: s.noGradients(probe.gradientError ?? '') } : {}),
      picked: preselected.has(method),
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: s.pickMethodsTitle, placeHolder: s.pickMethodsPlaceholder, canPickMany: true, ignoreFocusOut: true });
  return picked?.map((p) => p.method);
}

/**
 * Multi-select of target classes, most probable first; the top prediction preselected, and the
 * true class too when known (an image from an evaluation's gallery).
 */
export async function pickTargets(probe: SaliencyProbe, classes: readonly string[], trueClass?: number): Promise<number[] | undefined> {
  const order = probe.probabilities.map((p, k) => [p, k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const preselected = new Set(trueClass === undefined ? [probe.top] : [probe.top, trueClass]);
  type Item = vscode.QuickPickItem & { target: number };
  const items: Item[] = order.map(([p, k]) => ({
    label: classes[k] ?? `class ${k}`,
    target: k,
    description: `p = ${(100 * p).toFixed(1)}%${k === probe.top ? ` · ${s.top}` : k === trueClass ? ` · ${s.trueClass}` : ''}`,
    picked: preselected.has(k),
  }));
  const picked = await vscode.window.showQuickPick(items, { title: s.pickTargetsTitle, placeHolder: s.pickTargetsPlaceholder, canPickMany: true, ignoreFocusOut: true });
  return picked?.map((p) => p.target);
}
