/**
 * "Explain this image" from an evaluation report's gallery. The webview sends only the
 * thumbnail's number; the file is found here from the host's own result (never from a path the
 * page sent), and posthoc.saliency runs with the result's model and preprocessing.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DataError, UsageError } from '../../core/errors';
import type { EvaluationResult } from '../../core/evaluate/types';
import { galleryImage } from '../../core/report/gallery';
import type { SaliencyArgs } from './saliencyCommand';
import { saliencyStrings as s } from './saliencyStrings';

/** The posthoc.saliency arguments for gallery thumbnail `index`; checks the file is still there. */
export async function galleryImageArgs(result: EvaluationResult, index: number): Promise<SaliencyArgs> {
  const { file, trueClass } = galleryImage(result, index);
  try {
    await fs.stat(file);
  } catch {
    throw new DataError(s.galleryImageMissing(file));
  }
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const model = path.isAbsolute(result.model.path) || !root ? path.resolve(result.model.path) : path.resolve(root, result.model.path);
  return {
    model, image: file, preprocess: result.images!.preprocess, interactive: true,
    ...(result.classes ? { classes: result.classes } : {}), ...(trueClass !== undefined ? { trueClass } : {}),
  };
}

/** Runs posthoc.saliency for gallery thumbnail `index` of `result` (errors are shown by the command). */
export async function explainGalleryImage(result: EvaluationResult | undefined, index: number): Promise<void> {
  if (!result?.images) throw new UsageError(s.notAnImageReport);
  const args = await galleryImageArgs(result, index);
  // The command reports its own errors; the catch only keeps them from being shown twice.
  await Promise.resolve(vscode.commands.executeCommand('posthoc.saliency', args)).catch(() => undefined);
}
