import * as path from 'node:path';
import * as vscode from 'vscode';
import { UsageError } from '../../core/errors';
import { StudyPanel, type StudyPanelInfo } from './studyPanel';
import { tuneMessages } from './tuneMessages';
import { toUri } from '../pickers';

/** Arguments of `posthoc.openStudy` for programmatic callers. */
export interface OpenStudyArgs {
  /** The study file: an Optuna journal (.log) or SQLite storage (.db) (path or URI string). */
  file: string;
  /** The study's name; asked for when the file holds several. */
  study?: string;
}

/**
 * `posthoc.openStudy`: shows a stored study (an Optuna journal, `.log`, or an Optuna SQLite
 * storage, `.db`, read without writing) as a report. Only reads
 * files, so it works in Restricted Mode. Resolves to the panel's state, or undefined when the
 * user dismissed a picker.
 */
export async function openStudyCommand(extensionUri: vscode.Uri, arg?: unknown): Promise<StudyPanelInfo | undefined> {
  let uri: vscode.Uri | undefined;
  let study: string | undefined;
  if (arg instanceof vscode.Uri) uri = arg;
  else if (typeof arg === 'string') uri = toUri(arg);
  else if (typeof arg === 'object' && arg !== null) {
    const a = arg as Partial<OpenStudyArgs>;
    if (typeof a.file !== 'string') throw new UsageError('posthoc.openStudy takes { file, study? }: the study file (.log or .db) and, optionally, the study name.');
    uri = toUri(a.file);
    study = typeof a.study === 'string' ? a.study : undefined;
  }
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      title: tuneMessages.pickStudyTitle,
      openLabel: 'Open Study',
      filters: { 'Optuna study (journal or SQLite)': ['log', 'db', 'sqlite', 'sqlite3'], 'All files': ['*'] },
    });
    uri = picked?.[0];
    if (!uri) return undefined;
  }
  const file = uri.fsPath;
  if (study === undefined) {
    // A storage may hold several studies: ask which (reading names is quick; the report is built in a worker).
    const { studyNames } = await import('../../core/tune/storage');
    const { existsSync } = await import('node:fs');
    if (!existsSync(file)) throw new UsageError(tuneMessages.noStudyFile(file));
    const names = await studyNames(file);
    if (names.length > 1) {
      study = await vscode.window.showQuickPick(names, { title: 'Posthoc: Open Study', placeHolder: tuneMessages.pickStudyName(path.basename(file)) });
      if (!study) return undefined;
    }
  }
  const panel = StudyPanel.show(extensionUri, file, study);
  await panel.idle();
  return StudyPanel.describe().find((p) => p.storage === file && (study === undefined || p.study === study));
}
