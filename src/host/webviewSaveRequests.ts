/** The save requests of report-style webviews (`export`, `exportChart`) and the `reply` to each. */
import type * as vscode from 'vscode';
import type { ExportChartMessage, ExportMessage, ReplyMessage, ReportExportFormat } from '../shared/protocol';
import { reportError } from './errors';
import { exportChart } from './exportReport';

/**
 * Saves what the webview asked for — the report through `saveReport`, or one chart image — and
 * replies with the saved path, null if the user cancelled, or the error (also shown to the user).
 */
export async function answerSaveRequest(
  m: ExportMessage | ExportChartMessage,
  post: (reply: ReplyMessage) => void,
  saveReport: (format: ReportExportFormat) => Promise<vscode.Uri | undefined>,
): Promise<void> {
  try {
    const uri = await (m.type === 'export'
      ? saveReport(m.format)
      : exportChart(m.format === 'png' ? { format: 'png', name: m.chartId, dataUrl: m.dataUrl } : { format: 'svg', name: m.chartId, svg: m.svg }));
    post({ type: 'reply', id: m.id, ok: true, value: uri ? uri.fsPath : null });
  } catch (error) {
    post({ type: 'reply', id: m.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    reportError(error);
  }
}
