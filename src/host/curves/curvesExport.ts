import * as path from 'node:path';
import * as vscode from 'vscode';
import { UsageError } from '../../core/errors';
import type { Report } from '../../core/report/types';
import { renderReportText, type ReportFormat } from '../exportReport';
import { safeFileName, saveWithDialog } from '../saveFile';
import { curvesMessages } from './curvesMessages';

const FILTERS: Record<ReportFormat, string> = { html: 'HTML', md: 'Markdown', json: 'JSON' };

/**
 * Saves the curves panel's report: HTML (standalone, charts drawn by the bundled report
 * script) and Markdown through the report panel's renderers; JSON is the shown runs in the
 * shape `posthoc curves --json` writes, which the worker serializes from the full series.
 */
export async function exportCurves(
  extensionUri: vscode.Uri,
  logdir: vscode.Uri,
  report: Report | undefined,
  format: ReportFormat,
  runsJson: () => Promise<string>,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  if (!report) throw new UsageError(curvesMessages.stillLoading);
  const text = format === 'json' ? await runsJson() : await renderReportText(extensionUri, { report }, format);
  const stem = safeFileName(`${path.basename(logdir.fsPath) || 'logdir'}-curves`);
  return saveWithDialog({ content: text, suggestedName: `${stem}.${format}`, filterName: FILTERS[format], extensions: [format], target });
}
